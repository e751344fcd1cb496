using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using LeadIntake.Domain.Funnel;
using LeadIntake.Domain.Kpis;
using LeadIntake.Storage.Leads;

namespace LeadIntake.Storage.Kpis;

/// <summary>The one mapper between the funnel KPI types and their table rows: the sources (<c>StageChangesByDay</c>, <c>SalesCycles</c>) and the aggregates (<c>FunnelDaily</c>, <c>FunnelCohorts</c>).</summary>
/// <remarks>
/// <para>
/// Older <c>StageChangesByDay</c> rows, written before the KPI columns existed, have no <c>Reached</c>: a new lead's row
/// (empty <c>FromStage</c>, <c>ToStage</c> Lead) is read as reaching [Lead], any other as reaching nothing, because which
/// stages a move reached first cannot be told from one row. Their channel is <see cref="KpiDimensionCodes.None"/> and
/// their capture time the move's own time.
/// </para>
/// <para>
/// <c>FunnelCohorts</c> rows (PartitionKey = MQL month <c>yyyy-MM</c>, RowKey = <c>{dimension}|{value}</c>) have the columns
/// Dimension, Value, MQLs, SqlByM0 … SqlByM11, WonByM0 … WonByM11 (cumulative) and RebuiltAt, written as a
/// <see cref="TableEntity"/> because the lag columns are numbered.
/// </para>
/// </remarks>
public static class FunnelEntityMapper
{
    /// <summary>The column prefix of the cohort's SQLs by lag (<c>SqlByM0</c> … <c>SqlByM11</c>).</summary>
    public const string SqlByLagColumn = "SqlByM";

    /// <summary>The column prefix of the cohort's won by lag (<c>WonByM0</c> … <c>WonByM11</c>).</summary>
    public const string WonByLagColumn = "WonByM";

    /// <summary>The stage move a <c>StageChangesByDay</c> row records.</summary>
    /// <exception cref="FormatException">A stage code is not one.</exception>
    public static FunnelMove ToMove(StageChangeByDayEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        FunnelStage? from = string.IsNullOrEmpty(row.FromStage) ? null : FunnelStageCodes.Parse(row.FromStage);
        var to = FunnelStageCodes.Parse(row.ToStage);
        IReadOnlyList<FunnelStage> reached = row.Reached is { } codes
            ? [.. codes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(FunnelStageCodes.Parse)]
            : from is null && to == FunnelStage.Lead ? [FunnelStage.Lead] : [];
        return new FunnelMove(
            row.LeadId, from, to, row.At, reached, row.FromEnteredAt,
            new FunnelAttribution(row.Channel ?? KpiDimensionCodes.None, row.Campaign, row.FormId, row.Owner),
            row.CreatedAt ?? row.At, row.MqlAt, row.Score, row.Probability, row.ScoringModel, row.Amount is { } amount ? (decimal)amount : null);
    }

    /// <summary>The hand-off a <c>SalesCycles</c> row records.</summary>
    public static SalesCycle ToCycle(SalesCycleEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new SalesCycle(
            row.LeadId, new FunnelAttribution(row.Channel, row.Campaign, row.FormId, row.Owner), row.CapturedAt, row.HandedOffAt, row.ResponseDueAt,
            row.FirstResponseAt, row.FirstResponseBreachedAt, row.FollowUpCount, row.FollowUpsDueAt, row.FollowUpBreachedAt, row.ConnectedAt);
    }

