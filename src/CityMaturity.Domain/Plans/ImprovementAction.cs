namespace CityMaturity.Domain.Plans;

/// <summary>Where an action stands. Dropped instead of deleted, so the next cycle still sees what was given up.</summary>
public enum ActionStatus
{
    Planned,
    InProgress,
    Done,
    Dropped,
}

public static class ActionStatuses
{
    public static IReadOnlyList<ActionStatus> All { get; } = Enum.GetValues<ActionStatus>();

    public static string Key(this ActionStatus status) => status switch
    {
        ActionStatus.Planned => "planned",
        ActionStatus.InProgress => "in_progress",
        ActionStatus.Done => "done",
        ActionStatus.Dropped => "dropped",
    };

    public static string DisplayName(this ActionStatus status) => status switch
    {
        ActionStatus.Planned => "Planned",
        ActionStatus.InProgress => "In progress",
        ActionStatus.Done => "Done",
        ActionStatus.Dropped => "Dropped",
    };

    /// <summary>Still to be done: planned or in progress.</summary>
    public static bool IsOpen(this ActionStatus status) => status is ActionStatus.Planned or ActionStatus.InProgress;

    public static bool TryParse(string? key, out ActionStatus status)
    {
        foreach (var candidate in All)
        {
            if (candidate.Key() == key)
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static ActionStatus Parse(string key) =>
        TryParse(key, out var status) ? status : throw new FormatException($"'{key}' is not an action status.");
}

/// <summary>
/// One action of an assessment's improvement plan (db/migrations/V0014), on one characteristic. The owner is a member
/// (<see cref="OwnerUserId"/>) or a name typed in (<see cref="OwnerName"/>), never both.
/// </summary>
public sealed class ImprovementAction
{
    public const int MaxTitleLength = 200;
    public const int MaxOwnerNameLength = 200;
    public const int MaxDocuments = 20;
    public const int MaxIndicators = 10;

    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid AssessmentId { get; set; }
    public string CharacteristicCode { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public Guid? OwnerUserId { get; set; }
    public string? OwnerName { get; set; }
    public DateOnly DueDate { get; set; }
    public ActionStatus Status { get; set; }
    public List<string> Documents { get; set; } = [];
    public List<ActionIndicatorTarget> Indicators { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Open and its due date has passed (the day itself still counts as on time).</summary>
    public bool IsOverdueOn(DateOnly today) => Status.IsOpen() && DueDate < today;
}

/// <summary>An indicator that will show the action's progress, with the value aimed for and the year to reach it.</summary>
public sealed class ActionIndicatorTarget
{
    public Guid ActionId { get; set; }
    public string IndicatorCode { get; set; } = string.Empty;
    public decimal TargetValue { get; set; }
    public int TargetYear { get; set; }
}

/// <summary>One field of one action changed: who, when, the value before (null when created) and after, as text.</summary>
public sealed class ImprovementActionChange
{
    public long Id { get; set; }
    public Guid ActionId { get; set; }
    public Guid AssessmentId { get; set; }
    public string Field { get; set; } = string.Empty;
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public Guid? ByUserId { get; set; }
}
