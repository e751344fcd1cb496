
namespace LeadIntake.Storage.Leads;

/// <summary>The rows one processed submission writes besides the lead row.</summary>
/// <param name="History">StageHistory rows, one per stage change, in sequence order.</param>
/// <param name="ByDay">StageChangesByDay rows mirroring <paramref name="History"/>.</param>
/// <param name="Snapshot">The ScoreSnapshots row.</param>
public sealed record LeadRows(
    IReadOnlyList<StageHistoryEntity> History,
    IReadOnlyList<StageChangeByDayEntity> ByDay,
    ScoreSnapshotEntity Snapshot);
