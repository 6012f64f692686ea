using System.Net;
using CityMaturity.Testing;

namespace CityMaturity.Integration.Tests.Benchmarking;

/// <summary>Sharing from the assessment's own page: the panel per role, and a withdrawal there touches only that assessment.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class AssessmentSharingTests(DatabaseFixture database) : IAsyncLifetime
{
    private BenchmarkWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("benchmark-network", BenchmarkWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    private string ManagePath => $"/orgs/city-a/assessments/{_world.Assessments[_world.Access.CityA.Name].Id}?tab=benchmarking";

    [Fact]
    public async Task An_administrator_sees_where_the_assessment_is_shared_and_a_facilitator_reads_why_they_cannot_share()
    {
        using var admin = await _world.Access.ClientAsync("org_admin");
        using var facilitator = await _world.Access.ClientAsync("facilitator");

        var forAdmin = await admin.Http.GetAsync(ManagePath);
        var forFacilitator = await facilitator.Http.GetAsync(ManagePath);

        Assert.Equal(HttpStatusCode.OK, forAdmin.StatusCode);
        var adminPage = await forAdmin.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"sharing-networks\"", adminPage, StringComparison.Ordinal);
        Assert.Contains("Test network", adminPage, StringComparison.Ordinal);
        Assert.Contains("This assessment", adminPage, StringComparison.Ordinal);
        Assert.Contains("Withdraw", adminPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, forFacilitator.StatusCode);
        var facilitatorPage = await forFacilitator.Content.ReadAsStringAsync();
        Assert.Contains("Only the organisation's administrators share results", facilitatorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"sharing-networks\"", facilitatorPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawing_from_another_assessments_page_leaves_the_shared_one_in_place()
    {
        var cityA = _world.Access.CityA;
        var admin = _world.Access.Users["org_admin"].Id;

        var wrong = await _world.WithAsync(b => b.WithdrawAsync(_world.Network.Id, cityA.Id, admin, Guid.NewGuid()));
        await using var db = await _world.DbAsync();

        Assert.False(wrong);
        Assert.True(db.BenchmarkSnapshots.Any(s => s.NetworkId == _world.Network.Id && s.OrganisationId == cityA.Id));
    }

    [Fact]
    public async Task Withdrawing_from_the_assessments_own_page_removes_it_and_sharing_again_restores_it()
    {
        var cityA = _world.Access.CityA;
        var admin = _world.Access.Users["org_admin"].Id;
        var assessment = _world.Assessments[cityA.Name].Id;
        var network = _world.Network;
        // The action buttons name the network for screen readers: "Share … with X" when nothing is shared, "Withdraw … from X" when this is.
        var shareButton = $">with {network.Name}<";
        var withdrawButton = $">from {network.Name}<";
        using var client = await _world.Access.ClientAsync("org_admin");
        try
        {
            Assert.True(await _world.WithAsync(b => b.WithdrawAsync(network.Id, cityA.Id, admin, assessment)));
            var withdrawn = await client.Http.GetStringAsync(ManagePath);
            Assert.Contains(">Nothing<", withdrawn, StringComparison.Ordinal);
            Assert.Contains(shareButton, withdrawn, StringComparison.Ordinal);
            Assert.DoesNotContain(withdrawButton, withdrawn, StringComparison.Ordinal);
        }
        finally
        {
            await _world.WithAsync(b => b.PublishAsync(network.Id, cityA.Id, assessment, admin));
        }

        var sharedAgain = await client.Http.GetStringAsync(ManagePath);
        Assert.Contains(">This assessment<", sharedAgain, StringComparison.Ordinal);
        Assert.Contains(withdrawButton, sharedAgain, StringComparison.Ordinal);
        Assert.DoesNotContain(shareButton, sharedAgain, StringComparison.Ordinal);
    }
}
