namespace CityMaturity.Domain.Assessments;

public enum AssessmentStatus
{
    Draft,
    Open,
    Closed,
    Archived,
}

/// <summary>The assessment methods of clause 5.1 that run inside one organisation's assessment.</summary>
public enum AssessmentMethod
{
    SingleStakeholder,
    MultiStakeholder,
    ModeratedWorkshop,
}

public static class AssessmentVocabulary
{
    /// <summary>Keys of ISO 37104's stages, as in the catalogue's pdcaStages.</summary>
    public static readonly IReadOnlyList<string> PurposeKeys = ["commitment", "baseline-review", "strategy", "action-plan", "evaluation"];

    /// <summary>The methodology's default stakeholder groups; facilitators rename and add.</summary>
    public static readonly IReadOnlyList<string> DefaultGroups =
        ["Local government", "Wider public sector", "Private sector", "Civil society", "Academia and research", "Citizens"];

    public static string Key(this AssessmentMethod method) => method switch
    {
        AssessmentMethod.SingleStakeholder => "single-stakeholder",
        AssessmentMethod.MultiStakeholder => "multi-stakeholder",
        AssessmentMethod.ModeratedWorkshop => "moderated-workshop",
    };

    public static AssessmentMethod ParseMethod(string key) =>
        Enum.GetValues<AssessmentMethod>().Single(m => m.Key() == key);

    public static string Key(this AssessmentStatus status) => status switch
    {
        AssessmentStatus.Draft => "draft",
        AssessmentStatus.Open => "open",
        AssessmentStatus.Closed => "closed",
        AssessmentStatus.Archived => "archived",
    };

    public static AssessmentStatus ParseStatus(string key) =>
        Enum.GetValues<AssessmentStatus>().Single(s => s.Key() == key);

    public static string Key(this AssessmentRoleKind role) => role switch
    {
        AssessmentRoleKind.Facilitator => "facilitator",
        AssessmentRoleKind.Observer => "observer",
    };

    public static AssessmentRoleKind ParseRole(string key) =>
        Enum.GetValues<AssessmentRoleKind>().Single(r => r.Key() == key);

    public static string DisplayName(this AssessmentStatus status) => status switch
    {
        AssessmentStatus.Draft => "Draft",
        AssessmentStatus.Open => "Open for rating",
        AssessmentStatus.Closed => "Closed",
        AssessmentStatus.Archived => "Archived",
    };

    /// <summary>draft → open → closed → archived; a closed assessment may be reopened, nothing goes back to draft.</summary>
    public static bool CanMoveTo(this AssessmentStatus from, AssessmentStatus to) => (from, to) switch
    {
        (AssessmentStatus.Draft, AssessmentStatus.Open) => true,
        (AssessmentStatus.Open, AssessmentStatus.Closed) => true,
        (AssessmentStatus.Closed, AssessmentStatus.Open) => true,
        (AssessmentStatus.Closed, AssessmentStatus.Archived) => true,
        _ => false,
    };
}

public sealed class Assessment
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }

    /// <summary>The city or community assessed (may differ from the organisation, e.g. for a facilitating body).</summary>
    public required string Community { get; set; }

    /// <summary>The ISO 37104 stage the assessment serves: one of <see cref="AssessmentVocabulary.PurposeKeys"/>.</summary>
    public required string Purpose { get; set; }

    public AssessmentMethod Method { get; set; }
    public AssessmentStatus Status { get; set; }

    /// <summary>Characteristic codes in scope, in catalogue order.</summary>
    public List<string> Scope { get; set; } = [];

    public DateOnly? Deadline { get; set; }

    /// <summary>Whether participants not finished get the scheduled reminders before the deadline (<see cref="ReminderSchedule"/>).</summary>
    public bool RemindersEnabled { get; set; } = true;

    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The series (assessment cycle) this assessment belongs to, if any (see Domain/Cycles).</summary>
    public Guid? SeriesId { get; set; }

    /// <summary>The assessment this one follows up, whose plans it checks.</summary>
    public Guid? PredecessorId { get; set; }

    /// <summary>The date its "now" refers to, for comparisons between cycles: the deadline if set, else the day it was created.</summary>
    public DateOnly CycleDate => Deadline ?? DateOnly.FromDateTime(CreatedAt.UtcDateTime);

    /// <summary>Answers can change only while the assessment is open.</summary>
    public bool AcceptsRatings => Status == AssessmentStatus.Open;
}

