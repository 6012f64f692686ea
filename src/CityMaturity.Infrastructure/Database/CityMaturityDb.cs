using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Organisations;
using CityMaturity.Domain.Workshops;
using CityMaturity.Infrastructure.Accounts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Infrastructure.Database;

/// <summary>
/// EF Core's view of the schema that db/migrations defines. It never creates or migrates the schema;
/// every table and column name is set explicitly (snake_case) and a test checks each mapping against the database.
/// </summary>
public class CityMaturityDb(DbContextOptions<CityMaturityDb> options) : IdentityUserContext<AppUser, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<AssessmentTarget> AssessmentTargets => Set<AssessmentTarget>();
    public DbSet<Domain.Cycles.AssessmentSeries> AssessmentSeries => Set<Domain.Cycles.AssessmentSeries>();
    public DbSet<Domain.Cycles.SeriesRename> SeriesRenames => Set<Domain.Cycles.SeriesRename>();
    public DbSet<AssessmentRole> AssessmentRoles => Set<AssessmentRole>();
    public DbSet<StakeholderGroup> StakeholderGroups => Set<StakeholderGroup>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<ParticipantReminder> ParticipantReminders => Set<ParticipantReminder>();
    public DbSet<Rating> Ratings => Set<Rating>();
    public DbSet<RatingChange> RatingChanges => Set<RatingChange>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<Workshop> Workshops => Set<Workshop>();
    public DbSet<WorkshopAttendee> WorkshopAttendees => Set<WorkshopAttendee>();
    public DbSet<WorkshopRound> WorkshopRounds => Set<WorkshopRound>();
    public DbSet<WorkshopVote> WorkshopVotes => Set<WorkshopVote>();
    public DbSet<ConsensusDecision> ConsensusDecisions => Set<ConsensusDecision>();
    public DbSet<CityMaturity.Domain.Indicators.IndicatorValue> IndicatorValues => Set<CityMaturity.Domain.Indicators.IndicatorValue>();
    public DbSet<CityMaturity.Domain.Indicators.IndicatorValueChange> IndicatorValueChanges => Set<CityMaturity.Domain.Indicators.IndicatorValueChange>();
    public DbSet<Domain.Evidence.EvidenceItem> EvidenceItems => Set<Domain.Evidence.EvidenceItem>();
    public DbSet<Domain.Evidence.EvidenceFile> EvidenceFiles => Set<Domain.Evidence.EvidenceFile>();
    public DbSet<Domain.Evidence.EvidenceChange> EvidenceChanges => Set<Domain.Evidence.EvidenceChange>();
    public DbSet<Domain.Plans.ImprovementAction> ImprovementActions => Set<Domain.Plans.ImprovementAction>();
    public DbSet<Domain.Plans.ImprovementActionChange> ImprovementActionChanges => Set<Domain.Plans.ImprovementActionChange>();

    public DbSet<Domain.Benchmarking.BenchmarkNetwork> BenchmarkNetworks => Set<Domain.Benchmarking.BenchmarkNetwork>();
    public DbSet<Domain.Benchmarking.BenchmarkCoordinator> BenchmarkCoordinators => Set<Domain.Benchmarking.BenchmarkCoordinator>();
    public DbSet<Domain.Benchmarking.BenchmarkMember> BenchmarkMembers => Set<Domain.Benchmarking.BenchmarkMember>();
    public DbSet<Domain.Benchmarking.CityProfile> CityProfiles => Set<Domain.Benchmarking.CityProfile>();
    public DbSet<Domain.Benchmarking.BenchmarkSnapshot> BenchmarkSnapshots => Set<Domain.Benchmarking.BenchmarkSnapshot>();
    public DbSet<Domain.Benchmarking.BenchmarkSnapshotScore> BenchmarkSnapshotScores => Set<Domain.Benchmarking.BenchmarkSnapshotScore>();
    public DbSet<Domain.Benchmarking.BenchmarkNetworkEvent> BenchmarkNetworkEvents => Set<Domain.Benchmarking.BenchmarkNetworkEvent>();
    public DbSet<Domain.Benchmarking.BenchmarkIndicatorValue> BenchmarkIndicatorValues => Set<Domain.Benchmarking.BenchmarkIndicatorValue>();
    public DbSet<Domain.Benchmarking.BenchmarkSharedEvidence> BenchmarkSharedEvidence => Set<Domain.Benchmarking.BenchmarkSharedEvidence>();
    public DbSet<Domain.Benchmarking.BenchmarkChallenge> BenchmarkChallenges => Set<Domain.Benchmarking.BenchmarkChallenge>();
    public DbSet<Domain.Benchmarking.BenchmarkChallengePost> BenchmarkChallengePosts => Set<Domain.Benchmarking.BenchmarkChallengePost>();
    public DbSet<Domain.Benchmarking.BenchmarkPostModeration> BenchmarkPostModeration => Set<Domain.Benchmarking.BenchmarkPostModeration>();
    public DbSet<Domain.Audits.Audit> Audits => Set<Domain.Audits.Audit>();
    public DbSet<Domain.Audits.AuditFindingRecord> AuditFindings => Set<Domain.Audits.AuditFindingRecord>();
    public DbSet<Domain.Audits.AuditIndicatorCheck> AuditIndicatorChecks => Set<Domain.Audits.AuditIndicatorCheck>();
    public DbSet<Domain.Audits.AuditRequest> AuditRequests => Set<Domain.Audits.AuditRequest>();
    public DbSet<Domain.Audits.AuditRequestDocument> AuditRequestDocuments => Set<Domain.Audits.AuditRequestDocument>();
    public DbSet<Domain.Audits.AuditRequestMessage> AuditRequestMessages => Set<Domain.Audits.AuditRequestMessage>();
    public DbSet<Domain.Audits.AuditEntry> AuditEntries => Set<Domain.Audits.AuditEntry>();
    public DbSet<Domain.Audits.AuditAccess> AuditAccessLog => Set<Domain.Audits.AuditAccess>();
    public DbSet<Domain.Audits.AttestationSigningKey> AttestationSigningKeys => Set<Domain.Audits.AttestationSigningKey>();
    public DbSet<Domain.Audits.AttestationKeyRotation> AttestationKeyRotations => Set<Domain.Audits.AttestationKeyRotation>();
    public DbSet<Domain.Audits.AuditAttestation> AuditAttestations => Set<Domain.Audits.AuditAttestation>();

    /// <summary>Written only by the triggers of db/migrations/V0005; read to key cached results.</summary>
    public DbSet<AssessmentDataVersion> AssessmentDataVersions => Set<AssessmentDataVersion>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CityMaturityDb).Assembly);
        MapIdentity(builder);
    }

    private static void MapIdentity(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AppUser>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.Id).HasColumnName("id");
            user.Property(u => u.UserName).HasColumnName("user_name").IsRequired();
            user.Property(u => u.NormalizedUserName).HasColumnName("normalized_user_name").IsRequired();
            user.Property(u => u.Email).HasColumnName("email").IsRequired();
            user.Property(u => u.NormalizedEmail).HasColumnName("normalized_email").IsRequired();
            user.Property(u => u.EmailConfirmed).HasColumnName("email_confirmed");
            user.Property(u => u.PasswordHash).HasColumnName("password_hash");
            user.Property(u => u.SecurityStamp).HasColumnName("security_stamp");
            user.Property(u => u.ConcurrencyStamp).HasColumnName("concurrency_stamp");
            user.Property(u => u.PhoneNumber).HasColumnName("phone_number");
            user.Property(u => u.PhoneNumberConfirmed).HasColumnName("phone_number_confirmed");
            user.Property(u => u.TwoFactorEnabled).HasColumnName("two_factor_enabled");
            user.Property(u => u.LockoutEnd).HasColumnName("lockout_end");
            user.Property(u => u.LockoutEnabled).HasColumnName("lockout_enabled");
            user.Property(u => u.AccessFailedCount).HasColumnName("access_failed_count");
            user.Property(u => u.DisplayName).HasColumnName("display_name");
            user.Property(u => u.IsSystemAdmin).HasColumnName("is_system_admin");
            user.Property(u => u.CreatedAt).HasColumnName("created_at");
        });
        modelBuilder.Entity<IdentityUserClaim<Guid>>(claim =>
        {
            claim.ToTable("user_claims");
            claim.Property(c => c.Id).HasColumnName("id");
            claim.Property(c => c.UserId).HasColumnName("user_id");
            claim.Property(c => c.ClaimType).HasColumnName("claim_type");
            claim.Property(c => c.ClaimValue).HasColumnName("claim_value");
        });
        modelBuilder.Entity<IdentityUserLogin<Guid>>(login =>
        {
            login.ToTable("user_logins");
            login.Property(l => l.LoginProvider).HasColumnName("login_provider");
            login.Property(l => l.ProviderKey).HasColumnName("provider_key");
            login.Property(l => l.ProviderDisplayName).HasColumnName("provider_display_name");
            login.Property(l => l.UserId).HasColumnName("user_id");
        });
        modelBuilder.Entity<IdentityUserToken<Guid>>(token =>
        {
            token.ToTable("user_tokens");
            token.Property(t => t.UserId).HasColumnName("user_id");
            token.Property(t => t.LoginProvider).HasColumnName("login_provider");
            token.Property(t => t.Name).HasColumnName("name");
            token.Property(t => t.Value).HasColumnName("value");
        });
        modelBuilder.Entity<DataProtectionKey>(key =>
        {
            key.ToTable("data_protection_keys");
            key.Property(k => k.Id).HasColumnName("id");
            key.Property(k => k.FriendlyName).HasColumnName("friendly_name");
            key.Property(k => k.Xml).HasColumnName("xml");
        });
    }
}
