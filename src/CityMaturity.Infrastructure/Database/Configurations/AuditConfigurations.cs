using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Audits;
using CityMaturity.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CityMaturity.Infrastructure.Database.Configurations;

internal sealed class AuditConfiguration : IEntityTypeConfiguration<Audit>
{
    private static readonly ValueConverter<AuditStatus, string> Status = new(s => s.Code(), code => AuditStatuses.ParseStatus(code));

    private static readonly ValueConverter<AuditOpinion, string> Opinion = new(o => o.Code(), code => AuditStatuses.ParseOpinion(code));

    public void Configure(EntityTypeBuilder<Audit> audit)
    {
        audit.ToTable("audits");
        audit.Property(a => a.Id).HasColumnName("id");
        audit.Property(a => a.AssessmentId).HasColumnName("assessment_id");
        audit.Property(a => a.AuditBodyId).HasColumnName("audit_body_id");
        audit.Property(a => a.EngagedFrom).HasColumnName("engaged_from");
        audit.Property(a => a.EngagedUntil).HasColumnName("engaged_until");
        audit.Property(a => a.IndicatorYears).HasColumnName("indicator_years");
        audit.Property(a => a.ShowPersonalData).HasColumnName("show_personal_data");
        audit.Property(a => a.Status).HasColumnName("status").HasConversion(Status);
        audit.Property(a => a.SubmissionVersion).HasColumnName("submission_version");
        audit.Property(a => a.Opinion).HasColumnName("opinion").HasConversion(Opinion);
        audit.Property(a => a.Reservations).HasColumnName("reservations");
        audit.Property(a => a.CityResponse).HasColumnName("city_response");
        audit.Property(a => a.EngagedBy).HasColumnName("engaged_by");
        audit.Property(a => a.CreatedAt).HasColumnName("created_at");
        audit.Property(a => a.RevokedAt).HasColumnName("revoked_at");
        audit.Property(a => a.ClosedAt).HasColumnName("closed_at");
        audit.HasOne<Assessment>().WithMany().HasForeignKey(a => a.AssessmentId);
        audit.HasOne<Organisation>().WithMany().HasForeignKey(a => a.AuditBodyId);
    }
}

internal sealed class AuditFindingConfiguration : IEntityTypeConfiguration<AuditFindingRecord>
{
    private static readonly ValueConverter<FindingKind, string> Kind = new(k => k.Code(), code => FindingKinds.Parse(code));

    public void Configure(EntityTypeBuilder<AuditFindingRecord> finding)
    {
        finding.ToTable("audit_findings");
        finding.HasKey(f => new { f.AuditId, f.CharacteristicCode });
        finding.Property(f => f.AuditId).HasColumnName("audit_id");
        finding.Property(f => f.CharacteristicCode).HasColumnName("characteristic_code");
        finding.Property(f => f.VerifiedLevel).HasColumnName("verified_level");
        finding.Property(f => f.Finding).HasColumnName("finding").HasConversion(Kind);
        finding.Property(f => f.EvidenceExamined).HasColumnName("evidence_examined");
        finding.Property(f => f.Note).HasColumnName("note");
        finding.Property(f => f.ExaminedInDepth).HasColumnName("examined_in_depth");
        finding.Property(f => f.SamplingReason).HasColumnName("sampling_reason");
        finding.Property(f => f.RecordedBy).HasColumnName("recorded_by");
        finding.Property(f => f.RecordedAt).HasColumnName("recorded_at");
        finding.HasOne<Audit>().WithMany().HasForeignKey(f => f.AuditId);
    }
}

internal sealed class AuditIndicatorCheckConfiguration : IEntityTypeConfiguration<AuditIndicatorCheck>
{
    private static readonly ValueConverter<IndicatorVerdict, string> Verdict = new(v => v.Code(), code => IndicatorVerdicts.Parse(code));