public sealed class AssessmentTarget
{
    public Guid AssessmentId { get; set; }
    public required string CharacteristicCode { get; set; }
    public int TargetLevel { get; set; }
}

public enum AssessmentRoleKind
{
    Facilitator,
    Observer,
}

public sealed class AssessmentRole
{
    public Guid AssessmentId { get; set; }
    public Guid UserId { get; set; }
    public AssessmentRoleKind Role { get; set; }
}

public sealed class StakeholderGroup
{
    public Guid Id { get; set; }
    public Guid AssessmentId { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
}

public sealed class Participant
{
    public Guid Id { get; set; }
    public Guid AssessmentId { get; set; }
    public Guid GroupId { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public Guid? UserId { get; set; }
    public byte[]? TokenHash { get; set; }
    public DateTimeOffset? TokenExpiresAt { get; set; }
    public DateTimeOffset? TokenRevokedAt { get; set; }
    public DateTimeOffset? InvitedAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Rating
{
    // Stored as the interchange code ('1'–'5', 'DK'; NULL = unanswered); EF maps these fields.
    private string? _levelNow;
    private string? _levelInTwoYears;

    public Guid Id { get; set; }
    public Guid AssessmentId { get; set; }
    public Guid ParticipantId { get; set; }
    public required string CharacteristicCode { get; set; }

    public LevelAnswer LevelNow
    {
        get => LevelAnswer.FromCode(_levelNow);
        set => _levelNow = value.StoredCode;
    }

    public LevelAnswer LevelInTwoYears
    {
        get => LevelAnswer.FromCode(_levelInTwoYears);
        set => _levelInTwoYears = value.StoredCode;
    }

    public string? Comment { get; set; }
    public List<string> EvidenceLinks { get; set; } = [];
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Both views answered (a level or "don't know").</summary>
    public bool IsComplete => LevelNow.IsAnswered && LevelInTwoYears.IsAnswered;

    /// <summary>Allowed (plans can regress) but shown as a warning.</summary>
    /// <remarks>Only between two known levels: a lifted <c>&lt;</c> is false when either side is "don't know" or unanswered.</remarks>
    public bool PlansRegress => LevelInTwoYears.Level < LevelNow.Level;
}

public enum RatingChangeSource
{
    RatingForm,
    Import,
}

/// <summary>One audited change of a rating: who, when, through what, old and new values.</summary>
public sealed class RatingChange
{
    private string? _oldLevelNow;
    private string? _newLevelNow;
    private string? _oldLevelInTwoYears;
    private string? _newLevelInTwoYears;

    public long Id { get; set; }
    public Guid RatingId { get; set; }
    public Guid AssessmentId { get; set; }
    public Guid ParticipantId { get; set; }
    public required string CharacteristicCode { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public Guid? ChangedByUserId { get; set; }
    public bool ChangedByParticipant { get; set; }
    public RatingChangeSource Source { get; set; }
    public LevelAnswer OldLevelNow { get => LevelAnswer.FromCode(_oldLevelNow); set => _oldLevelNow = value.StoredCode; }
    public LevelAnswer NewLevelNow { get => LevelAnswer.FromCode(_newLevelNow); set => _newLevelNow = value.StoredCode; }
    public LevelAnswer OldLevelInTwoYears { get => LevelAnswer.FromCode(_oldLevelInTwoYears); set => _oldLevelInTwoYears = value.StoredCode; }
    public LevelAnswer NewLevelInTwoYears { get => LevelAnswer.FromCode(_newLevelInTwoYears); set => _newLevelInTwoYears = value.StoredCode; }
    public string? OldComment { get; set; }
    public string? NewComment { get; set; }
    public List<string>? OldEvidenceLinks { get; set; }
    public List<string>? NewEvidenceLinks { get; set; }
}
