namespace LeadIntake.Storage;

/// <summary>Every queue, table and blob container name LeadIntake uses, in one place.</summary>
/// <remarks>
/// The trigger attributes use these constants, so the built <c>functions.metadata</c> carries the same names (a test
/// reads it). Table names are PascalCase so Azure Storage Explorer shows them as a marketer would name them.
/// </remarks>
public static class StorageNames
{
    /// <summary>
    /// The storage connection setting, as the Functions host reads it: a connection string, or the identity-based
    /// section (<c>AzureWebJobsStorage__tableServiceUri</c>, <c>__queueServiceUri</c>, <c>__blobServiceUri</c>, <c>__clientId</c>).
    /// </summary>
    public const string Connection = "AzureWebJobsStorage";

    /// <summary>Accepted web-form submissions waiting to be enriched, scored and staged.</summary>
    public const string LeadCapturedQueue = "lead-captured";

    /// <summary>Leads just handed to sales (after the nurture period, or at once on the SQL fast track).</summary>
    public const string SalesHandoffQueue = "sales-handoff";

    /// <summary>Behaviour events posted to <c>/api/activities</c>, one lead's events per message.</summary>
    public const string LeadActivityQueue = "lead-activity";

    /// <summary>Missed sales SLA deadlines, announced once each (at least once on the wire).</summary>
    public const string SlaBreachesQueue = "sla-breaches";
    /// <summary>Signed webhook POSTs of sales hand-offs waiting to be sent (only when <c>Handoff:WebhookUrl</c> is set).</summary>
    public const string HandoffWebhookQueue = "handoff-webhook";

    /// <summary>Suffix the Functions host appends for messages that failed every try.</summary>
    public const string PoisonQueueSuffix = "-poison";

    /// <summary>Current state of each lead: one row per lead.</summary>
    public const string LeadsTable = "Leads";

    /// <summary>Every stage change of every lead, partitioned by lead id.</summary>
    public const string StageHistoryTable = "StageHistory";

    /// <summary>The same stage changes partitioned by UTC day, so one filter opens a day's changes.</summary>
    public const string StageChangesByDayTable = "StageChangesByDay";

    /// <summary>The features and result of every score, as known when it was computed (closed-loop training input).</summary>
    public const string ScoreSnapshotsTable = "ScoreSnapshots";

    /// <summary>Each lead's timeline: behaviour events, form submissions and sales events, partitioned by lead id.</summary>
    public const string LeadActivitiesTable = "LeadActivities";

    /// <summary>The SLA clock's index of open deadlines, partitioned by due day.</summary>
    public const string DeadlinesTable = "Deadlines";

    /// <summary>One row per missed SLA deadline, partitioned by the deadline's day.</summary>
    public const string SlaBreachesTable = "SlaBreaches";

    /// <summary>One row per hand-off to sales and how it was answered, partitioned by the hand-off's UTC day.</summary>
    public const string SalesCyclesTable = "SalesCycles";

    /// <summary>Funnel KPIs aggregated per UTC day and dimension value, rebuilt from the day's source rows.</summary>
    public const string FunnelDailyTable = "FunnelDaily";

    /// <summary>MQL cohorts (partition = MQL month): how many reached SQL and Won by each later month.</summary>
    public const string FunnelCohortsTable = "FunnelCohorts";

    /// <summary>Days whose source rows changed after the day was over: the funnel rebuild picks them up.</summary>
    public const string FunnelDaysToRebuildTable = "FunnelDaysToRebuild";

    /// <summary>Marketing spend per month and channel or campaign, filled in by marketers.</summary>
    public const string MarketingSpendTable = "MarketingSpend";

    /// <summary>The form registry a marketer edits: one row per landing form (PartitionKey = form id, RowKey = <c>form</c>).</summary>
    public const string FormsTable = "Forms";

    /// <summary>Spam turned away, counted per UTC day (PartitionKey), form and reason (RowKey <c>{form}|{reason}</c>).</summary>
    public const string SpamDailyTable = "SpamDaily";

    /// <summary>Blob container of published scoring models.</summary>
    public const string ModelsContainer = "models";

    /// <summary>Blob in <see cref="ModelsContainer"/> naming the model the function app serves.</summary>
    public const string CurrentModelPointerBlob = "current";

    /// <summary>Blob container of configuration the app hot-reloads, such as <see cref="QualificationPolicyBlob"/>.</summary>
    public const string ConfigContainer = "config";

    /// <summary>Blob in <see cref="ConfigContainer"/> holding the qualification policy in force; when absent, the app's file setting or built-in default applies.</summary>
    public const string QualificationPolicyBlob = "qualification-policy.json";

    /// <summary>Poison queue name for <paramref name="queueName"/>.</summary>
    public static string PoisonQueueFor(string queueName) => queueName + PoisonQueueSuffix;

    /// <summary>All queues the app reads or writes, created at start-up.</summary>
    public static IReadOnlyList<string> Queues { get; } =
    [
        LeadCapturedQueue, PoisonQueueFor(LeadCapturedQueue), SalesHandoffQueue, HandoffWebhookQueue, PoisonQueueFor(HandoffWebhookQueue),
        LeadActivityQueue, PoisonQueueFor(LeadActivityQueue), SlaBreachesQueue,
    ];

    /// <summary>All tables the app reads or writes, created at start-up.</summary>
    public static IReadOnlyList<string> Tables { get; } =
        [
            LeadsTable, StageHistoryTable, StageChangesByDayTable, ScoreSnapshotsTable, LeadActivitiesTable, DeadlinesTable, SlaBreachesTable,
            SalesCyclesTable, FunnelDailyTable, FunnelCohortsTable, FunnelDaysToRebuildTable, MarketingSpendTable, FormsTable, SpamDailyTable,
        ];

    /// <summary>All blob containers the app reads or writes, created at start-up.</summary>
    public static IReadOnlyList<string> Containers { get; } = [ModelsContainer, ConfigContainer];
}
