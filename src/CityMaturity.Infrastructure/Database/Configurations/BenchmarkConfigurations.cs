using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CityMaturity.Infrastructure.Database.Configurations;

internal sealed class BenchmarkNetworkConfiguration : IEntityTypeConfiguration<BenchmarkNetwork>
{
    public void Configure(EntityTypeBuilder<BenchmarkNetwork> network)
    {
        network.ToTable("benchmark_networks");
        network.Property(n => n.Id).HasColumnName("id");
        network.Property(n => n.Name).HasColumnName("name");
        network.Property(n => n.Description).HasColumnName("description");
        network.Property(n => n.KThreshold).HasColumnName("k_threshold");
        network.Property(n => n.IsDemo).HasColumnName("is_demo");
        network.Property(n => n.CreatedBy).HasColumnName("created_by");
        network.Property(n => n.CreatedAt).HasColumnName("created_at");
        // Moved only by the database's triggers (db/migrations/V0027, ADR 0055); the application reads it, never writes it.
        network.Property<long>(BenchmarkNetworkColumns.FiguresVersion).HasColumnName("figures_version").ValueGeneratedOnAddOrUpdate();
    }
}

internal sealed class BenchmarkCoordinatorConfiguration : IEntityTypeConfiguration<BenchmarkCoordinator>
{
    public void Configure(EntityTypeBuilder<BenchmarkCoordinator> coordinator)
    {
        coordinator.ToTable("benchmark_coordinators");
        coordinator.HasKey(c => new { c.NetworkId, c.UserId });
        coordinator.Property(c => c.NetworkId).HasColumnName("network_id");
        coordinator.Property(c => c.UserId).HasColumnName("user_id");
        coordinator.HasOne<BenchmarkNetwork>().WithMany().HasForeignKey(c => c.NetworkId);
    }
}

internal sealed class BenchmarkMemberConfiguration : IEntityTypeConfiguration<BenchmarkMember>
{
    private static readonly ValueConverter<MembershipStatus, string> Status = new(
        s => s == MembershipStatus.Accepted ? "accepted" : "invited",
        key => key == "accepted" ? MembershipStatus.Accepted : MembershipStatus.Invited);

    public void Configure(EntityTypeBuilder<BenchmarkMember> member)
    {
        member.ToTable("benchmark_members");
        member.HasKey(m => new { m.NetworkId, m.OrganisationId });
        member.Property(m => m.NetworkId).HasColumnName("network_id");
        member.Property(m => m.OrganisationId).HasColumnName("organisation_id");
        member.Property(m => m.Status).HasColumnName("status").HasConversion(Status);
        member.Property(m => m.Alias).HasColumnName("alias");
        member.Property(m => m.ShowName).HasColumnName("show_name");
        member.Property(m => m.InvitedBy).HasColumnName("invited_by");
        member.Property(m => m.InvitedAt).HasColumnName("invited_at");
        member.Property(m => m.AcceptedBy).HasColumnName("accepted_by");
        member.Property(m => m.AcceptedAt).HasColumnName("accepted_at");
        member.HasOne<BenchmarkNetwork>().WithMany().HasForeignKey(m => m.NetworkId);
        member.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId);
    }
}

internal sealed class CityProfileConfiguration : IEntityTypeConfiguration<CityProfile>
{
    public void Configure(EntityTypeBuilder<CityProfile> profile)
    {
        profile.ToTable("city_profiles");
        profile.HasKey(p => p.OrganisationId);
        profile.Property(p => p.OrganisationId).HasColumnName("organisation_id");
        profile.Property(p => p.Country).HasColumnName("country");
        profile.Property(p => p.Region).HasColumnName("region");
        profile.Property(p => p.PopulationBand).HasColumnName("population_band");
        profile.Property(p => p.AreaType).HasColumnName("area_type");
        profile.Property(p => p.Tags).HasColumnName("tags");
        profile.Property(p => p.IsDemo).HasColumnName("is_demo");
        profile.Property(p => p.UpdatedAt).HasColumnName("updated_at");
        profile.HasOne<Organisation>().WithOne().HasForeignKey<CityProfile>(p => p.OrganisationId);
    }
}

internal sealed class BenchmarkSnapshotConfiguration : IEntityTypeConfiguration<BenchmarkSnapshot>
{
    private static readonly ValueConverter<AssessmentMethod, string> Method = new(m => m.Key(), key => AssessmentVocabulary.ParseMethod(key));

