namespace CityMaturity.Domain.Benchmarking;

/// <summary>
/// One indicator value a member published into a network (db/migrations/V0019, ADR 0042): a copy of code, year, value
/// and unit, nothing else. Publishing again replaces the member's values; withdrawing deletes them.
/// </summary>
public sealed class BenchmarkIndicatorValue
{
    public Guid NetworkId { get; set; }
    public Guid OrganisationId { get; set; }
    public required string IndicatorCode { get; set; }
    public int Year { get; set; }
    public decimal Value { get; set; }
    public required string Unit { get; set; }
    public Guid? PublishedBy { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
}

/// <summary>An evidence item of the published assessment that its city chose to share with the network.</summary>
public sealed class BenchmarkSharedEvidence
{
    public Guid SnapshotId { get; set; }
    public Guid EvidenceId { get; set; }
    public Guid? SharedBy { get; set; }
    public DateTimeOffset SharedAt { get; set; }
}

/// <summary>
/// A member's question about another member's shared score and evidence on one characteristic, or about one indicator
/// value it shares (code and year): exactly one of the two subjects (V0023).
/// </summary>
public sealed class BenchmarkChallenge
{
    public Guid Id { get; set; }
    public Guid NetworkId { get; set; }
    public Guid TargetOrganisationId { get; set; }

    /// <summary>The characteristic questioned; null for a thread on an indicator value.</summary>
    public string? CharacteristicCode { get; set; }

    /// <summary>The indicator value questioned (with <see cref="IndicatorYear"/>); null for a thread on a characteristic.</summary>
    public string? IndicatorCode { get; set; }

    public int? IndicatorYear { get; set; }

    public Guid OpenedByOrganisationId { get; set; }

    /// <summary>Kept for the record, never shown: the thread speaks for organisations.</summary>
    public Guid? OpenedBy { get; set; }

    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid? ClosedBy { get; set; }

    public bool IsOpen => ClosedAt is null;
}

/// <summary>The question or an answer in a challenge thread; a coordinator may hide it (and says why).</summary>
public sealed class BenchmarkChallengePost
{
    public const int MaxBodyLength = 4000;
    public const int MaxReasonLength = 500;

    public Guid Id { get; set; }
    public Guid ChallengeId { get; set; }
    public Guid AuthorOrganisationId { get; set; }
    public required string Body { get; set; }

    /// <summary>Kept for the record, never shown: a post appears under its organisation's name or alias.</summary>
    public Guid? PostedBy { get; set; }

    public DateTimeOffset PostedAt { get; set; }
    public DateTimeOffset? HiddenAt { get; set; }
    public Guid? HiddenBy { get; set; }
    public string? HiddenReason { get; set; }
}

/// <summary>What a coordinator did to a post: hid it, or showed it again.</summary>
public enum PostModerationAction
{
    Hidden,
    Shown,
}

/// <summary>
/// One step of moderation on a challenge post (V0023): who, when and why, kept for the record and never shown. The post's
/// hidden columns are its state now; these rows are how it got there, so showing a post again keeps the hiding on record.
/// </summary>
public sealed class BenchmarkPostModeration
{
    public Guid Id { get; set; }
    public Guid PostId { get; set; }
    public PostModerationAction Action { get; set; }
    public required string Reason { get; set; }
    public Guid? ActedBy { get; set; }
    public DateTimeOffset ActedAt { get; set; }
}

/// <summary>
/// Indicator values of several cities for one indicator and year, checked for units: only values in the reference unit
/// are compared. The reference unit is the indicator framework's where it names one, otherwise the unit most cities use
/// (ties broken by the ordinal order of the unit text, so the answer does not depend on who published first).
/// </summary>
public static class IndicatorUnits
{
    /// <summary>Units are the same when they are equal ignoring case and surrounding spaces ("%" and " % " are one unit).</summary>
    public static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    public static string Reference(string? frameworkUnit, IEnumerable<string> units)
    {
        if (!string.IsNullOrWhiteSpace(frameworkUnit))
        {
            return frameworkUnit.Trim();
        }

        return units.Select(u => u.Trim())
            .GroupBy(u => u, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault() ?? string.Empty;
    }
}
