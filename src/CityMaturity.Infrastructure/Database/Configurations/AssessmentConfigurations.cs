using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CityMaturity.Infrastructure.Database.Configurations;

internal static class AssessmentConverters
{
    public static readonly ValueConverter<AssessmentMethod, string> Method = new(m => m.Key(), key => AssessmentVocabulary.ParseMethod(key));
    public static readonly ValueConverter<AssessmentStatus, string> Status = new(s => s.Key(), key => AssessmentVocabulary.ParseStatus(key));

    public static readonly ValueConverter<AssessmentRoleKind, string> Role = new(r => r.Key(), key => AssessmentVocabulary.ParseRole(key));

    public static readonly ValueConverter<RatingChangeSource, string> Source = new(
        s => s == RatingChangeSource.Import ? "import" : "rating-form",
        key => key == "import" ? RatingChangeSource.Import : RatingChangeSource.RatingForm);
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> assessment)
    {
        assessment.ToTable("assessments");
        assessment.Property(a => a.Id).HasColumnName("id");
        assessment.Property(a => a.OrganisationId).HasColumnName("organisation_id");
        assessment.Property(a => a.Name).HasColumnName("name");
        assessment.Property(a => a.Community).HasColumnName("community");
        assessment.Property(a => a.Purpose).HasColumnName("purpose");
        assessment.Property(a => a.Method).HasColumnName("method").HasConversion(AssessmentConverters.Method);
        assessment.Property(a => a.Status).HasColumnName("status").HasConversion(AssessmentConverters.Status);
        assessment.Property(a => a.Scope).HasColumnName("scope");
        assessment.Property(a => a.Deadline).HasColumnName("deadline");
        assessment.Property(a => a.RemindersEnabled).HasColumnName("reminders_enabled");
        assessment.Property(a => a.CreatedBy).HasColumnName("created_by");
        assessment.Property(a => a.CreatedAt).HasColumnName("created_at");
        assessment.Property(a => a.SeriesId).HasColumnName("series_id");
        assessment.Property(a => a.PredecessorId).HasColumnName("predecessor_id");
        assessment.Ignore(a => a.CycleDate);
        assessment.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId);
    }
}

internal sealed class AssessmentSeriesConfiguration : IEntityTypeConfiguration<Domain.Cycles.AssessmentSeries>
{
    public void Configure(EntityTypeBuilder<Domain.Cycles.AssessmentSeries> series)
    {
        series.ToTable("assessment_series");
        series.Property(s => s.Id).HasColumnName("id");
        series.Property(s => s.OrganisationId).HasColumnName("organisation_id");
        series.Property(s => s.Name).HasColumnName("name");
        series.Property(s => s.CreatedAt).HasColumnName("created_at");
        series.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId);
    }
}

