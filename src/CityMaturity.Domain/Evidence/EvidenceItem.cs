namespace CityMaturity.Domain.Evidence;

/// <summary>What an evidence item is: a stored document, a web link, or a reference to an indicator's value in a year.</summary>
public enum EvidenceKind
{
    Document,
    Link,
    Indicator,
}

public static class EvidenceKinds
{
    public static string Key(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.Document => "document",
        EvidenceKind.Link => "link",
        EvidenceKind.Indicator => "indicator",
    };

    public static EvidenceKind Parse(string key) => key switch
    {
        "document" => EvidenceKind.Document,
        "link" => EvidenceKind.Link,
        "indicator" => EvidenceKind.Indicator,
        _ => throw new ArgumentException($"Unknown evidence kind '{key}'.", nameof(key)),
    };
}

/// <summary>
/// One piece of evidence on a characteristic of an assessment. Removing an item sets <see cref="RemovedAt"/> and keeps
/// the row, so the record of what was there, who added and who removed it stays.
/// </summary>
public sealed class EvidenceItem
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid AssessmentId { get; set; }
    public required string CharacteristicCode { get; set; }

    /// <summary>The participant whose own answer this belongs to; null for an item of the assessment or of a consensus decision.</summary>
    public Guid? ParticipantId { get; set; }

    public Guid? ConsensusDecisionId { get; set; }
    public EvidenceKind Kind { get; set; }

    /// <summary>The sanitised file name, the link's address, or the indicator's code and year.</summary>
    public required string Title { get; set; }

    public string? Url { get; set; }
    public string? IndicatorCode { get; set; }
    public int? IndicatorYear { get; set; }
    public string? ContentType { get; set; }
    public long? SizeBytes { get; set; }
    public byte[]? Sha256 { get; set; }
    public bool IsDemo { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public Guid? AddedByUserId { get; set; }
    public Guid? AddedByParticipantId { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
    public Guid? RemovedByUserId { get; set; }
    public Guid? RemovedByParticipantId { get; set; }

    /// <summary>The audit line's "what": kind, title and, for a file, its size and SHA-256.</summary>
    public string Describe() => Kind switch
    {
        EvidenceKind.Document => $"document “{Title}” ({ContentType}, {SizeBytes} bytes, SHA-256 {Convert.ToHexStringLower(Sha256 ?? [])})",
        EvidenceKind.Link => $"link {Url}",
        EvidenceKind.Indicator => $"indicator {IndicatorCode} for {IndicatorYear}",
    };
}

/// <summary>The bytes of a document, kept apart from its item so that lists never read them.</summary>
public sealed class EvidenceFile
{
    public Guid EvidenceId { get; set; }
    public required byte[] Content { get; set; }
}

public enum EvidenceAction
{
    Added,
    Removed,
}

/// <summary>An audit row: an item added or removed, by a user or a participant, when.</summary>
public sealed class EvidenceChange
{
    public long Id { get; set; }
    public Guid EvidenceId { get; set; }
    public Guid AssessmentId { get; set; }
    public required string CharacteristicCode { get; set; }
    public EvidenceAction Action { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public Guid? ByUserId { get; set; }
    public Guid? ByParticipantId { get; set; }
    public required string What { get; set; }
}