    public void Configure(EntityTypeBuilder<BenchmarkSnapshot> snapshot)
    {
        snapshot.ToTable("benchmark_snapshots");
        snapshot.Property(s => s.Id).HasColumnName("id");
        snapshot.Property(s => s.NetworkId).HasColumnName("network_id");
        snapshot.Property(s => s.OrganisationId).HasColumnName("organisation_id");
        snapshot.Property(s => s.AssessmentId).HasColumnName("assessment_id");
        snapshot.Property(s => s.Method).HasColumnName("method").HasConversion(Method);
        snapshot.Property(s => s.ScoreSource).HasColumnName("score_source");
        snapshot.Property(s => s.ParticipantCount).HasColumnName("participant_count");
        snapshot.Property(s => s.GroupCount).HasColumnName("group_count");
        snapshot.Property(s => s.ConsensusState).HasColumnName("consensus_state");
        snapshot.Property(s => s.AssessedOn).HasColumnName("assessed_on");
        snapshot.Property(s => s.PublishedBy).HasColumnName("published_by");
        snapshot.Property(s => s.PublishedAt).HasColumnName("published_at");
        snapshot.Ignore(s => s.ComparisonMethod);
        snapshot.HasOne<BenchmarkMember>().WithMany().HasForeignKey(s => new { s.NetworkId, s.OrganisationId });
        snapshot.HasOne<Assessment>().WithMany().HasForeignKey(s => s.AssessmentId);
    }
}

internal sealed class BenchmarkSnapshotScoreConfiguration : IEntityTypeConfiguration<BenchmarkSnapshotScore>
{
    private static readonly ValueConverter<BenchmarkLevel, string> Level = new(
        l => l == BenchmarkLevel.Dimension ? "dimension" : l == BenchmarkLevel.SubDimension ? "sub_dimension" : "characteristic",
        key => key == "dimension" ? BenchmarkLevel.Dimension : key == "sub_dimension" ? BenchmarkLevel.SubDimension : BenchmarkLevel.Characteristic);

    public void Configure(EntityTypeBuilder<BenchmarkSnapshotScore> score)
    {
        score.ToTable("benchmark_snapshot_scores");
        score.HasKey(s => new { s.SnapshotId, s.Level, s.Code });
        score.Property(s => s.SnapshotId).HasColumnName("snapshot_id");
        score.Property(s => s.Code).HasColumnName("code");
        score.Property(s => s.Level).HasColumnName("level").HasConversion(Level);
        score.Property(s => s.ScoreNow).HasColumnName("score_now");
        score.Property(s => s.ScoreInTwoYears).HasColumnName("score_in_two_years");
        score.Property(s => s.Source).HasColumnName("source");
        score.HasOne<BenchmarkSnapshot>().WithMany().HasForeignKey(s => s.SnapshotId);
    }
}

internal sealed class BenchmarkNetworkEventConfiguration : IEntityTypeConfiguration<BenchmarkNetworkEvent>
{
    private static readonly ValueConverter<NetworkEventKind, string> Kind = new(
        k => k == NetworkEventKind.KChanged ? "k_changed" : k == NetworkEventKind.CoordinatorAdded ? "coordinator_added" : "coordinator_removed",
        key => key == "k_changed" ? NetworkEventKind.KChanged : key == "coordinator_added" ? NetworkEventKind.CoordinatorAdded : NetworkEventKind.CoordinatorRemoved);

