using LeadIntake.Domain.Funnel;

namespace LeadIntake.Domain.Kpis;

/// <summary>Builds one UTC day's aggregate rows from the day's stage moves and hand-offs: the KPI definitions applied per day.</summary>
/// <remarks>
/// <para>
/// Every move and hand-off counts once in <c>all|all</c> and once under its value of each other dimension (its
/// <see cref="FunnelAttribution"/> at the move). Volumes: a stage in <see cref="FunnelMove.Reached"/> counts that stage
/// (won adds the move's amount); a move to Lost, Nurture or Disqualified counts that exit. Velocity: a move out of one
/// of <see cref="FunnelDailyRow.VelocityStages"/> with a known entry time adds <c>At − FromEnteredAt</c> to that stage's
/// histogram. Hand-offs: capture → hand-off, hand-off → first response, <see cref="SlaCounts.Of"/> and the breaches of
/// their owner.
/// </para>
/// <para>
/// Cohorts: a move reaching MQL adds an MQL to the cohort of its MQL month; one reaching SQL or Won adds to the cohort of
/// the lead's <see cref="FunnelMove.MqlAt"/> month (moves without one belong to no cohort). Models: moves to Won and Lost
/// count their score (and probability, under a trained model) for the move's model version; moves reaching Lead count
/// the new lead's score.
/// </para>
/// <para>The output is a pure function of the input set: ordered by dimension, value, month and version (ordinal), whatever the input order.</para>
/// </remarks>
public static class FunnelDayAggregator
{
    private static readonly KpiDimension[] s_dimensions = Enum.GetValues<KpiDimension>();

    /// <summary>The aggregate rows of <paramref name="day"/>.</summary>
    public static FunnelDay Aggregate(DateOnly day, IReadOnlyList<FunnelMove> moves, IReadOnlyList<SalesCycle> cycles)
    {
        ArgumentNullException.ThrowIfNull(moves);
        ArgumentNullException.ThrowIfNull(cycles);
        var rows = new SortedDictionary<(KpiDimension, string), Accumulator>(RowOrder.Instance)
        {
            [(KpiDimension.All, "all")] = new(),
        };
        var cohorts = new SortedDictionary<(string, KpiDimension, string), (int Mqls, int Sqls, int Won)>(CohortOrder.Instance);
        var models = new SortedDictionary<string, ModelDailyRow>(StringComparer.Ordinal);

        foreach (var move in moves)
        {
            foreach (var dimension in s_dimensions)
            {
                var value = move.Attribution.ValueOf(dimension);
                Row(rows, dimension, value).AddMove(move);
                AddCohort(cohorts, move, dimension, value);
            }

            AddModel(models, day, move);
        }

        foreach (var cycle in cycles)
        {
            foreach (var dimension in s_dimensions)
                Row(rows, dimension, cycle.Attribution.ValueOf(dimension)).AddCycle(cycle);
        }

        return new FunnelDay(
            day,
            [.. rows.Select(row => row.Value.ToRow(day, row.Key.Item1, row.Key.Item2))],
            [.. cohorts.Select(c => new CohortContribution(day, c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Value.Mqls, c.Value.Sqls, c.Value.Won))],
            [.. models.Values]);
    }

    private static Accumulator Row(SortedDictionary<(KpiDimension, string), Accumulator> rows, KpiDimension dimension, string value)
    {
        if (!rows.TryGetValue((dimension, value), out var row))
            rows[(dimension, value)] = row = new Accumulator();
        return row;
    }

    private static void AddCohort(
        SortedDictionary<(string, KpiDimension, string), (int Mqls, int Sqls, int Won)> cohorts, FunnelMove move, KpiDimension dimension, string value)
    {
        var mql = move.Reached.Contains(FunnelStage.MarketingQualified);
        var sql = move.Reached.Contains(FunnelStage.SalesQualified);
        var won = move.Reached.Contains(FunnelStage.Won);
        // The move that reaches MQL is the lead's MQL moment, so its own time is the cohort when MqlAt is not filled in (older rows).
        var mqlAt = move.MqlAt ?? (mql ? move.At : null);
        if (mqlAt is null || !(mql || sql || won))
            return;
        var key = (KpiCalendar.MonthKey(mqlAt.Value), dimension, value);
        var (mqls, sqls, wins) = cohorts.GetValueOrDefault(key);
        cohorts[key] = (mqls + (mql ? 1 : 0), sqls + (sql ? 1 : 0), wins + (won ? 1 : 0));
    }

