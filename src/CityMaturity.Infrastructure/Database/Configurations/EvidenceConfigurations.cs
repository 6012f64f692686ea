using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Evidence;
using CityMaturity.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CityMaturity.Infrastructure.Database.Configurations;

internal sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    private static readonly ValueConverter<EvidenceKind, string> Kind = new(k => k.Key(), key => EvidenceKinds.Parse(key));

    public void Configure(EntityTypeBuilder<EvidenceItem> item)
    {
        item.ToTable("evidence_items");
        item.Property(e => e.Id).HasColumnName("id");
        item.Property(e => e.OrganisationId).HasColumnName("organisation_id");
        item.Property(e => e.AssessmentId).HasColumnName("assessment_id");
        item.Property(e => e.CharacteristicCode).HasColumnName("characteristic_code");
        item.Property(e => e.ParticipantId).HasColumnName("participant_id");
        item.Property(e => e.ConsensusDecisionId).HasColumnName("consensus_decision_id");
        item.Property(e => e.Kind).HasColumnName("kind").HasConversion(Kind);
        item.Property(e => e.Title).HasColumnName("title");
        item.Property(e => e.Url).HasColumnName("url");
        item.Property(e => e.IndicatorCode).HasColumnName("indicator_code");
        item.Property(e => e.IndicatorYear).HasColumnName("indicator_year");
        item.Property(e => e.ContentType).HasColumnName("content_type");
        item.Property(e => e.SizeBytes).HasColumnName("size_bytes");
        item.Property(e => e.Sha256).HasColumnName("sha256");
        item.Property(e => e.IsDemo).HasColumnName("is_demo");
        item.Property(e => e.AddedAt).HasColumnName("added_at");
        item.Property(e => e.AddedByUserId).HasColumnName("added_by_user_id");
        item.Property(e => e.AddedByParticipantId).HasColumnName("added_by_participant_id");
        item.Property(e => e.RemovedAt).HasColumnName("removed_at");
        item.Property(e => e.RemovedByUserId).HasColumnName("removed_by_user_id");
        item.Property(e => e.RemovedByParticipantId).HasColumnName("removed_by_participant_id");
        item.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId);
        item.HasOne<Assessment>().WithMany().HasForeignKey(e => e.AssessmentId);
    }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> file)
    {
        file.ToTable("evidence_files");
        file.HasKey(f => f.EvidenceId);
        file.Property(f => f.EvidenceId).HasColumnName("evidence_id");
        file.Property(f => f.Content).HasColumnName("content");
        file.HasOne<EvidenceItem>().WithOne().HasForeignKey<EvidenceFile>(f => f.EvidenceId);
    }
}

internal sealed class EvidenceChangeConfiguration : IEntityTypeConfiguration<EvidenceChange>
{
    private static readonly ValueConverter<EvidenceAction, string> Action = new(
        a => a == EvidenceAction.Removed ? "removed" : "added",
        key => key == "removed" ? EvidenceAction.Removed : EvidenceAction.Added);

    public void Configure(EntityTypeBuilder<EvidenceChange> change)
    {
        change.ToTable("evidence_changes");
        change.Property(c => c.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        change.Property(c => c.EvidenceId).HasColumnName("evidence_id");
        change.Property(c => c.AssessmentId).HasColumnName("assessment_id");
        change.Property(c => c.CharacteristicCode).HasColumnName("characteristic_code");
        change.Property(c => c.Action).HasColumnName("action").HasConversion(Action);
        change.Property(c => c.ChangedAt).HasColumnName("changed_at");
        change.Property(c => c.ByUserId).HasColumnName("by_user_id");
        change.Property(c => c.ByParticipantId).HasColumnName("by_participant_id");
        change.Property(c => c.What).HasColumnName("what");
        change.HasOne<EvidenceItem>().WithMany().HasForeignKey(c => c.EvidenceId);
    }
}
