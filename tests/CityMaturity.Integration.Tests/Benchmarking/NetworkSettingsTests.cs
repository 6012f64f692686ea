using System.Net;
using CityMaturity.Domain.Benchmarking;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using ValidationException = CityMaturity.Application.Organisations.ValidationException;

namespace CityMaturity.Integration.Tests.Benchmarking;

/// <summary>
/// Running a network after creating it: coordinators added and removed (never the last one) and k changed (never below
/// 3), each change recorded; only coordinators may do either. Each test makes its own network, so the shared one stays put.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class NetworkSettingsTests(DatabaseFixture database) : IAsyncLifetime
{
    private BenchmarkWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("benchmark-network", BenchmarkWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    private Guid Admin => _world.Access.Users["org_admin"].Id;

    private async Task<BenchmarkNetwork> NetworkAsync() =>
        await _world.WithAsync(b => b.CreateAsync(Admin, false, _world.Access.CityA.Id, $"Settings network {Guid.NewGuid():N}", null, 5));

    [Fact]
    public async Task A_coordinator_adds_another_who_may_then_remove_the_first_but_never_the_last()
    {
        var network = await NetworkAsync();
        var peerAdmin = _world.PeerAdmin;

        await _world.WithAsync(async b => { await b.AddCoordinatorAsync(network.Id, Admin, "  PEER-ADMIN@example.org "); return true; });
        await _world.WithAsync(async b => { await b.RemoveCoordinatorAsync(network.Id, peerAdmin.Id, Admin); return true; });
        var last = await Assert.ThrowsAsync<ValidationException>(() => _world.WithAsync(async b => { await b.RemoveCoordinatorAsync(network.Id, peerAdmin.Id, peerAdmin.Id); return true; }));
        var settings = await _world.WithAsync(b => b.SettingsAsync(network.Id, peerAdmin.Id));

        Assert.Contains("at least one coordinator", last.Message, StringComparison.Ordinal);
        Assert.Equal([peerAdmin.Id], settings.Coordinators.Select(c => c.UserId));
        Assert.Equal(
            [(NetworkEventKind.CoordinatorRemoved, "org-admin@example.org", "peer-admin@example.org"), (NetworkEventKind.CoordinatorAdded, "peer-admin@example.org", "org-admin@example.org")],
            settings.Changes.Select(c => (c.Kind, c.SubjectEmail!, c.ActorEmail)));
        // The removed coordinator no longer runs it.
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _world.WithAsync(b => b.SettingsAsync(network.Id, Admin)));
    }

    [Fact]
    public async Task Adding_refuses_an_unknown_account_a_malformed_address_and_a_coordinator_twice()
    {
        var network = await NetworkAsync();

        var unknown = await Assert.ThrowsAsync<ValidationException>(() => _world.WithAsync(async b => { await b.AddCoordinatorAsync(network.Id, Admin, "nobody@example.org"); return true; }));
        var malformed = await Assert.ThrowsAsync<ValidationException>(() => _world.WithAsync(async b => { await b.AddCoordinatorAsync(network.Id, Admin, "not an address"); return true; }));
        var twice = await Assert.ThrowsAsync<ValidationException>(() => _world.WithAsync(async b => { await b.AddCoordinatorAsync(network.Id, Admin, "org-admin@example.org"); return true; }));

        Assert.Contains("No account has the address nobody@example.org", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("is not an email address", malformed.Message, StringComparison.Ordinal);
        Assert.Contains("coordinates this network already", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_k_is_recorded_and_never_goes_below_three()
    {
        var network = await NetworkAsync();

        await _world.WithAsync(async b => { await b.ChangeKAsync(network.Id, Admin, 3); return true; });
        var tooLow = await Assert.ThrowsAsync<ValidationException>(() => _world.WithAsync(async b => { await b.ChangeKAsync(network.Id, Admin, 2); return true; }));
        await using var db = await _world.DbAsync();
        var stored = await db.BenchmarkNetworks.AsNoTracking().SingleAsync(n => n.Id == network.Id);
        var changes = await db.BenchmarkNetworkEvents.AsNoTracking().Where(e => e.NetworkId == network.Id).ToListAsync();

        Assert.Equal(BenchmarkPrivacy.KRule, tooLow.Message);
        Assert.Equal(3, stored.KThreshold);
        var change = Assert.Single(changes);
        Assert.Equal((NetworkEventKind.KChanged, 5, 3, Admin), (change.Kind, change.OldK!.Value, change.NewK!.Value, change.ActorId!.Value));
    }

    [Fact]
    public async Task Raising_k_hides_the_figures_at_once_and_lowering_it_shows_them_again()
    {
        using var leader = await _world.Access.ClientAsync("leader");
        var api = $"/api/benchmarks/{_world.Network.Id}/comparison";
        try
        {
            await _world.WithAsync(async b => { await b.ChangeKAsync(_world.Network.Id, Admin, 8); return true; });
            var hidden = await leader.Http.GetAsync(api);
            await _world.WithAsync(async b => { await b.ChangeKAsync(_world.Network.Id, Admin, 3); return true; });
            var shown = await leader.Http.GetAsync(api);

            Assert.Equal(HttpStatusCode.UnprocessableEntity, hidden.StatusCode);
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        }
        finally
        {
            await _world.WithAsync(async b => { await b.ChangeKAsync(_world.Network.Id, Admin, 3); return true; });
        }
    }

    [Theory]
    [InlineData("leader")]
    [InlineData("facilitator")]
    [InlineData("other_org_admin")]
    [InlineData("system_admin")]
    public async Task Only_a_coordinator_changes_the_settings(string role)
    {
        var network = await NetworkAsync();
        var user = _world.Access.Users[role].Id;

        await Assert.ThrowsAsync<KeyNotFoundException>(() => _world.WithAsync(async b => { await b.ChangeKAsync(network.Id, user, 7); return true; }));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _world.WithAsync(async b => { await b.AddCoordinatorAsync(network.Id, user, "leader@example.org"); return true; }));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _world.WithAsync(async b => { await b.RemoveCoordinatorAsync(network.Id, user, Admin); return true; }));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _world.WithAsync(b => b.SettingsAsync(network.Id, user)));
        await using var db = await _world.DbAsync();
        Assert.Equal(5, (await db.BenchmarkNetworks.AsNoTracking().SingleAsync(n => n.Id == network.Id)).KThreshold);
    }

    [Fact]
    public async Task The_network_page_shows_the_settings_to_coordinators_only()
    {
        using var coordinator = await _world.Access.ClientAsync("org_admin");
        using var leader = await _world.Access.ClientAsync("leader");

        var forCoordinator = await coordinator.Http.GetStringAsync($"/benchmarks/{_world.Network.Id}");
        var forLeader = await leader.Http.GetStringAsync($"/benchmarks/{_world.Network.Id}");

        Assert.Contains("data-testid=\"network-settings\"", forCoordinator, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"network-settings\"", forLeader, StringComparison.Ordinal);
    }
}