    public void Configure(EntityTypeBuilder<BenchmarkNetworkEvent> change)
    {
        change.ToTable("benchmark_network_events");
        change.Property(e => e.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        change.Property(e => e.NetworkId).HasColumnName("network_id");
        change.Property(e => e.Kind).HasColumnName("kind").HasConversion(Kind);
        change.Property(e => e.ActorId).HasColumnName("actor_id");
        change.Property(e => e.ActorEmail).HasColumnName("actor_email");
        change.Property(e => e.SubjectEmail).HasColumnName("subject_email");
        change.Property(e => e.OldK).HasColumnName("old_k");
        change.Property(e => e.NewK).HasColumnName("new_k");
        change.Property(e => e.At).HasColumnName("at");
        change.HasOne<BenchmarkNetwork>().WithMany().HasForeignKey(e => e.NetworkId);
    }
}

internal sealed class BenchmarkIndicatorValueConfiguration : IEntityTypeConfiguration<BenchmarkIndicatorValue>
{
    public void Configure(EntityTypeBuilder<BenchmarkIndicatorValue> value)
    {
        value.ToTable("benchmark_indicator_values");
        value.HasKey(v => new { v.NetworkId, v.OrganisationId, v.IndicatorCode, v.Year });
        value.Property(v => v.NetworkId).HasColumnName("network_id");
        value.Property(v => v.OrganisationId).HasColumnName("organisation_id");
        value.Property(v => v.IndicatorCode).HasColumnName("indicator_code");
        value.Property(v => v.Year).HasColumnName("year");
        value.Property(v => v.Value).HasColumnName("value");
        value.Property(v => v.Unit).HasColumnName("unit");
        value.Property(v => v.PublishedBy).HasColumnName("published_by");
        value.Property(v => v.PublishedAt).HasColumnName("published_at");
        value.HasOne<BenchmarkMember>().WithMany().HasForeignKey(v => new { v.NetworkId, v.OrganisationId });
    }
}

internal sealed class BenchmarkSharedEvidenceConfiguration : IEntityTypeConfiguration<BenchmarkSharedEvidence>
{
    public void Configure(EntityTypeBuilder<BenchmarkSharedEvidence> shared)
    {
        shared.ToTable("benchmark_shared_evidence");
        shared.HasKey(s => new { s.SnapshotId, s.EvidenceId });
        shared.Property(s => s.SnapshotId).HasColumnName("snapshot_id");
        shared.Property(s => s.EvidenceId).HasColumnName("evidence_id");
        shared.Property(s => s.SharedBy).HasColumnName("shared_by");
        shared.Property(s => s.SharedAt).HasColumnName("shared_at");
        shared.HasOne<BenchmarkSnapshot>().WithMany().HasForeignKey(s => s.SnapshotId);
        shared.HasOne<Domain.Evidence.EvidenceItem>().WithMany().HasForeignKey(s => s.EvidenceId);
    }
}

internal sealed class BenchmarkChallengeConfiguration : IEntityTypeConfiguration<BenchmarkChallenge>
{
    public void Configure(EntityTypeBuilder<BenchmarkChallenge> challenge)
    {
        challenge.ToTable("benchmark_challenges");
        challenge.Property(c => c.Id).HasColumnName("id");
        challenge.Property(c => c.NetworkId).HasColumnName("network_id");
        challenge.Property(c => c.TargetOrganisationId).HasColumnName("target_organisation_id");
        challenge.Property(c => c.CharacteristicCode).HasColumnName("characteristic_code");
        challenge.Property(c => c.IndicatorCode).HasColumnName("indicator_code");
        challenge.Property(c => c.IndicatorYear).HasColumnName("indicator_year");
        challenge.Property(c => c.OpenedByOrganisationId).HasColumnName("opened_by_organisation_id");
        challenge.Property(c => c.OpenedBy).HasColumnName("opened_by");
        challenge.Property(c => c.OpenedAt).HasColumnName("opened_at");
        challenge.Property(c => c.ClosedAt).HasColumnName("closed_at");
        challenge.Property(c => c.ClosedBy).HasColumnName("closed_by");
        challenge.Ignore(c => c.IsOpen);
        challenge.HasOne<BenchmarkNetwork>().WithMany().HasForeignKey(c => c.NetworkId);
    }
}

internal sealed class BenchmarkChallengePostConfiguration : IEntityTypeConfiguration<BenchmarkChallengePost>
{
    public void Configure(EntityTypeBuilder<BenchmarkChallengePost> post)
    {
        post.ToTable("benchmark_challenge_posts");
        post.Property(p => p.Id).HasColumnName("id");
        post.Property(p => p.ChallengeId).HasColumnName("challenge_id");
        post.Property(p => p.AuthorOrganisationId).HasColumnName("author_organisation_id");
        post.Property(p => p.Body).HasColumnName("body");
        post.Property(p => p.PostedBy).HasColumnName("posted_by");
        post.Property(p => p.PostedAt).HasColumnName("posted_at");
        post.Property(p => p.HiddenAt).HasColumnName("hidden_at");
        post.Property(p => p.HiddenBy).HasColumnName("hidden_by");
        post.Property(p => p.HiddenReason).HasColumnName("hidden_reason");
        post.HasOne<BenchmarkChallenge>().WithMany().HasForeignKey(p => p.ChallengeId);
    }
}

internal sealed class BenchmarkPostModerationConfiguration : IEntityTypeConfiguration<BenchmarkPostModeration>
{
    public void Configure(EntityTypeBuilder<BenchmarkPostModeration> step)
    {
        step.ToTable("benchmark_post_moderation");
        step.Property(m => m.Id).HasColumnName("id");
        step.Property(m => m.PostId).HasColumnName("post_id");
        step.Property(m => m.Action).HasColumnName("action")
            .HasConversion(a => a == PostModerationAction.Hidden ? "hidden" : "shown", text => text == "hidden" ? PostModerationAction.Hidden : PostModerationAction.Shown);
        step.Property(m => m.Reason).HasColumnName("reason");
        step.Property(m => m.ActedBy).HasColumnName("acted_by");
        step.Property(m => m.ActedAt).HasColumnName("acted_at");
        step.HasOne<BenchmarkChallengePost>().WithMany().HasForeignKey(m => m.PostId);
    }
}

/// <summary>Columns of benchmark_networks that the application reads but no entity carries.</summary>
public static class BenchmarkNetworkColumns
{
    /// <summary>The network's figures version: moved by triggers on every change to what its comparison is computed from.</summary>
    public const string FiguresVersion = "FiguresVersion";
}
