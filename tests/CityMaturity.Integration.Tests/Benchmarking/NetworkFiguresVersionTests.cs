using System.Net;
using System.Reflection;
using System.Text.Json;
using CityMaturity.Domain.Benchmarking;
using CityMaturity.Infrastructure.Database.Configurations;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Integration.Tests.Benchmarking;

/// <summary>
/// The network figures cache (ADR 0055): every change to what the comparison is computed from moves the network's figures
/// version in its own transaction, and a cached comparison is placed per viewer, never shown beyond the viewer's rights.
/// Each test builds its own network from the benchmark world's organisations and closed assessments.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class NetworkFiguresVersionTests(DatabaseFixture database) : IAsyncLifetime
{
    private BenchmarkWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("benchmark-network", BenchmarkWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    private Guid Admin => _world.Access.Users["org_admin"].Id;

    /// <summary>The service's writes that change what a comparison shows; each has a step in the test below.</summary>
    private static readonly string[] FigureChanges =
        [nameof(BenchmarkService.InviteAsync), nameof(BenchmarkService.AcceptAsync), nameof(BenchmarkService.SetShowNameAsync), nameof(BenchmarkService.SaveProfileAsync),
         nameof(BenchmarkService.PublishAsync), nameof(BenchmarkService.ChangeKAsync), nameof(BenchmarkService.WithdrawAsync), nameof(BenchmarkService.LeaveAsync)];

    /// <summary>
    /// The service's other public methods: reads, a new network (it starts at its own version) and the coordinators, whom
    /// every request reads afresh (they are not part of the cached figures).
    /// </summary>
    private static readonly string[] NoFigureChanges =
        [nameof(BenchmarkService.OverviewAsync), nameof(BenchmarkService.CreateAsync), nameof(BenchmarkService.SettingsAsync), nameof(BenchmarkService.AddCoordinatorAsync),
         nameof(BenchmarkService.RemoveCoordinatorAsync), nameof(BenchmarkService.OrganisationAsync), nameof(BenchmarkService.NetworksSharingAsync),
         nameof(BenchmarkService.ViewAsync), nameof(BenchmarkService.Metrics)];

    /// <summary>A new public method fails here until it is sorted into one list or the other (and, if it changes figures, tested below).</summary>
    [Fact]
    public void Every_public_method_of_the_benchmark_service_is_known_to_change_figures_or_not()
    {
        var methods = typeof(BenchmarkService).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name).ToHashSet();

        Assert.Equal([.. FigureChanges.Concat(NoFigureChanges).Order()], methods.Order());
    }

    /// <summary>
    /// The tables the cached figures are read from each move the version on every kind of write (db/migrations/V0027), so a
    /// path that is not in the service — a script, a later feature — cannot leave a stale comparison behind either.
    /// </summary>
    [Fact]
    public async Task Every_table_the_figures_are_read_from_moves_the_version_on_every_write()
    {
        await using var db = await _world.DbAsync();
        var triggers = await db.Database.SqlQueryRaw<string>(
            """
            SELECT c.relname || ':' || t.tgtype::text AS "Value"
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND p.proname LIKE 'bump_network_figures%'
            """).ToListAsync();
        // tgtype bits: 4 insert, 8 delete, 16 update.
        var events = triggers.Select(t => t.Split(':')).GroupBy(t => t[0], t => int.Parse(t[1])).ToDictionary(g => g.Key, g => g.Aggregate(0, (all, type) => all | (type & 28)));

        foreach (var table in new[] { "benchmark_members", "benchmark_snapshots", "benchmark_snapshot_scores", "city_profiles" })
        {
            Assert.Equal((table, 28), (table, events.GetValueOrDefault(table)));
        }

        Assert.Equal(16, events["organisations"]);
        Assert.Equal(16, events["benchmark_networks"]);
    }

    [Fact]
    public async Task Every_change_to_what_the_comparison_shows_moves_the_figures_version()
    {
        var alphaville = _world.Peers["Alphaville"];
        var cityA = _world.Access.CityA;
        var network = await _world.WithAsync(b => b.CreateAsync(Admin, false, cityA.Id, $"Versioned {Guid.NewGuid():N}", null, 3));
        var steps = new List<string>();
        var version = await VersionAsync(network.Id);

        async Task Moves(string step, Func<BenchmarkService, Task> change)
        {
            await _world.WithAsync(async b => { await change(b); return true; });
            var after = await VersionAsync(network.Id);
            Assert.True(after > version, $"{step} did not move the figures version ({version} before, {after} after).");
            (version, steps) = (after, [.. steps, step]);
        }

        async Task MovesBySql(string step, FormattableString sql)
        {
            await using var db = await _world.DbAsync();
            await db.Database.ExecuteSqlInterpolatedAsync(sql);
            var after = await VersionAsync(network.Id);
            Assert.True(after > version, $"{step} did not move the figures version ({version} before, {after} after).");
            version = after;
        }

        await Moves(nameof(BenchmarkService.InviteAsync), b => b.InviteAsync(network.Id, Admin, alphaville.Slug));
        await Moves(nameof(BenchmarkService.AcceptAsync), b => b.AcceptAsync(network.Id, alphaville.Id, _world.PeerAdmin.Id));
        await Moves(nameof(BenchmarkService.SetShowNameAsync), b => b.SetShowNameAsync(network.Id, alphaville.Id, _world.PeerAdmin.Id, true));
        // The profile saved again as it is (the shared world's filters must not change): saving is the change.
        var profile = (await _world.WithAsync(b => b.OrganisationAsync(alphaville.Id))).Profile;
        await Moves(nameof(BenchmarkService.SaveProfileAsync), b => b.SaveProfileAsync(alphaville.Id, _world.PeerAdmin.Id, profile));
        await Moves(nameof(BenchmarkService.PublishAsync), b => b.PublishAsync(network.Id, alphaville.Id, _world.Assessments["Alphaville"].Id, _world.PeerAdmin.Id));
        await Moves(nameof(BenchmarkService.ChangeKAsync), b => b.ChangeKAsync(network.Id, Admin, 4));
        await MovesBySql("a score corrected in place", $"UPDATE benchmark_snapshot_scores SET score_now = score_now WHERE snapshot_id IN (SELECT id FROM benchmark_snapshots WHERE network_id = {network.Id})");
        await MovesBySql("a member organisation renamed", $"UPDATE organisations SET name = name || ' (renamed)' WHERE id = {alphaville.Id}");
        await MovesBySql("and renamed back", $"UPDATE organisations SET name = {alphaville.Name} WHERE id = {alphaville.Id}");
        await Moves(nameof(BenchmarkService.WithdrawAsync), async b => Assert.True(await b.WithdrawAsync(network.Id, alphaville.Id, _world.PeerAdmin.Id)));
        await Moves(nameof(BenchmarkService.LeaveAsync), b => b.LeaveAsync(network.Id, alphaville.Id, _world.PeerAdmin.Id));

        Assert.Equal(FigureChanges.Order(), steps.Order());
    }

    [Fact]
    public async Task A_change_that_is_not_a_figure_leaves_the_version_and_a_rolled_back_one_too()
    {
        var network = await _world.WithAsync(b => b.CreateAsync(Admin, false, _world.Access.CityA.Id, $"Unmoved {Guid.NewGuid():N}", null, 3));
        var version = await VersionAsync(network.Id);

        await _world.WithAsync(async b => { await b.AddCoordinatorAsync(network.Id, Admin, "peer-admin@example.org"); return true; });
        await using (var db = await _world.DbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE benchmark_networks SET k_threshold = 4 WHERE id = {network.Id}");
            await transaction.RollbackAsync();
        }

        Assert.Equal(version, await VersionAsync(network.Id));
    }

    /// <summary>
    /// The network's figures are cached once for everyone; the viewer is worked out afresh per request. After City A's leader
    /// fills the cache, Alphaville (through its administrator) gets its own score and place, the coordinator who is no member
    /// gets names and no figures, and people without the right to read the network still get 404.
    /// </summary>
    [Fact]
    public async Task A_cached_comparison_is_placed_for_each_viewer_and_never_shown_beyond_their_rights()
    {
        var coordinator = _world.Access.Users["system_admin"];
        var network = await _world.WithAsync(b => b.CreateAsync(coordinator.Id, true, null, $"Placed {Guid.NewGuid():N}", null, 3));
        await _world.WithAsync(async b => { await b.InviteAsync(network.Id, coordinator.Id, _world.Access.CityA.Slug); return true; });
        await _world.WithAsync(async b => { await b.AcceptAsync(network.Id, _world.Access.CityA.Id, Admin); return true; });
        await _world.WithAsync(b => b.PublishAsync(network.Id, _world.Access.CityA.Id, _world.Assessments[_world.Access.CityA.Name].Id, Admin));
        foreach (var name in new[] { "Alphaville", "Betatown" })
        {
            await _world.WithAsync(async b => { await b.InviteAsync(network.Id, coordinator.Id, _world.Peers[name].Slug); return true; });
            await _world.WithAsync(async b => { await b.AcceptAsync(network.Id, _world.Peers[name].Id, _world.PeerAdmin.Id); return true; });
            await _world.WithAsync(b => b.PublishAsync(network.Id, _world.Peers[name].Id, _world.Assessments[name].Id, _world.PeerAdmin.Id));
        }

        var path = $"/api/benchmarks/{network.Id}/comparison";
        using var leader = await _world.Access.ClientAsync("leader");
        using (var document = JsonDocument.Parse(await leader.Http.GetStringAsync(path)))
        {
            var now = Now(document.RootElement);
            // City A 3, Alphaville 1, Betatown 2.
            Assert.Equal((3m, 1, 3), (now.GetProperty("own").GetDecimal(), now.GetProperty("rank").GetInt32(), now.GetProperty("outOf").GetInt32()));
            Assert.Equal(JsonValueKind.Null, now.GetProperty("scores").ValueKind);
            Assert.Equal(_world.Access.CityA.Name, document.RootElement.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("own").GetBoolean()).GetProperty("shownAs").GetString());
            Assert.DoesNotContain("Betatown", document.RootElement.GetRawText(), StringComparison.Ordinal);
        }

        // The same network version, now from Alphaville: its own score and place, and its own line by name.
        var alphaville = (await _world.WithAsync(b => b.ViewAsync(network.Id, _world.PeerAdmin.Id, null, null)))!;
        var own = alphaville.Comparison!.Metrics.Single(m => m.Metric.Code == "1.1.1" && m.Metric.Level == BenchmarkLevel.Characteristic).Now;
        Assert.Equal(("Alphaville", 1m, 3), (alphaville.ViewerOrganisation!.Name, own.Own, own.Position!.Rank));
        Assert.Equal("Alphaville", alphaville.Members.Single(m => m.IsOwn).ShownAs);
        Assert.DoesNotContain(alphaville.Members, m => m.ShownAs == _world.Access.CityA.Name);

        // The coordinator who is no member: every name, no figures.
        using (var coordinating = await _world.Access.ClientAsync("system_admin"))
        using (var document = JsonDocument.Parse(await coordinating.Http.GetStringAsync(path)))
        {
            Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("comparison").ValueKind);
            Assert.Empty(document.RootElement.GetProperty("filters").EnumerateArray());
            Assert.Contains("Betatown", document.RootElement.GetRawText(), StringComparison.Ordinal);
        }

        foreach (var role in new[] { "member", "data_officer", "other_org_admin" })
        {
            using var outsider = await _world.Access.ClientAsync(role);
            Assert.Equal((role, HttpStatusCode.NotFound), (role, (await outsider.Http.GetAsync(path)).StatusCode));
        }
    }

    [Fact]
    public async Task The_dots_are_sent_only_when_asked_for()
    {
        using var leader = await _world.Access.ClientAsync("leader");
        var path = $"/api/benchmarks/{_world.Network.Id}/comparison";

        using var without = JsonDocument.Parse(await leader.Http.GetStringAsync(path));
        using var with = JsonDocument.Parse(await leader.Http.GetStringAsync(path + "?dots=true"));

        Assert.Equal(JsonValueKind.Null, Now(without.RootElement).GetProperty("scores").ValueKind);
        Assert.Equal(7, Now(with.RootElement).GetProperty("scores").GetArrayLength());
        Assert.Equal(Now(with.RootElement).GetProperty("median").GetDecimal(), Now(without.RootElement).GetProperty("median").GetDecimal());
    }

    private static JsonElement Now(JsonElement document) =>
        document.GetProperty("comparison").GetProperty("metrics").EnumerateArray()
            .Single(m => m.GetProperty("code").GetString() == "1.1.1" && m.GetProperty("level").GetString() == "characteristic").GetProperty("now");

    private async Task<long> VersionAsync(Guid networkId)
    {
        await using var db = await _world.DbAsync();
        return await db.BenchmarkNetworks.Where(n => n.Id == networkId).Select(n => EF.Property<long>(n, BenchmarkNetworkColumns.FiguresVersion)).SingleAsync();
    }
}