    public void Configure(EntityTypeBuilder<AuditIndicatorCheck> check)
    {
        check.ToTable("audit_indicator_checks");
        check.HasKey(c => new { c.AuditId, c.IndicatorValueId });
        check.Property(c => c.AuditId).HasColumnName("audit_id");
        check.Property(c => c.IndicatorValueId).HasColumnName("indicator_value_id");
        check.Property(c => c.Verdict).HasColumnName("verdict").HasConversion(Verdict);
        check.Property(c => c.Reason).HasColumnName("reason");
        check.Property(c => c.CheckedBy).HasColumnName("checked_by");
        check.Property(c => c.CheckedAt).HasColumnName("checked_at");
        check.HasOne<Audit>().WithMany().HasForeignKey(c => c.AuditId);
    }
}

internal sealed class AuditRequestConfiguration : IEntityTypeConfiguration<AuditRequest>
{
    public void Configure(EntityTypeBuilder<AuditRequest> request)
    {
        request.ToTable("audit_requests");
        request.Property(r => r.Id).HasColumnName("id");
        request.Property(r => r.AuditId).HasColumnName("audit_id");
        request.Property(r => r.CharacteristicCode).HasColumnName("characteristic_code");
        request.Property(r => r.Question).HasColumnName("question");
        request.Property(r => r.AskedBy).HasColumnName("asked_by");
        request.Property(r => r.AskedAt).HasColumnName("asked_at");
        request.Property(r => r.Answer).HasColumnName("answer");
        request.Property(r => r.AnsweredBy).HasColumnName("answered_by");
        request.Property(r => r.AnsweredAt).HasColumnName("answered_at");
        request.Property(r => r.ClosedAt).HasColumnName("closed_at");
        request.Property(r => r.ClosedBy).HasColumnName("closed_by");
        request.Ignore(r => r.IsOpen);
        request.HasOne<Audit>().WithMany().HasForeignKey(r => r.AuditId);
    }
}

internal sealed class AuditRequestDocumentConfiguration : IEntityTypeConfiguration<AuditRequestDocument>
{
    public void Configure(EntityTypeBuilder<AuditRequestDocument> document)
    {
        document.ToTable("audit_request_documents");
        document.HasKey(d => new { d.RequestId, d.EvidenceId });
        document.Property(d => d.RequestId).HasColumnName("request_id");
        document.Property(d => d.EvidenceId).HasColumnName("evidence_id");
        document.Property(d => d.AttachedBy).HasColumnName("attached_by");
        document.Property(d => d.AttachedAt).HasColumnName("attached_at");
        document.HasOne<AuditRequest>().WithMany().HasForeignKey(d => d.RequestId);
        // Named so EF inserts the evidence item (added in the same step) before the row that points at it.
        document.HasOne<Domain.Evidence.EvidenceItem>().WithMany().HasForeignKey(d => d.EvidenceId);
    }
}

