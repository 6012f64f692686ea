namespace CityMaturity.Domain.Audits;

/// <summary>
/// An audit body's engagement on one closed assessment and the audit's state. The grant (dates, revocation) says who
/// may look; the status says what happens next (see <see cref="AuditStatuses.CanMoveTo"/>).
/// </summary>
public sealed class Audit
{
    public Guid Id { get; set; }
    public Guid AssessmentId { get; set; }
    public Guid AuditBodyId { get; set; }
    public DateOnly EngagedFrom { get; set; }
    public DateOnly EngagedUntil { get; set; }
    public List<int> IndicatorYears { get; set; } = [];

    /// <summary>Off by default: auditors see participants as P01, P02 … unless the city ticks the box.</summary>
    public bool ShowPersonalData { get; set; }

    public AuditStatus Status { get; set; }
    public int SubmissionVersion { get; set; } = 1;
    public AuditOpinion? Opinion { get; set; }
    public string? Reservations { get; set; }
    public string? CityResponse { get; set; }
    public Guid? EngagedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Auditors may look only on the grant's days and while it is not revoked.</summary>
    public bool GrantsAccessOn(DateOnly today) => RevokedAt is null && today >= EngagedFrom && today <= EngagedUntil;
}

public sealed class AuditFindingRecord
{
    public Guid AuditId { get; set; }
    public required string CharacteristicCode { get; set; }
    public short? VerifiedLevel { get; set; }
    public FindingKind Finding { get; set; }
    public required string EvidenceExamined { get; set; }
    public string? Note { get; set; }
    public bool ExaminedInDepth { get; set; }
    public string? SamplingReason { get; set; }
    public Guid? RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

public sealed class AuditIndicatorCheck
{
    public Guid AuditId { get; set; }
    public Guid IndicatorValueId { get; set; }
    public IndicatorVerdict Verdict { get; set; }
    public string? Reason { get; set; }
    public Guid? CheckedBy { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
}

public sealed class AuditRequest
{
    public Guid Id { get; set; }
    public Guid AuditId { get; set; }
    public required string CharacteristicCode { get; set; }
    public required string Question { get; set; }
    public Guid? AskedBy { get; set; }
    public DateTimeOffset AskedAt { get; set; }
    public string? Answer { get; set; }
    public Guid? AnsweredBy { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>Set when the auditor closes the request (satisfied, or no longer needed); nobody posts to it then.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid? ClosedBy { get; set; }

    public bool IsOpen => AnsweredAt is null;
}

/// <summary>
/// A follow-up in an evidence request's thread, by the city or the audit body, with the author's name as it read when
/// posted. Never changed or removed (the database refuses it); each is also an entry of the audit's hash chain.
/// </summary>
public sealed class AuditRequestMessage
{
    public const int MaxLength = 4000;

    public Guid Id { get; set; }

    /// <summary>The order posted (the database numbers it; timestamps may tie).</summary>
    public long Sequence { get; set; }
    public Guid RequestId { get; set; }
    public AuditParty Party { get; set; }
    public Guid? AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset PostedAt { get; set; }
}

/// <summary>Where an evidence request stands, as the auditor and the city both see it.</summary>
public enum RequestState
{
    /// <summary>The city owes an answer: none yet, or the auditor wrote last.</summary>
    Open,

    /// <summary>The city answered and wrote last.</summary>
    Answered,

    /// <summary>The auditor closed it (a request of an audit that ended keeps the state it had; nothing more is posted).</summary>
    Closed,
}

public static class RequestStates
{
    /// <summary>
    /// The state from the thread: closed when the auditor closed it; otherwise open until the city's first answer, and
    /// after it open again whenever the audit body's follow-up is the thread's last word.
    /// </summary>
    public static RequestState Of(DateTimeOffset? answeredAt, bool closed, AuditRequestMessage? lastFollowUp) =>
        closed ? RequestState.Closed
        : answeredAt is null || lastFollowUp is { Party: AuditParty.AuditBody } last && last.PostedAt >= answeredAt ? RequestState.Open
        : RequestState.Answered;

    public static string Code(this RequestState state) => state switch
    {
        RequestState.Open => "open",
        RequestState.Answered => "answered",
        RequestState.Closed => "closed",
    };
}

/// <summary>A document (an evidence item of the request's characteristic) the city attached to its answer of a request.</summary>
public sealed class AuditRequestDocument
{
    public Guid RequestId { get; set; }
    public Guid EvidenceId { get; set; }
    public Guid? AttachedBy { get; set; }
    public DateTimeOffset AttachedAt { get; set; }
}

/// <summary>A stored link of the audit's hash chain (see <see cref="AuditChain"/>).</summary>
public sealed class AuditEntry
{
    public Guid AuditId { get; set; }
    public int Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public required string Actor { get; set; }
    public required string Details { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    public ChainedEntry ToChained() => new(new AuditEntryContent(AuditId, Sequence, At, Kind, Actor, Details), PreviousHash, Hash);

    public static AuditEntry Of(ChainedEntry entry) => new()
    {
        AuditId = entry.Content.AuditId, Sequence = entry.Content.Sequence, At = entry.Content.At, Kind = entry.Content.Kind,
        Actor = entry.Content.Actor, Details = entry.Content.Details, PreviousHash = entry.PreviousHash, Hash = entry.Hash,
    };
}

public sealed class AuditAccess
{
    public long Id { get; set; }
    public Guid AuditId { get; set; }
    public Guid? UserId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string What { get; set; }
}

/// <summary>A key that signs attestations: an audit body's own (<see cref="AuditBodyId"/>), or, when null, the installation key of earlier attestations.</summary>
public sealed class AttestationSigningKey
{
    public required string KeyId { get; set; }
    public Guid? AuditBodyId { get; set; }
    public required byte[] PublicKeySpki { get; set; }
    public required string ProtectedPrivateKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>One rotation of an audit body's attestation key: the key retired (null when the body had none yet), the key made, who and when.</summary>
public sealed class AttestationKeyRotation
{
    public long Id { get; set; }
    public Guid AuditBodyId { get; set; }
    public string? RetiredKeyId { get; set; }
    public required string NewKeyId { get; set; }
    public Guid? RotatedBy { get; set; }
    public required string RotatedByName { get; set; }
    public DateTimeOffset RotatedAt { get; set; }
}

public sealed class AuditAttestation
{
    public required string Code { get; set; }
    public Guid AuditId { get; set; }
    public required byte[] Canonical { get; set; }
    public required byte[] Signature { get; set; }
    public required string KeyId { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnReason { get; set; }
}
