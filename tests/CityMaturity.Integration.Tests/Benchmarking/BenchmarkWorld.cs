using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Integration.Tests.Security;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Benchmarking;

/// <summary>
/// City A (every role of <see cref="AccessWorld"/>) and six peer cities in a network with k = 3, each sharing a closed
/// assessment whose participants have names, emails and comments that must never leave their organisation.
/// Profiles: City A and Alphaville, Betatown in region North; the four others in South; the tag "port" on the North three
/// and on Gammaford — so "tag: port" is "region: North" plus one city, the differencing attack of issue 16.
/// City A's organisation administrator created the network and coordinates it; Alphaville appears by name, the others anonymously.
/// </summary>
public sealed class BenchmarkWorld : IAsyncDisposable
{
    public static readonly string[] PeerNames = ["Alphaville", "Betatown", "Gammaford", "Deltaport", "Epsilon Bay", "Zetaburg"];

    public required AccessWorld Access { get; init; }
    public required BenchmarkNetwork Network { get; init; }
    public required AppUser PeerAdmin { get; init; }
    public required IReadOnlyDictionary<string, Organisation> Peers { get; init; }

    /// <summary>The published closed assessment of each city (City A and the peers), by organisation name.</summary>
    public required IReadOnlyDictionary<string, Assessment> Assessments { get; init; }

    /// <summary>Every participant name, email and comment of the data: none may appear in any network output.</summary>
    public required IReadOnlyList<string> PersonalTexts { get; init; }

    public IServiceProvider Services => Access.Factory.Services;

    public static async Task<BenchmarkWorld> CreateAsync(TestDatabaseServer database)
    {
        var access = await AccessWorld.CreateAsync(database);
        var services = access.Factory.Services;
        var peerAdmin = await TestAccounts.CreateUserAsync(services, "peer-admin@example.org");
        var peers = new Dictionary<string, Organisation>();
        foreach (var name in PeerNames)
        {
            peers[name] = await TestAccounts.CreateOrganisationAsync(services, name, (peerAdmin, OrganisationRole.OrganisationAdministrator));
        }

        var personal = new List<string>();
        var assessments = new Dictionary<string, Assessment>();
        var admin = access.Users["org_admin"];
        await using var scope = services.CreateAsyncScope();
        var benchmarks = scope.ServiceProvider.GetRequiredService<BenchmarkService>();
        var network = await benchmarks.CreateAsync(admin.Id, isSystemAdmin: false, access.CityA.Id, "Test network", "Cities that compare.", 3);
        await benchmarks.SaveProfileAsync(access.CityA.Id, admin.Id, Profile("North", "port"));
        assessments[access.CityA.Name] = await ClosedAssessmentAsync(scope.ServiceProvider, access.CityA, "3", personal);
        await benchmarks.PublishAsync(network.Id, access.CityA.Id, assessments[access.CityA.Name].Id, admin.Id);

        string[] levels = ["1", "2", "4", "5", "2", "3"];
        for (var i = 0; i < PeerNames.Length; i++)
        {
            var peer = peers[PeerNames[i]];
            await benchmarks.InviteAsync(network.Id, admin.Id, peer.Slug);
            await benchmarks.AcceptAsync(network.Id, peer.Id, peerAdmin.Id);
            await benchmarks.SaveProfileAsync(peer.Id, peerAdmin.Id, i < 2 ? Profile("North", "port") : i == 2 ? Profile("South", "port") : Profile("South"));
            assessments[peer.Name] = await ClosedAssessmentAsync(scope.ServiceProvider, peer, levels[i], personal);
            await benchmarks.PublishAsync(network.Id, peer.Id, assessments[peer.Name].Id, peerAdmin.Id);
        }

        await benchmarks.SetShowNameAsync(network.Id, peers["Alphaville"].Id, peerAdmin.Id, showName: true);
        return new BenchmarkWorld { Access = access, Network = network, PeerAdmin = peerAdmin, Peers = peers, Assessments = assessments, PersonalTexts = personal };
    }

    private static CityProfile Profile(string region, params string[] tags) =>
        new() { Country = "Testland", Region = region, PopulationBand = "50k-250k", AreaType = "urban", Tags = [.. tags] };

    /// <summary>A closed multi-stakeholder assessment of three characteristics, rated by two named people with comments.</summary>
    internal static async Task<Assessment> ClosedAssessmentAsync(IServiceProvider services, Organisation organisation, string level, List<string> personal)
    {
        var assessments = services.GetRequiredService<AssessmentService>();
        var ratings = services.GetRequiredService<RatingService>();
        var created = await assessments.CreateAsync(organisation.Id, new NewAssessment(
            $"{organisation.Name} 2026", organisation.Name, "baseline-review", AssessmentMethod.MultiStakeholder, ["1.1.1", "1.1.2", "2.1.1"], null,
            ["Council", "Residents"]), null);
        var groups = (await assessments.OverviewAsync(created.Id)).Groups;
        var stem = Slugs.From(organisation.Name);
        await assessments.MoveToAsync(created.Id, AssessmentStatus.Open);
        for (var person = 0; person < 2; person++)
        {
            var (name, email, comment) = ($"Person{person} Of{stem.Replace("-", string.Empty)}", $"person{person}.{stem}@example.org", $"Private remark {person} of {stem}");
            personal.AddRange([name, email, comment]);
            var participant = await assessments.AddParticipantAsync(created.Id, name, email, groups[person].Id);
            var assessment = (await assessments.OverviewAsync(created.Id)).Assessment;
            var session = new RatingSession(assessment, participant, groups[person].Name, organisation.Name);
            foreach (var code in new[] { "1.1.1", "1.1.2", "2.1.1" })
            {
                var outcome = await ratings.SaveAsync(session, code, new RatingValues(LevelAnswer.FromCode(level), LevelAnswer.FromCode("5"), comment, []), 0, null);
                Assert.IsType<SaveOutcome.Saved>(outcome);
            }
        }

        await assessments.MoveToAsync(created.Id, AssessmentStatus.Closed);
        return (await assessments.OverviewAsync(created.Id)).Assessment;
    }

    public async Task<T> WithAsync<T>(Func<BenchmarkService, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<BenchmarkService>());
    }

    public async Task<CityMaturityDb> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();

    public ValueTask DisposeAsync() => Access.DisposeAsync();
}
