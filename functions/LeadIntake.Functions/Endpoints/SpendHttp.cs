using System.Text.Json;
using LeadIntake.Application.Kpis;
using LeadIntake.Domain.Kpis;

namespace LeadIntake.Functions.Endpoints;

/// <summary>The HTTP side of <c>POST /api/spend</c>: marketing spend per month and channel or campaign, as JSON or CSV.</summary>
/// <remarks>
/// JSON: <c>{ "spend": [ { "month": "2026-11", "channel": "paid_search" | "campaign": "dec-webinar", "amount": 1200.5,
/// "currency": "EUR" } ] }</c>. CSV (<c>text/csv</c>): the header <c>month,channel,campaign,amount,currency</c>, then one row
/// per line with exactly one of channel or campaign. Any bad row refuses the whole request with 400 problem+json naming
/// each row and field (<c>spend[1].amount</c>, <c>lines[3].channel</c>, n being the file's line number); otherwise every
/// row is stored (replacing the same month and channel or campaign) and 200 lists what was stored. Storage failures
/// propagate to the 503 middleware.
/// </remarks>
public sealed class SpendHttp(RecordSpend record)
{
    /// <summary>Largest request body.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    private static readonly string[] _rootFields = ["spend"];
    private static readonly string[] _fields = ["month", "channel", "campaign", "amount", "currency"];

    /// <summary>Handles one request.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new ApiFieldErrors();
        IReadOnlyList<MarketingSpend>? spend;
        if (!JsonApiBody.IsCsv(request) && !JsonApiBody.IsJson(request))
            return Results.Problem("Send the spend as application/json or text/csv.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        if (JsonApiBody.IsCsv(request))
        {
            var (text, refusal) = await JsonApiBody.ReadCsvAsync(request, MaxBodyBytes, cancellationToken);
            if (text is null)
                return refusal!;
            spend = RecordSpend.ReadCsv(text, errors.Add);
        }
        else
        {
            var (body, refusal) = await JsonApiBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
            if (body is null)
                return refusal!;
            using (body)
                spend = ReadJson(body.RootElement, errors);
        }

        if (spend is null || !errors.IsEmpty)
            return Results.ValidationProblem(errors.ToDictionary(), title: "Some spend rows are not valid; none was stored.");

        var stored = await record.RunAsync(spend, cancellationToken);
        return Results.Ok(new
        {
            stored = stored.Count,
            spend = stored.Select(s => new
            {
                month = s.Month,
                channel = s.Dimension == KpiDimension.Channel ? s.Value : null,
                campaign = s.Dimension == KpiDimension.Campaign ? s.Value : null,
                amount = s.Amount,
                currency = s.Currency,
            }),
        });
    }

    private static List<MarketingSpend>? ReadJson(JsonElement root, ApiFieldErrors errors)
    {
        if (!errors.RequireObject(root, "", _rootFields))
            return null;
        if (!root.TryGetProperty("spend", out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() is 0 or > RecordSpend.MaxRows)
        {
            errors.Add("spend", $"must be an array of 1 to {RecordSpend.MaxRows} rows");
            return null;
        }

        var rows = new List<MarketingSpend>();
        var indexes = new List<int>();
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            var prefix = $"spend[{i}].";
            if (errors.RequireObject(item, prefix, _fields))
            {
                var month = errors.String(item, "month", prefix, required: false, 16);
                var channel = errors.String(item, "channel", prefix, required: false, 64);
                var campaign = errors.String(item, "campaign", prefix, required: false, MarketingSpendInput.MaxCampaignLength);
                var currency = errors.String(item, "currency", prefix, required: false, 8);
                decimal? amount = null;
                var amountBad = false;
                if (item.TryGetProperty("amount", out var value) && value.ValueKind != JsonValueKind.Null)
                {
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var parsed))
                        amount = parsed;
                    else
                        errors.Add(prefix + "amount", MarketingSpendInput.AmountMessage);
                    amountBad = amount is null;
                }

                if (MarketingSpendInput.Check(month, channel, campaign, amount, currency, prefix, errors.Add, amountBad) is { } row)
                {
                    rows.Add(row);
                    indexes.Add(i);
                }
            }

            i++;
        }

        MarketingSpendInput.CheckUnique(rows, r => $"spend[{indexes[r]}].", errors.Add);
        return errors.IsEmpty ? rows : null;
    }
}
