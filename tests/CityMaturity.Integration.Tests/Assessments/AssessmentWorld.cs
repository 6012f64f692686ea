using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Integration.Tests.Security;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Assessments;

/// <summary>An open assessment of City A with two participants (personal links) in two groups.</summary>
public sealed class AssessmentWorld : IAsyncDisposable
{
    public required AccessWorld Access { get; init; }
    public required Assessment Assessment { get; init; }
    public required Participant Ana { get; init; }
    public required string AnaToken { get; init; }
    public required Participant Ben { get; init; }
    public required string BenToken { get; init; }

    public IServiceProvider Services => Access.Factory.Services;

    /// <param name="connectionString">A database to use (to run a second app instance on it too); a fresh copy when null.</param>
    /// <param name="settings">App settings for the factory (e.g. environment=Development).</param>
    public static async Task<AssessmentWorld> CreateAsync(TestDatabaseServer database, string? connectionString = null, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        if (connectionString is null && clock is null && !AccessWorld.SeedingSettingsIn(settings))
        {
            // The usual case: a copy of a world seeded once per run (AccessWorld.CreateAsync says when it is not).
            var (copy, ids) = await database.CreateSeededDatabaseAsync(nameof(AssessmentWorld), async seedOn =>
            {
                await using var seeding = await SeedAsync(await AccessWorld.CreateAsync(database, seedOn));
                return seeding.Ids;
            });
            return await OpenAsync(await AccessWorld.OpenAsync(new CityMaturityFactory(copy, settings), ids.Access), ids);
        }

        return await SeedAsync(await AccessWorld.CreateAsync(database, connectionString, settings, clock));
    }

    /// <summary>The ids and links of a seeded world, which hold in every copy of its database.</summary>
    public sealed record WorldIds(AccessWorld.WorldIds Access, Guid Assessment, Guid Ana, string AnaToken, Guid Ben, string BenToken);

    private WorldIds Ids => new(Access.Ids, Assessment.Id, Ana.Id, AnaToken, Ben.Id, BenToken);

    private static async Task<AssessmentWorld> SeedAsync(AccessWorld access)
    {
        await using var scope = access.Factory.Services.CreateAsyncScope();
        var assessments = scope.ServiceProvider.GetRequiredService<AssessmentService>();
        var catalogue = scope.ServiceProvider.GetRequiredService<MaturityCatalogue>();
        var assessment = await assessments.CreateAsync(access.CityA.Id,
            new NewAssessment("Baseline", "City A", "baseline-review", AssessmentMethod.MultiStakeholder, [.. catalogue.Characteristics.Select(c => c.Code)], null),
            access.Users["facilitator"].Id);
        var overview = await assessments.OverviewAsync(assessment.Id);
        var ana = await assessments.AddParticipantAsync(assessment.Id, "Ana Silva", "ana@example.org", overview.Groups[0].Id);
        var ben = await assessments.AddParticipantAsync(assessment.Id, "Ben Okafor", "ben@example.org", overview.Groups[5].Id);
        await assessments.MoveToAsync(assessment.Id, AssessmentStatus.Open);
        var baseUri = new Uri("http://localhost/");
        var anaLink = await assessments.SendLinkAsync(assessment.Id, ana.Id, baseUri, reminder: false);
        var benLink = await assessments.SendLinkAsync(assessment.Id, ben.Id, baseUri, reminder: false);
        return new AssessmentWorld
        {
            Access = access, Assessment = (await assessments.OverviewAsync(assessment.Id)).Assessment,
            Ana = ana, AnaToken = anaLink.Split('/')[^1], Ben = ben, BenToken = benLink.Split('/')[^1],
        };
    }

    private static async Task<AssessmentWorld> OpenAsync(AccessWorld access, WorldIds ids)
    {
        await using var scope = access.Factory.Services.CreateAsyncScope();
        var overview = await scope.ServiceProvider.GetRequiredService<AssessmentService>().OverviewAsync(ids.Assessment);
        Participant ParticipantOf(Guid id) => overview.Participants.Single(p => p.Participant.Id == id).Participant;
        return new AssessmentWorld
        {
            Access = access, Assessment = overview.Assessment,
            Ana = ParticipantOf(ids.Ana), AnaToken = ids.AnaToken, Ben = ParticipantOf(ids.Ben), BenToken = ids.BenToken,
        };
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async Task<RatingSession> SessionAsync(string token) =>
        await WithAsync(sp => sp.GetRequiredService<RatingService>().FindByTokenAsync(token)) ?? throw new InvalidOperationException("token did not resolve");

    public ValueTask DisposeAsync() => Access.DisposeAsync();
}
