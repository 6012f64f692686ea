using CityMaturity.Domain.Assessments;

namespace CityMaturity.Domain.Benchmarking;

/// <summary>Organisations that compare their assessments (db/migrations/V0012, ADR 0030).</summary>
public sealed class BenchmarkNetwork
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;

    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = string.Empty;

    /// <summary>No figure for a set of fewer than this many cities; at least <see cref="BenchmarkPrivacy.MinimumK"/>.</summary>
    public int KThreshold { get; set; } = BenchmarkPrivacy.DefaultK;

    public bool IsDemo { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class BenchmarkCoordinator
{
    public Guid NetworkId { get; set; }
    public Guid UserId { get; set; }
}

public enum MembershipStatus
{
    Invited,
    Accepted,
}

/// <summary>An organisation invited to a network or, once its administrator accepted, a member of it.</summary>
public sealed class BenchmarkMember
{
    public Guid NetworkId { get; set; }
    public Guid OrganisationId { get; set; }
    public MembershipStatus Status { get; set; }

    /// <summary>The name other members see unless <see cref="ShowName"/> ("City K7").</summary>
    public required string Alias { get; set; }

    public bool ShowName { get; set; }
    public Guid? InvitedBy { get; set; }
    public DateTimeOffset InvitedAt { get; set; }
    public Guid? AcceptedBy { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
}

/// <summary>
/// A closed assessment's results as published into a network: only scores, counts, method, source and date. It has no
/// field for a person, a rating or a comment, so none can leak through it.
/// </summary>
public sealed class BenchmarkSnapshot
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid AssessmentId { get; set; }
    public AssessmentMethod Method { get; set; }

    /// <summary>One of <see cref="SnapshotSources"/>.</summary>
    public required string ScoreSource { get; set; }

    public int ParticipantCount { get; set; }
    public int GroupCount { get; set; }

    /// <summary>none, partial or complete: how many characteristics in scope carry a recorded consensus.</summary>
    public required string ConsensusState { get; set; }

    public DateOnly AssessedOn { get; set; }
    public Guid? PublishedBy { get; set; }
    public DateTimeOffset PublishedAt { get; set; }

    public ComparisonMethod ComparisonMethod => ComparisonMethods.Classify(Method, ScoreSource);
}

public sealed class BenchmarkSnapshotScore
{
    public Guid SnapshotId { get; set; }
    public required string Code { get; set; }
    public BenchmarkLevel Level { get; set; }
    public decimal? ScoreNow { get; set; }
    public decimal? ScoreInTwoYears { get; set; }

    /// <summary>median, consensus or audited for a characteristic; mean for sub-dimensions and dimensions; not_rated.</summary>
    public required string Source { get; set; }
}

public static class ConsensusStates
{
    public static string Of(int consensusCount, int inScope) =>
        consensusCount == 0 ? "none" : consensusCount >= inScope ? "complete" : "partial";
}

public enum NetworkEventKind
{
    KChanged,
    CoordinatorAdded,
    CoordinatorRemoved,
}

/// <summary>A change to a network's settings after creation: k, or who coordinates it (db/migrations/V0020).</summary>
public sealed class BenchmarkNetworkEvent
{
    public long Id { get; set; }
    public Guid NetworkId { get; set; }
    public NetworkEventKind Kind { get; set; }
    public Guid? ActorId { get; set; }
    public required string ActorEmail { get; set; }

    /// <summary>The coordinator added or removed; null for a change of k.</summary>
    public string? SubjectEmail { get; set; }

    public int? OldK { get; set; }
    public int? NewK { get; set; }
    public DateTimeOffset At { get; set; }
}
