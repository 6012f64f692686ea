using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Organisations;
using CityMaturity.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CityMaturity.Infrastructure.Database.Configurations;

internal sealed class ImprovementActionConfiguration : IEntityTypeConfiguration<ImprovementAction>
{
    private static readonly ValueConverter<ActionStatus, string> Status = new(s => s.Key(), key => ActionStatuses.Parse(key));

    public void Configure(EntityTypeBuilder<ImprovementAction> action)
    {
        action.ToTable("improvement_actions");
        action.Property(a => a.Id).HasColumnName("id");
        action.Property(a => a.OrganisationId).HasColumnName("organisation_id");
        action.Property(a => a.AssessmentId).HasColumnName("assessment_id");
        action.Property(a => a.CharacteristicCode).HasColumnName("characteristic_code");
        action.Property(a => a.Title).HasColumnName("title");
        action.Property(a => a.OwnerUserId).HasColumnName("owner_user_id");
        action.Property(a => a.OwnerName).HasColumnName("owner_name");
        action.Property(a => a.DueDate).HasColumnName("due_date");
        action.Property(a => a.Status).HasColumnName("status").HasConversion(Status);
        action.Property(a => a.Documents).HasColumnName("documents");
        action.Property(a => a.CreatedAt).HasColumnName("created_at");
        action.Property(a => a.CreatedByUserId).HasColumnName("created_by_user_id");
        action.Property(a => a.UpdatedAt).HasColumnName("updated_at");
        action.HasMany(a => a.Indicators).WithOne().HasForeignKey(i => i.ActionId);
        action.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId);
        action.HasOne<Assessment>().WithMany().HasForeignKey(a => a.AssessmentId);
    }
}

internal sealed class ActionIndicatorTargetConfiguration : IEntityTypeConfiguration<ActionIndicatorTarget>
{
    public void Configure(EntityTypeBuilder<ActionIndicatorTarget> target)
    {
        target.ToTable("improvement_action_indicators");
        target.HasKey(t => new { t.ActionId, t.IndicatorCode });
        target.Property(t => t.ActionId).HasColumnName("action_id");
        target.Property(t => t.IndicatorCode).HasColumnName("indicator_code");
        target.Property(t => t.TargetValue).HasColumnName("target_value");
        target.Property(t => t.TargetYear).HasColumnName("target_year");
    }
}

internal sealed class ImprovementActionChangeConfiguration : IEntityTypeConfiguration<ImprovementActionChange>
{
    public void Configure(EntityTypeBuilder<ImprovementActionChange> change)
    {
        change.ToTable("improvement_action_changes");
        change.Property(c => c.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        change.Property(c => c.ActionId).HasColumnName("action_id");
        change.Property(c => c.AssessmentId).HasColumnName("assessment_id");
        change.Property(c => c.Field).HasColumnName("field");
        change.Property(c => c.OldValue).HasColumnName("old_value");
        change.Property(c => c.NewValue).HasColumnName("new_value");
        change.Property(c => c.ChangedAt).HasColumnName("changed_at");
        change.Property(c => c.ByUserId).HasColumnName("by_user_id");
        change.HasOne<ImprovementAction>().WithMany().HasForeignKey(c => c.ActionId);
    }
}
