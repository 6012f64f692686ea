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

    public bool IsOpen => AnsweredAt is null;
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
