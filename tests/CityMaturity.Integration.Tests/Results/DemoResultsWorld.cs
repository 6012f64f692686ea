using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Domain.Scoring;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using CityMaturity.Web.Accounts;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Results;

/// <summary>The app with its demo data (Demoville, "Baseline 2026" with 24 participants) and an administrator of another city.</summary>
public sealed class DemoResultsWorld : IAsyncDisposable
{
    public const string OtherAdminEmail = "admin@elsewhere.example";

    public required CityMaturityFactory Factory { get; init; }
    public required Guid BaselineId { get; init; }
    public required Guid DemovilleId { get; init; }

    public static async Task<DemoResultsWorld> CreateAsync(TestDatabaseServer database)
    {
        var factory = new CityMaturityFactory(await database.CreateMigratedDatabaseAsync(), new Dictionary<string, string?> { ["DemoData:Enabled"] = "true" });
        var services = factory.Services;
        var otherAdmin = await TestAccounts.CreateUserAsync(services, OtherAdminEmail);
        await TestAccounts.CreateOrganisationAsync(services, "Elsewhere", (otherAdmin, OrganisationRole.OrganisationAdministrator));
        await using var db = await services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var baseline = await db.Assessments.SingleAsync(a => a.Name == DemoAssessmentSeeder.ClosedAssessmentName);
        return new DemoResultsWorld { Factory = factory, BaselineId = baseline.Id, DemovilleId = baseline.OrganisationId };
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();

    public static string PasswordOf(string email) =>
        email == OtherAdminEmail ? TestAccounts.Password : AccountSeeder.DemoAccounts.Single(a => a.Email == email).Password;

    public async Task<TestClient> ClientAsync(string? email)
    {
        var client = TestClient.Create(Factory);
        if (email is not null)
        {
            await client.SignInOrFailAsync(email, PasswordOf(email));
        }

        return client;
    }

    /// <summary>The figures computed straight from the stored ratings by the scoring rules, independent of the web layer.</summary>
    public async Task<AssessmentSummary> ScoreDirectlyAsync(Guid assessmentId)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var assessment = await db.Assessments.SingleAsync(a => a.Id == assessmentId);
        var groups = await db.StakeholderGroups.Where(g => g.AssessmentId == assessmentId).OrderBy(g => g.Position).ToListAsync();
        var groupOf = await db.Participants.Where(p => p.AssessmentId == assessmentId).ToDictionaryAsync(p => p.Id, p => p.GroupId);
        var ratings = await db.Ratings.Where(r => r.AssessmentId == assessmentId).ToListAsync();
        var targets = await db.AssessmentTargets.Where(t => t.AssessmentId == assessmentId).ToListAsync();
        return AssessmentScorer.Summarise(new AssessmentScoringInput(
            Factory.Services.GetRequiredService<MaturityCatalogue>(),
            assessment.Scope,
            [.. groups.Select(g => new GroupInput(g.Id, g.Name))],
            [.. ratings.Select(r => new RatingInput(r.ParticipantId, groupOf[r.ParticipantId], r.CharacteristicCode, r.LevelNow, r.LevelInTwoYears))],
            [],
            targets.ToDictionary(t => t.CharacteristicCode, t => MaturityLevels.FromNumber(t.TargetLevel))));
    }

    public async Task<string> TokenForAsync(string email)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var (token, error) = await scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>().CreateAsync(user.Id, "test " + Guid.NewGuid());
        return token ?? throw new InvalidOperationException(error);
    }
}