    /// <summary>The <c>FunnelDaily</c> volume row of <paramref name="row"/>.</summary>
    public static FunnelDailyEntity ToEntity(FunnelDailyRow row, DateTimeOffset rebuiltAt)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new FunnelDailyEntity
        {
            PartitionKey = KpiCalendar.DayKey(row.Day),
            RowKey = FunnelRowKeys.Volume(row.Dimension, row.Value),
            Dimension = KpiDimensionCodes.Table.ToCode(row.Dimension),
            Value = row.Value,
            Leads = row.Volumes.Leads,
            MQLs = row.Volumes.Mqls,
            SALs = row.Volumes.Sals,
            SQLs = row.Volumes.Sqls,
            Opportunities = row.Volumes.Opportunities,
            Won = row.Volumes.Won,
            Lost = row.Volumes.Lost,
            Nurture = row.Volumes.Nurture,
            Disqualified = row.Volumes.Disqualified,
            WonAmount = (double)row.Volumes.WonAmount,
            Handoffs = row.Sla.Handoffs,
            RespondedWithinSla = row.Sla.RespondedWithinSla,
            RespondedLate = row.Sla.RespondedLate,
            ResponsesMissed = row.Sla.Missed,
            ResponsesPending = row.Sla.Pending,
            FollowUpsMet = row.Sla.FollowUpsMet,
            FollowUpsMissed = row.Sla.FollowUpsMissed,
            FollowUpsPending = row.Sla.FollowUpsPending,
            FollowUps = row.Sla.FollowUps,
            TimeInLead = row.TimeInStage[FunnelStage.Lead].ToText(),
            TimeInMQL = row.TimeInStage[FunnelStage.MarketingQualified].ToText(),
            TimeInSAL = row.TimeInStage[FunnelStage.SalesAccepted].ToText(),
            TimeInSQL = row.TimeInStage[FunnelStage.SalesQualified].ToText(),
            TimeInOpportunity = row.TimeInStage[FunnelStage.Opportunity].ToText(),
            TimeInNurture = row.TimeInStage[FunnelStage.Nurture].ToText(),
            CaptureToHandoff = row.CaptureToHandoff.ToText(),
            HandoffToFirstResponse = row.HandoffToFirstResponse.ToText(),
            BreachesByOwner = row.Breaches.Count == 0 ? null : JsonSerializer.Serialize(row.Breaches, JsonSerializerOptions.Web),
            RebuiltAt = rebuiltAt,
        };
    }

    /// <summary>The volume row stored in <paramref name="entity"/>.</summary>
    /// <exception cref="FormatException">A key, code, histogram or JSON column is not one this code wrote.</exception>
    public static FunnelDailyRow ToRow(FunnelDailyEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var timeInStage = new Dictionary<FunnelStage, DurationHistogram>
        {
            [FunnelStage.Lead] = DurationHistogram.Parse(entity.TimeInLead),
            [FunnelStage.MarketingQualified] = DurationHistogram.Parse(entity.TimeInMQL),
            [FunnelStage.SalesAccepted] = DurationHistogram.Parse(entity.TimeInSAL),
            [FunnelStage.SalesQualified] = DurationHistogram.Parse(entity.TimeInSQL),
            [FunnelStage.Opportunity] = DurationHistogram.Parse(entity.TimeInOpportunity),
            [FunnelStage.Nurture] = DurationHistogram.Parse(entity.TimeInNurture),
        };
        return new FunnelDailyRow(
            ParseDay(entity.PartitionKey), KpiDimensionCodes.Table.Parse(entity.Dimension), entity.Value,
            new FunnelVolumes(
                entity.Leads, entity.MQLs, entity.SALs, entity.SQLs, entity.Opportunities, entity.Won, entity.Lost, entity.Nurture, entity.Disqualified,
                (decimal)entity.WonAmount),
            timeInStage, DurationHistogram.Parse(entity.CaptureToHandoff), DurationHistogram.Parse(entity.HandoffToFirstResponse),
            new SlaCounts(
                entity.Handoffs, entity.RespondedWithinSla, entity.RespondedLate, entity.ResponsesMissed, entity.ResponsesPending, entity.FollowUpsMet,
                entity.FollowUpsMissed, entity.FollowUpsPending, entity.FollowUps),
            Breaches(entity.BreachesByOwner));
    }

    /// <summary>The <c>FunnelDaily</c> cohort row of <paramref name="contribution"/>.</summary>
    public static FunnelCohortContributionEntity ToEntity(CohortContribution contribution, DateTimeOffset rebuiltAt)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        return new FunnelCohortContributionEntity
        {
            PartitionKey = KpiCalendar.DayKey(contribution.Day),
            RowKey = FunnelRowKeys.Cohort(contribution.CohortMonth, contribution.Dimension, contribution.Value),
            CohortMonth = contribution.CohortMonth,
            Dimension = KpiDimensionCodes.Table.ToCode(contribution.Dimension),
            Value = contribution.Value,
            MQLs = contribution.Mqls,
            SQLs = contribution.Sqls,
            Won = contribution.Won,
            RebuiltAt = rebuiltAt,
        };
    }

    /// <summary>The contribution stored in <paramref name="entity"/>.</summary>
    /// <exception cref="FormatException">The day or dimension is not one this code wrote.</exception>
    public static CohortContribution ToContribution(FunnelCohortContributionEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new CohortContribution(
            ParseDay(entity.PartitionKey), entity.CohortMonth, KpiDimensionCodes.Table.Parse(entity.Dimension), entity.Value, entity.MQLs, entity.SQLs, entity.Won);
    }

    /// <summary>The <c>FunnelDaily</c> model row of <paramref name="model"/>.</summary>
    public static FunnelModelEntity ToEntity(ModelDailyRow model, DateTimeOffset rebuiltAt)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new FunnelModelEntity
        {
            PartitionKey = KpiCalendar.DayKey(model.Day),
            RowKey = FunnelRowKeys.Model(model.ModelVersion),
            ModelVersion = model.ModelVersion,
            Won = (int)model.WonScores.Count,
            Lost = (int)model.LostScores.Count,
            NewLeads = (int)model.NewLeadScores.Count,
            WonScores = model.WonScores.ToText(),
            LostScores = model.LostScores.ToText(),
            Calibration = model.Calibration.ToText(),
            NewLeadScores = model.NewLeadScores.ToText(),
            RebuiltAt = rebuiltAt,
        };
    }

    /// <summary>The model row stored in <paramref name="entity"/>.</summary>
    /// <exception cref="FormatException">A column is not one this code wrote.</exception>
    public static ModelDailyRow ToModel(FunnelModelEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new ModelDailyRow(
            ParseDay(entity.PartitionKey), entity.ModelVersion, ScoreCounts.Parse(entity.WonScores), ScoreCounts.Parse(entity.LostScores),
            CalibrationSums.Parse(entity.Calibration), ScoreCounts.Parse(entity.NewLeadScores));
    }

    /// <summary>The <c>FunnelCohorts</c> row of <paramref name="row"/>.</summary>
    public static TableEntity ToEntity(FunnelCohortRow row, DateTimeOffset rebuiltAt)
    {
        ArgumentNullException.ThrowIfNull(row);
        var entity = new TableEntity(row.Month, FunnelRowKeys.Volume(row.Dimension, row.Value))
        {
            [nameof(FunnelDailyEntity.Dimension)] = KpiDimensionCodes.Table.ToCode(row.Dimension),
            [nameof(FunnelDailyEntity.Value)] = row.Value,
            [nameof(FunnelDailyEntity.MQLs)] = row.Mqls,
        };
        for (var lag = 0; lag < FunnelCohortRow.Lags; lag++)
        {
            entity[SqlByLagColumn + lag.ToString(CultureInfo.InvariantCulture)] = row.SqlByLag[lag];
            entity[WonByLagColumn + lag.ToString(CultureInfo.InvariantCulture)] = row.WonByLag[lag];
        }

        entity[nameof(FunnelDailyEntity.RebuiltAt)] = rebuiltAt;
        return entity;
    }

    /// <summary>The cohort row stored in <paramref name="entity"/>.</summary>
    /// <exception cref="FormatException">A column is missing or not one this code wrote.</exception>
    public static FunnelCohortRow ToCohort(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        int Column(string name) => entity.GetInt32(name) ?? throw new FormatException($"FunnelCohorts row {entity.PartitionKey}/{entity.RowKey} has no {name}.");
        var lags = Enumerable.Range(0, FunnelCohortRow.Lags).Select(lag => lag.ToString(CultureInfo.InvariantCulture)).ToList();
        return new FunnelCohortRow(
            entity.PartitionKey, KpiDimensionCodes.Table.Parse(entity.GetString(nameof(FunnelDailyEntity.Dimension)) ?? ""),
            entity.GetString(nameof(FunnelDailyEntity.Value)) ?? "", Column(nameof(FunnelDailyEntity.MQLs)),
            [.. lags.Select(lag => Column(SqlByLagColumn + lag))], [.. lags.Select(lag => Column(WonByLagColumn + lag))]);
    }

    /// <summary>The day of a partition key (<c>yyyy-MM-dd</c>).</summary>
    /// <exception cref="FormatException">Not such a day.</exception>
    public static DateOnly ParseDay(string key) =>
        DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new FormatException($"'{key}' is not a day (yyyy-MM-dd).");

    private static IReadOnlyList<OwnerBreaches> Breaches(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return [];
        try
        {
            return JsonSerializer.Deserialize<List<OwnerBreaches>>(json, JsonSerializerOptions.Web) ?? [];
        }
        catch (JsonException e)
        {
            throw new FormatException($"A BreachesByOwner column is not a list of owner breaches: {e.Message}", e);
        }
    }
}