internal sealed class AuditRequestMessageConfiguration : IEntityTypeConfiguration<AuditRequestMessage>
{
    public void Configure(EntityTypeBuilder<AuditRequestMessage> message)
    {
        message.ToTable("audit_request_messages");
        message.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
        message.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
        message.Property(m => m.RequestId).HasColumnName("request_id");
        message.Property(m => m.Party).HasColumnName("party")
            .HasConversion(p => p == AuditParty.City ? "city" : "audit_body", code => code == "city" ? AuditParty.City : AuditParty.AuditBody);
        message.Property(m => m.AuthorId).HasColumnName("author_id");
        message.Property(m => m.AuthorName).HasColumnName("author_name");
        message.Property(m => m.Body).HasColumnName("body");
        message.Property(m => m.PostedAt).HasColumnName("posted_at");
        message.HasOne<AuditRequest>().WithMany().HasForeignKey(m => m.RequestId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_entries");
        entry.HasKey(e => new { e.AuditId, e.Sequence });
        entry.Property(e => e.AuditId).HasColumnName("audit_id");
        entry.Property(e => e.Sequence).HasColumnName("sequence").ValueGeneratedNever();
        entry.Property(e => e.At).HasColumnName("at");
        entry.Property(e => e.Kind).HasColumnName("kind");
        entry.Property(e => e.Actor).HasColumnName("actor");
        entry.Property(e => e.Details).HasColumnName("details");
        entry.Property(e => e.PreviousHash).HasColumnName("previous_hash");
        entry.Property(e => e.Hash).HasColumnName("hash");
        entry.HasOne<Audit>().WithMany().HasForeignKey(e => e.AuditId);
    }
}

internal sealed class AuditAccessConfiguration : IEntityTypeConfiguration<AuditAccess>
{
    public void Configure(EntityTypeBuilder<AuditAccess> access)
    {
        access.ToTable("audit_access_log");
        access.Property(a => a.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        access.Property(a => a.AuditId).HasColumnName("audit_id");
        access.Property(a => a.UserId).HasColumnName("user_id");
        access.Property(a => a.At).HasColumnName("at");
        access.Property(a => a.What).HasColumnName("what");
        access.HasOne<Audit>().WithMany().HasForeignKey(a => a.AuditId);
    }
}

internal sealed class AttestationSigningKeyConfiguration : IEntityTypeConfiguration<AttestationSigningKey>
{
    public void Configure(EntityTypeBuilder<AttestationSigningKey> key)
    {
        key.ToTable("attestation_signing_keys");
        key.HasKey(k => k.KeyId);
        key.Property(k => k.KeyId).HasColumnName("key_id");
        key.Property(k => k.AuditBodyId).HasColumnName("audit_body_id");
        key.Property(k => k.PublicKeySpki).HasColumnName("public_key_spki");
        key.Property(k => k.ProtectedPrivateKey).HasColumnName("protected_private_key");
        key.Property(k => k.CreatedAt).HasColumnName("created_at");
        key.Property(k => k.RetiredAt).HasColumnName("retired_at");
    }
}

internal sealed class AttestationKeyRotationConfiguration : IEntityTypeConfiguration<AttestationKeyRotation>
{
    public void Configure(EntityTypeBuilder<AttestationKeyRotation> rotation)
    {
        rotation.ToTable("attestation_key_rotations");
        rotation.Property(r => r.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        rotation.Property(r => r.AuditBodyId).HasColumnName("audit_body_id");
        rotation.Property(r => r.RetiredKeyId).HasColumnName("retired_key_id");
        rotation.Property(r => r.NewKeyId).HasColumnName("new_key_id");
        rotation.Property(r => r.RotatedBy).HasColumnName("rotated_by");
        rotation.Property(r => r.RotatedByName).HasColumnName("rotated_by_name");
        rotation.Property(r => r.RotatedAt).HasColumnName("rotated_at");
    }
}

internal sealed class AuditAttestationConfiguration : IEntityTypeConfiguration<AuditAttestation>
{
    public void Configure(EntityTypeBuilder<AuditAttestation> attestation)
    {
        attestation.ToTable("audit_attestations");
        attestation.HasKey(a => a.Code);
        attestation.Property(a => a.Code).HasColumnName("code");
        attestation.Property(a => a.AuditId).HasColumnName("audit_id");
        attestation.Property(a => a.Canonical).HasColumnName("canonical");
        attestation.Property(a => a.Signature).HasColumnName("signature");
        attestation.Property(a => a.KeyId).HasColumnName("key_id");
        attestation.Property(a => a.IssuedAt).HasColumnName("issued_at");
        attestation.Property(a => a.WithdrawnAt).HasColumnName("withdrawn_at");
        attestation.Property(a => a.WithdrawnReason).HasColumnName("withdrawn_reason");
        attestation.HasOne<Audit>().WithMany().HasForeignKey(a => a.AuditId);
        attestation.HasOne<AttestationSigningKey>().WithMany().HasForeignKey(a => a.KeyId);
    }
}