internal sealed class SeriesRenameConfiguration : IEntityTypeConfiguration<Domain.Cycles.SeriesRename>
{
    public void Configure(EntityTypeBuilder<Domain.Cycles.SeriesRename> rename)
    {
        rename.ToTable("series_renames");
        rename.Property(r => r.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        rename.Property(r => r.SeriesId).HasColumnName("series_id");
        rename.Property(r => r.OldName).HasColumnName("old_name");
        rename.Property(r => r.NewName).HasColumnName("new_name");
        rename.Property(r => r.RenamedAt).HasColumnName("renamed_at");
        rename.Property(r => r.ByUserId).HasColumnName("by_user_id");
        rename.HasOne<Domain.Cycles.AssessmentSeries>().WithMany().HasForeignKey(r => r.SeriesId);
    }
}

internal sealed class AssessmentTargetConfiguration : IEntityTypeConfiguration<AssessmentTarget>
{
    public void Configure(EntityTypeBuilder<AssessmentTarget> target)
    {
        target.ToTable("assessment_targets");
        target.HasKey(t => new { t.AssessmentId, t.CharacteristicCode });
        target.Property(t => t.AssessmentId).HasColumnName("assessment_id");
        target.Property(t => t.CharacteristicCode).HasColumnName("characteristic_code");
        target.Property(t => t.TargetLevel).HasColumnName("target_level").HasConversion<short>();
        target.HasOne<Assessment>().WithMany().HasForeignKey(t => t.AssessmentId);
    }
}

internal sealed class AssessmentRoleConfiguration : IEntityTypeConfiguration<AssessmentRole>
{
    public void Configure(EntityTypeBuilder<AssessmentRole> role)
    {
        role.ToTable("assessment_roles");
        role.HasKey(r => new { r.AssessmentId, r.UserId });
        role.Property(r => r.AssessmentId).HasColumnName("assessment_id");
        role.Property(r => r.UserId).HasColumnName("user_id");
        role.Property(r => r.Role).HasColumnName("role").HasConversion(AssessmentConverters.Role);
        role.HasOne<Assessment>().WithMany().HasForeignKey(r => r.AssessmentId);
    }
}

internal sealed class AssessmentDataVersionConfiguration : IEntityTypeConfiguration<AssessmentDataVersion>
{
    public void Configure(EntityTypeBuilder<AssessmentDataVersion> version)
    {
        version.ToTable("assessment_data_versions");
        version.HasKey(v => v.AssessmentId);
        version.Property(v => v.AssessmentId).HasColumnName("assessment_id");
        version.Property(v => v.Version).HasColumnName("version");
        version.HasOne<Assessment>().WithMany().HasForeignKey(v => v.AssessmentId);
    }
}

internal sealed class StakeholderGroupConfiguration : IEntityTypeConfiguration<StakeholderGroup>
{
    public void Configure(EntityTypeBuilder<StakeholderGroup> group)
    {
        group.ToTable("stakeholder_groups");
        group.Property(g => g.Id).HasColumnName("id");
        group.Property(g => g.AssessmentId).HasColumnName("assessment_id");
        group.Property(g => g.Name).HasColumnName("name");
        group.Property(g => g.Position).HasColumnName("position");
        group.HasOne<Assessment>().WithMany().HasForeignKey(g => g.AssessmentId);
    }
}

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> participant)
    {
        participant.ToTable("participants");
        participant.Property(p => p.Id).HasColumnName("id");
        participant.Property(p => p.AssessmentId).HasColumnName("assessment_id");
        participant.Property(p => p.GroupId).HasColumnName("group_id");
        participant.Property(p => p.Name).HasColumnName("name");
        participant.Property(p => p.Email).HasColumnName("email");
        participant.Property(p => p.UserId).HasColumnName("user_id");
        participant.Property(p => p.TokenHash).HasColumnName("token_hash");
        participant.Property(p => p.TokenExpiresAt).HasColumnName("token_expires_at");
        participant.Property(p => p.TokenRevokedAt).HasColumnName("token_revoked_at");
        participant.Property(p => p.InvitedAt).HasColumnName("invited_at");
        participant.Property(p => p.RemindedAt).HasColumnName("reminded_at");
        participant.Property(p => p.CreatedAt).HasColumnName("created_at");
        participant.HasOne<Assessment>().WithMany().HasForeignKey(p => p.AssessmentId);
        participant.HasOne<StakeholderGroup>().WithMany().HasForeignKey(p => p.GroupId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ParticipantReminderConfiguration : IEntityTypeConfiguration<ParticipantReminder>
{
    public void Configure(EntityTypeBuilder<ParticipantReminder> reminder)
    {
        reminder.ToTable("participant_reminders");
        reminder.HasKey(r => new { r.ParticipantId, r.DaysBefore });
        reminder.Property(r => r.ParticipantId).HasColumnName("participant_id");
        reminder.Property(r => r.AssessmentId).HasColumnName("assessment_id");
        reminder.Property(r => r.DaysBefore).HasColumnName("days_before").HasConversion<short>();
        reminder.Property(r => r.SentAt).HasColumnName("sent_at");
        reminder.HasOne<Participant>().WithMany().HasForeignKey(r => r.ParticipantId);
        reminder.HasOne<Assessment>().WithMany().HasForeignKey(r => r.AssessmentId);
    }
}

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> rating)
    {
        rating.ToTable("ratings");
        rating.Property(r => r.Id).HasColumnName("id");
        rating.Property(r => r.AssessmentId).HasColumnName("assessment_id");
        rating.Property(r => r.ParticipantId).HasColumnName("participant_id");
        rating.Property(r => r.CharacteristicCode).HasColumnName("characteristic_code");
        // LevelAnswer is stored through private string fields ('1'–'5', 'DK', NULL = unanswered).
        rating.Ignore(r => r.LevelNow);
        rating.Ignore(r => r.LevelInTwoYears);
        rating.Property<string?>(RatingColumns.LevelNow).HasColumnName("level_now");
        rating.Property<string?>(RatingColumns.LevelInTwoYears).HasColumnName("level_in_two_years");
        rating.Property(r => r.Comment).HasColumnName("comment");
        rating.Property(r => r.EvidenceLinks).HasColumnName("evidence_links");
        rating.Property(r => r.Version).HasColumnName("version").IsConcurrencyToken();
        rating.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        rating.Ignore(r => r.IsComplete);
        rating.HasOne<Assessment>().WithMany().HasForeignKey(r => r.AssessmentId);
        rating.HasOne<Participant>().WithMany().HasForeignKey(r => r.ParticipantId);
        rating.Ignore(r => r.PlansRegress);
    }
}

internal sealed class RatingChangeConfiguration : IEntityTypeConfiguration<RatingChange>
{
    public void Configure(EntityTypeBuilder<RatingChange> change)
    {
        change.ToTable("rating_changes");
        change.Property(c => c.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        change.Property(c => c.RatingId).HasColumnName("rating_id");
        change.Property(c => c.AssessmentId).HasColumnName("assessment_id");
        change.Property(c => c.ParticipantId).HasColumnName("participant_id");
        change.Property(c => c.CharacteristicCode).HasColumnName("characteristic_code");
        change.Property(c => c.ChangedAt).HasColumnName("changed_at");
        change.Property(c => c.ChangedByUserId).HasColumnName("changed_by_user_id");
        change.Property(c => c.ChangedByParticipant).HasColumnName("changed_by_participant");
        change.Property(c => c.Source).HasColumnName("source").HasConversion(AssessmentConverters.Source);
        change.Ignore(c => c.OldLevelNow);
        change.Ignore(c => c.NewLevelNow);
        change.Ignore(c => c.OldLevelInTwoYears);
        change.Ignore(c => c.NewLevelInTwoYears);
        change.Property<string?>("_oldLevelNow").HasColumnName("old_level_now");
        change.Property<string?>("_newLevelNow").HasColumnName("new_level_now");
        change.Property<string?>("_oldLevelInTwoYears").HasColumnName("old_level_in_two_years");
        change.Property<string?>("_newLevelInTwoYears").HasColumnName("new_level_in_two_years");

        change.Property(c => c.OldComment).HasColumnName("old_comment");
        change.Property(c => c.NewComment).HasColumnName("new_comment");
        change.Property(c => c.OldEvidenceLinks).HasColumnName("old_evidence_links");
        change.Property(c => c.NewEvidenceLinks).HasColumnName("new_evidence_links");
        change.HasOne<Rating>().WithMany().HasForeignKey(c => c.RatingId);
        change.HasOne<Assessment>().WithMany().HasForeignKey(c => c.AssessmentId);
    }
}
