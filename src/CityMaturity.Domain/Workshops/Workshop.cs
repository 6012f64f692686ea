namespace CityMaturity.Domain.Workshops;

public enum WorkshopStatus
{
    /// <summary>People can join, and the facilitator opens rounds.</summary>
    Running,

    /// <summary>A break: nobody can vote; joining and the reveal stay as they were.</summary>
    Paused,

    /// <summary>Over: the join code is free again, nothing changes any more.</summary>
    Ended,
}

/// <summary>
/// A moderated session on one assessment: the facilitator steps through an agenda of characteristics; for each,
/// participants vote in rounds whose values stay hidden until the facilitator reveals them.
/// </summary>
public sealed class Workshop
{
    public Guid Id { get; set; }
    public Guid AssessmentId { get; set; }

    /// <summary>What participants type: see <see cref="JoinCodes"/>.</summary>
    public required string JoinCode { get; set; }

    public WorkshopStatus Status { get; set; }

    /// <summary>Characteristic codes in the order the facilitator steps through them.</summary>
    public List<string> Agenda { get; set; } = [];

    /// <summary>Zero-based index into <see cref="Agenda"/> of the characteristic on the screen.</summary>
    public int CurrentPosition { get; set; }

    /// <summary>Whether people without an invitation may join (with a name and a stakeholder group).</summary>
    public bool AllowWalkIns { get; set; }

    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    public string CurrentCharacteristic => Agenda[CurrentPosition];
}

/// <summary>Someone in the room: an invited participant or a walk-in, with the phone session they joined from.</summary>
public sealed class WorkshopAttendee
{
    public Guid Id { get; set; }
    public Guid WorkshopId { get; set; }

    /// <summary>The invited participant this attendee is; null for a walk-in.</summary>
    public Guid? ParticipantId { get; set; }

    public required string DisplayName { get; set; }
    public Guid GroupId { get; set; }

    /// <summary>SHA-256 of the secret in the phone's session cookie.</summary>
    public required byte[] SessionHash { get; set; }

    public DateTimeOffset JoinedAt { get; set; }

    /// <summary>Set when the facilitator removed the attendee: their session no longer votes.</summary>
    public DateTimeOffset? RemovedAt { get; set; }

    public bool IsWalkIn => ParticipantId is null;
}

public enum RoundStatus
{
    /// <summary>Votes are accepted and hidden from everybody.</summary>
    Open,

    /// <summary>No more votes; still hidden until the facilitator reveals.</summary>
    Closed,

    /// <summary>Shown to everybody in the workshop.</summary>
    Revealed,
}

/// <summary>One vote on one characteristic. A re-vote is a new round; earlier rounds are kept.</summary>
public sealed class WorkshopRound
{
    public Guid Id { get; set; }
    public Guid WorkshopId { get; set; }
    public required string CharacteristicCode { get; set; }

    /// <summary>1 for the first vote on the characteristic in this workshop, 2 for the re-vote, …</summary>
    public int Number { get; set; }

    public RoundStatus Status { get; set; }
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>When a timer closes the round by itself; null without a timer.</summary>
    public DateTimeOffset? ClosesAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? RevealedAt { get; set; }

    /// <summary>Whether a vote may be cast or changed at that moment (open, and the timer has not run out).</summary>
    public bool AcceptsVotesAt(DateTimeOffset now) => Status == RoundStatus.Open && (ClosesAt is null || now < ClosesAt);

    /// <summary>The only condition under which anybody may see the values of the round's votes.</summary>
    public bool IsRevealed => Status == RoundStatus.Revealed;
}

/// <summary>One attendee's vote in one round, changed in place while the round is open.</summary>
public sealed class WorkshopVote
{
    private string? _levelNow;
    private string? _levelInTwoYears;

    public Guid RoundId { get; set; }
    public Guid AttendeeId { get; set; }
    public Guid WorkshopId { get; set; }

    public Assessments.LevelAnswer LevelNow
    {
        get => Assessments.LevelAnswer.FromCode(_levelNow);
        set => _levelNow = value.StoredCode;
    }

    public Assessments.LevelAnswer LevelInTwoYears
    {
        get => Assessments.LevelAnswer.FromCode(_levelInTwoYears);
        set => _levelInTwoYears = value.StoredCode;
    }

    public DateTimeOffset CastAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The level a moderated session agreed for one characteristic, with why. The latest decision per characteristic
/// counts; both levels null records "no consensus — noted", which leaves the median as the score.
/// </summary>
public sealed class ConsensusDecision
{
    public Guid Id { get; set; }
    public Guid AssessmentId { get; set; }
    public Guid? WorkshopId { get; set; }
    public required string CharacteristicCode { get; set; }
    public Catalogue.MaturityLevel? LevelNow { get; set; }
    public Catalogue.MaturityLevel? LevelInTwoYears { get; set; }
    public required string Rationale { get; set; }
    public List<string> EvidenceLinks { get; set; } = [];
    public Guid? RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public bool IsNoConsensus => LevelNow is null && LevelInTwoYears is null;
}