    private static void AddModel(SortedDictionary<string, ModelDailyRow> models, DateOnly day, FunnelMove move)
    {
        var newLead = move.Reached.Contains(FunnelStage.Lead);
        var closed = move.To is FunnelStage.Won or FunnelStage.Lost;
        if (!newLead && !closed)
            return;
        if (!models.TryGetValue(move.ScoringModel, out var model))
            models[move.ScoringModel] = model = new ModelDailyRow(day, move.ScoringModel, new ScoreCounts(), new ScoreCounts(), new CalibrationSums(), new ScoreCounts());
        if (newLead)
            model.NewLeadScores.Add(move.Score);
        if (!closed)
            return;
        (move.To == FunnelStage.Won ? model.WonScores : model.LostScores).Add(move.Score);
        if (move.Probability is { } probability)
            model.Calibration.Add(probability, move.To == FunnelStage.Won);
    }

    private sealed class Accumulator
    {
        private readonly int[] _reached = new int[(int)FunnelStage.Won + 1];
        private readonly Dictionary<FunnelStage, DurationHistogram> _timeInStage = FunnelDailyRow.EmptyTimeInStage();
        private readonly DurationHistogram _captureToHandoff = new();
        private readonly DurationHistogram _handoffToFirstResponse = new();
        private readonly SortedDictionary<string, (int FirstResponse, int FollowUps)> _breaches = new(StringComparer.Ordinal);
        private int _lost;
        private int _nurture;
        private int _disqualified;
        private decimal _wonAmount;
        private SlaCounts _sla = SlaCounts.Zero;

        public void AddMove(FunnelMove move)
        {
            foreach (var stage in move.Reached)
            {
                if (stage <= FunnelStage.Won)
                    _reached[(int)stage]++;
                if (stage == FunnelStage.Won)
                    _wonAmount += move.Amount ?? 0m;
            }

            _lost += move.To == FunnelStage.Lost ? 1 : 0;
            _nurture += move.To == FunnelStage.Nurture ? 1 : 0;
            _disqualified += move.To == FunnelStage.Disqualified ? 1 : 0;
            if (move.From is { } from && move.FromEnteredAt is { } enteredAt && _timeInStage.TryGetValue(from, out var histogram))
                histogram.Add(move.At - enteredAt);
        }

        public void AddCycle(SalesCycle cycle)
        {
            _captureToHandoff.Add(cycle.HandedOffAt - cycle.CapturedAt);
            if (cycle.FirstResponseAt is { } answeredAt)
                _handoffToFirstResponse.Add(answeredAt - cycle.HandedOffAt);
            _sla += SlaCounts.Of(cycle);
            if (cycle.FirstResponseBreachedAt is null && cycle.FollowUpBreachedAt is null)
                return;
            var owner = cycle.Attribution.Owner ?? KpiDimensionCodes.None;
            var (firstResponse, followUps) = _breaches.GetValueOrDefault(owner);
            _breaches[owner] = (firstResponse + (cycle.FirstResponseBreachedAt is null ? 0 : 1), followUps + (cycle.FollowUpBreachedAt is null ? 0 : 1));
        }

        public FunnelDailyRow ToRow(DateOnly day, KpiDimension dimension, string value) => new(
            day, dimension, value,
            new FunnelVolumes(
                _reached[(int)FunnelStage.Lead], _reached[(int)FunnelStage.MarketingQualified], _reached[(int)FunnelStage.SalesAccepted],
                _reached[(int)FunnelStage.SalesQualified], _reached[(int)FunnelStage.Opportunity], _reached[(int)FunnelStage.Won],
                _lost, _nurture, _disqualified, _wonAmount),
            _timeInStage, _captureToHandoff, _handoffToFirstResponse, _sla,
            [.. _breaches.Select(b => new OwnerBreaches(b.Key, b.Value.FirstResponse, b.Value.FollowUps))]);
    }

    private sealed class RowOrder : IComparer<(KpiDimension Dimension, string Value)>
    {
        public static RowOrder Instance { get; } = new();

        public int Compare((KpiDimension Dimension, string Value) x, (KpiDimension Dimension, string Value) y) =>
            x.Dimension != y.Dimension ? x.Dimension.CompareTo(y.Dimension) : string.CompareOrdinal(x.Value, y.Value);
    }

    private sealed class CohortOrder : IComparer<(string Month, KpiDimension Dimension, string Value)>
    {
        public static CohortOrder Instance { get; } = new();

        public int Compare((string Month, KpiDimension Dimension, string Value) x, (string Month, KpiDimension Dimension, string Value) y)
        {
            var byMonth = string.CompareOrdinal(x.Month, y.Month);
            return byMonth != 0 ? byMonth : RowOrder.Instance.Compare((x.Dimension, x.Value), (y.Dimension, y.Value));
        }
    }
}
