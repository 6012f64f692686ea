using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityMaturity.Application.Evidence;
using CityMaturity.Application.Indicators;
using CityMaturity.Application.Organisations;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Evidence;
using CityMaturity.Domain.Indicators;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Integration.Tests.Evidence;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ValidationException = CityMaturity.Application.Organisations.ValidationException;

namespace CityMaturity.Integration.Tests.Benchmarking;

/// <summary>
/// <see cref="BenchmarkWorld"/> plus what members share beyond scores (ADR 0042, 0051). Characteristic 1.1.1 scores 3 (City A),
/// then Alphaville 1, Betatown 2, Gammaford 4, Deltaport 5, Epsilon Bay 2, Zetaburg 3 (Q3 is 3.5). Deltaport, Gammaford
/// (with a leader of its own), Zetaburg and Alphaville share evidence there. "Learn from" is two or more levels ahead of the
/// viewer: City A (3) learns from Deltaport only, though Gammaford is in the top quartile; Alphaville (1, with a leader of
/// its own) learns from Deltaport, Gammaford and Zetaburg, though Zetaburg is below Q3; no one points at Alphaville.
/// Deltaport keeps one link unshared. A coordinator who is no member runs the network. Indicator L1.1.1 in 2024:
/// City A 50, Alphaville 60, Betatown 70 (%), Gammaford 80 in a unit the framework no longer uses.
/// </summary>
public sealed class PeerWorld : IAsyncDisposable
{
    public const string UnsharedLink = "https://deltaport.example/internal-draft";
    public const string IndicatorSource = "Register kept by Jane Roe";
    public const string IndicatorNote = "Counted by Jane Roe in March";

    public required BenchmarkWorld Benchmark { get; init; }
    public required AppUser GammafordLeader { get; init; }
    public required AppUser AlphavilleLeader { get; init; }
    public required AppUser CoordinatorOnly { get; init; }
    public required Guid GammafordDocument { get; init; }
    public required Guid DeltaportUnshared { get; init; }

    public Organisation Peer(string name) => Benchmark.Peers[name];

    public ValueTask DisposeAsync() => Benchmark.DisposeAsync();

    public static async Task<PeerWorld> CreateAsync(TestDatabaseServer database)
    {
        var world = await BenchmarkWorld.CreateAsync(database);
        var services = world.Services;
        var gammaford = world.Peers["Gammaford"];
        var gammafordLeader = await TestAccounts.CreateUserAsync(services, "gammaford-leader@example.org");
        await using var scope = services.CreateAsyncScope();
        var alphavilleLeader = await TestAccounts.CreateUserAsync(services, "alphaville-leader@example.org");
        var coordinatorOnly = await TestAccounts.CreateUserAsync(services, "coordinator-only@example.org");
        await scope.ServiceProvider.GetRequiredService<OrganisationService>().AddMemberAsync(gammaford.Id, gammafordLeader.Id, OrganisationRole.Leader);
        await scope.ServiceProvider.GetRequiredService<OrganisationService>().AddMemberAsync(world.Peers["Alphaville"].Id, alphavilleLeader.Id, OrganisationRole.Leader);
        await scope.ServiceProvider.GetRequiredService<BenchmarkService>().AddCoordinatorAsync(world.Network.Id, world.Access.Users["org_admin"].Id, coordinatorOnly.Email!);

        var evidence = scope.ServiceProvider.GetRequiredService<EvidenceService>();
        var actor = EvidenceActor.Manager(world.PeerAdmin.Id);
        Guid Added(EvidenceOutcome outcome) => Assert.IsType<EvidenceOutcome.Added>(outcome).Item.Id;
        var target = (string city) => new EvidenceTarget(world.Assessments[city], "1.1.1");
        var deltaportShared = Added(await evidence.AddLinkAsync(target("Deltaport"), "https://deltaport.example/smart-plan", actor));
        var deltaportUnshared = Added(await evidence.AddLinkAsync(target("Deltaport"), UnsharedLink, actor));
        var gammafordLink = Added(await evidence.AddLinkAsync(target("Gammaford"), "https://peer-strategy.example/strategy", actor));
        using var pdf = new MemoryStream(SampleFiles.Pdf("Peer strategy"));
        var gammafordDocument = Added(await evidence.AddDocumentAsync(target("Gammaford"), pdf, pdf.Length, "peer-strategy.pdf", actor, CancellationToken.None));
        var alphavilleLink = Added(await evidence.AddLinkAsync(target("Alphaville"), "https://alphaville.example/first-steps", actor));
        var zetaburgLink = Added(await evidence.AddLinkAsync(target("Zetaburg"), "https://zetaburg.example/vision", actor));

        var peers = scope.ServiceProvider.GetRequiredService<PeerLearningService>();
        var network = world.Network.Id;
        await peers.ShareEvidenceAsync(network, world.Peers["Deltaport"].Id, world.PeerAdmin.Id, [deltaportShared]);
        await peers.ShareEvidenceAsync(network, gammaford.Id, world.PeerAdmin.Id, [gammafordLink, gammafordDocument]);
        await peers.ShareEvidenceAsync(network, world.Peers["Alphaville"].Id, world.PeerAdmin.Id, [alphavilleLink]);
        await peers.ShareEvidenceAsync(network, world.Peers["Zetaburg"].Id, world.PeerAdmin.Id, [zetaburgLink]);

        var data = scope.ServiceProvider.GetRequiredService<IndicatorDataService>();
        var indicators = scope.ServiceProvider.GetRequiredService<BenchmarkIndicatorService>();
        var admin = world.Access.Users["org_admin"];
        foreach (var (organisation, value, by) in new[]
        {
            (world.Access.CityA, 50m, admin), (world.Peers["Alphaville"], 60m, world.PeerAdmin), (world.Peers["Betatown"], 70m, world.PeerAdmin), (world.Peers["Gammaford"], 80m, world.PeerAdmin),
        })
        {
            var saved = await data.SaveYearAsync(organisation.Id, 2024,
                [new IndicatorEdit("L1.1.1", new IndicatorEntry(value, "%", null, null, IndicatorSource, IndicatorNote, IndicatorValueStatus.Published), null)], by.Id);
            Assert.True(saved.Succeeded);
            if (organisation.Name == "Gammaford")
            {
                // A value kept from before the framework changed the indicator's unit: entry today would refuse it.
                await using var db = await world.DbAsync();
                await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE indicator_values SET unit = 'per mille' WHERE organisation_id = {organisation.Id}");
            }

            await indicators.PublishAsync(network, organisation.Id, by.Id, [2024]);
        }

        return new PeerWorld
        {
            Benchmark = world, GammafordLeader = gammafordLeader, AlphavilleLeader = alphavilleLeader, CoordinatorOnly = coordinatorOnly,
            GammafordDocument = gammafordDocument, DeltaportUnshared = deltaportUnshared,
        };
    }
}

/// <summary>Indicator values side by side, evidence opted in per item, learn-from, challenge threads, and withdrawal of each.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class PeerExchangeTests(DatabaseFixture database) : IAsyncLifetime
{
    private PeerWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("benchmark-peers", PeerWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    private Guid NetworkId => _world.Benchmark.Network.Id;

    private Task<TestClient> ClientAsync(string role) => _world.Benchmark.Access.ClientAsync(role);

    private async Task<TestClient> AlphavilleClientAsync()
    {
        var client = TestClient.Create(_world.Benchmark.Access.Factory);
        await client.SignInOrFailAsync(_world.AlphavilleLeader.Email!, TestAccounts.Password);
        return client;
    }

    private static Dictionary<string, JsonElement> PeersOn(JsonElement root, string code) =>
        Characteristic(root, code).GetProperty("learnFrom").EnumerateArray().ToDictionary(p => p.GetProperty("city").GetString()!);

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _world.Benchmark.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private async Task<string> AliasAsync(string peer)
    {
        await using var db = await _world.Benchmark.DbAsync();
        var id = _world.Peer(peer).Id;
        return await db.BenchmarkMembers.AsNoTracking().Where(m => m.NetworkId == NetworkId && m.OrganisationId == id).Select(m => m.Alias).SingleAsync();
    }

    private static JsonElement Characteristic(JsonElement root, string code) =>
        root.GetProperty("characteristics").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);

    [Fact]
    public async Task Indicator_values_stand_side_by_side_by_name_or_alias_and_another_unit_is_not_compared()
    {
        using var leader = await ClientAsync("leader");

        var json = await leader.Http.GetStringAsync($"/api/benchmarks/{NetworkId}/indicators");

        using var document = JsonDocument.Parse(json);
        var row = document.RootElement.GetProperty("indicators").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "L1.1.1" && r.GetProperty("year").GetInt32() == 2024);
        var values = row.GetProperty("values").EnumerateArray().ToDictionary(v => v.GetProperty("city").GetString()!);
        Assert.Equal(new[] { "City A", "Alphaville", await AliasAsync("Betatown"), await AliasAsync("Gammaford") }.Order(StringComparer.Ordinal), values.Keys.Order(StringComparer.Ordinal));
        Assert.True(values["City A"].GetProperty("own").GetBoolean());
        Assert.False(values[await AliasAsync("Gammaford")].GetProperty("compared").GetBoolean());
        Assert.All(values.Values.Where(v => v.GetProperty("unit").GetString() == "%"), v => Assert.True(v.GetProperty("compared").GetBoolean()));
        // The median of the three values in %, k = 3; Gammaford's 80 per mille stays out.
        Assert.Equal(60m, row.GetProperty("median").GetDecimal());
        Assert.Contains("another unit", row.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Betatown", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Gammaford", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_year_without_published_values_is_refused_and_what_was_shared_stays()
    {
        var admin = _world.Benchmark.Access.Users["org_admin"];

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            WithAsync(s => s.GetRequiredService<BenchmarkIndicatorService>().PublishAsync(NetworkId, _world.Benchmark.Access.CityA.Id, admin.Id, [2024, 2019])));

        Assert.Contains("2019", refused.Message, StringComparison.Ordinal);
        var years = await WithAsync(s => s.GetRequiredService<BenchmarkIndicatorService>().ChoicesAsync(NetworkId, _world.Benchmark.Access.CityA.Id));
        Assert.True(Assert.Single(years).Shared);
    }

    /// <summary>
    /// Issue 16's rule (ADR 0051): per characteristic, the cities two or more levels ahead of the viewer's own score now that
    /// share evidence there. City A (3) is pointed at Deltaport (5) only: Gammaford (4) is in the top quartile but one level
    /// ahead. The old rule (top quartile) listed Gammaford here.
    /// </summary>
    [Fact]
    public async Task Learn_from_points_at_cities_two_or_more_levels_ahead_of_the_viewer_that_share_evidence_with_only_that_evidence()
    {
        using var leader = await ClientAsync("leader");

        var json = await leader.Http.GetStringAsync($"/api/benchmarks/{NetworkId}/learn-from");

        using var document = JsonDocument.Parse(json);
        var first = Characteristic(document.RootElement, "1.1.1");
        Assert.Equal((3m, 5m), (first.GetProperty("own").GetDecimal(), first.GetProperty("aheadFrom").GetDecimal()));
        var peers = PeersOn(document.RootElement, "1.1.1");
        Assert.Equal([await AliasAsync("Deltaport")], peers.Keys);
        Assert.Equal(["https://deltaport.example/smart-plan"], peers[await AliasAsync("Deltaport")].GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("url").GetString()));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("note").ValueKind);
        Assert.Empty(PeersOn(document.RootElement, "1.1.2"));
        Assert.Contains("No city two or more levels ahead", Characteristic(document.RootElement, "1.1.2").GetProperty("note").GetString(), StringComparison.Ordinal);
        // Gammaford (4, top quartile, one level ahead) and Alphaville (1) share evidence but are no one to learn from for City A;
        // an unshared item never leaves; no peer's score, nor the network's quartile, is in the answer.
        Assert.DoesNotContain(await AliasAsync("Gammaford"), json, StringComparison.Ordinal);
        Assert.DoesNotContain("peer-strategy.example", json, StringComparison.Ordinal);
        Assert.DoesNotContain("alphaville.example", json, StringComparison.Ordinal);
        Assert.DoesNotContain(PeerWorld.UnsharedLink, json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"score", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Quartile", json, StringComparison.OrdinalIgnoreCase);
        // The page says the same: Deltaport's link, not Gammaford's.
        var page = await leader.Http.GetStringAsync($"/benchmarks/{NetworkId}/peers");
        Assert.Contains("deltaport.example/smart-plan", page, StringComparison.Ordinal);
        Assert.DoesNotContain("peer-strategy.example", page, StringComparison.Ordinal);
    }

    /// <summary>
    /// The rule moves with the viewer: Alphaville (1) learns from Zetaburg (3, below the top quartile, which the old rule
    /// left out), Gammaford (4) and Deltaport (5); Gammaford (4) has no one, since no score is two levels above it; a
    /// coordinator who is no member gets the rule in words and no list.
    /// </summary>
    [Fact]
    public async Task Learn_from_is_relative_to_each_viewer_s_own_score_and_a_coordinator_gets_the_rule_instead_of_a_list()
    {
        using var alphaville = await AlphavilleClientAsync();

        var json = await alphaville.Http.GetStringAsync($"/api/benchmarks/{NetworkId}/learn-from");

        using (var document = JsonDocument.Parse(json))
        {
            var first = Characteristic(document.RootElement, "1.1.1");
            Assert.Equal((1m, 3m), (first.GetProperty("own").GetDecimal(), first.GetProperty("aheadFrom").GetDecimal()));
            Assert.Equal(new[] { await AliasAsync("Deltaport"), await AliasAsync("Gammaford"), await AliasAsync("Zetaburg") }.Order(StringComparer.Ordinal),
                PeersOn(document.RootElement, "1.1.1").Keys.Order(StringComparer.Ordinal));
            Assert.Contains("zetaburg.example/vision", json, StringComparison.Ordinal);
            Assert.DoesNotContain("\"score", json, StringComparison.Ordinal);
        }

        var peers = (IServiceProvider s) => s.GetRequiredService<PeerLearningService>();
        var gammaford = (await WithAsync(s => peers(s).ViewAsync(NetworkId, _world.GammafordLeader.Id, PeerParts.LearnFrom)))!;
        var atFour = gammaford.Characteristics.Single(c => c.Code == "1.1.1");
        Assert.Equal((4m, 6m), (atFour.Own, atFour.AheadFrom));
        Assert.Empty(atFour.Peers);
        Assert.Contains("scale ends at 5", atFour.Note, StringComparison.Ordinal);

        var coordinator = (await WithAsync(s => peers(s).ViewAsync(NetworkId, _world.CoordinatorOnly.Id, PeerParts.LearnFrom)))!;
        Assert.True(coordinator.IsCoordinator);
        Assert.Null(coordinator.Viewer);
        Assert.Empty(coordinator.Characteristics);
        Assert.Equal(PeerLearningService.CoordinatorNote, coordinator.NoFigures);
        Assert.Contains("two or more levels ahead", coordinator.NoFigures, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_challenge_is_asked_answered_marked_moderated_and_closed_under_city_names_only()
    {
        var leader = _world.Benchmark.Access.Users["leader"];
        var coordinator = _world.Benchmark.Access.Users["org_admin"];
        var gammaford = _world.Peer("Gammaford");
        var question = $"What supports level 5 on 1.1.1? {Guid.NewGuid():N}";
        var answer = $"Our strategy, adopted by the council. {Guid.NewGuid():N}";
        var peers = (IServiceProvider s) => s.GetRequiredService<PeerLearningService>();

        var challenge = await WithAsync(s => peers(s).OpenChallengeAsync(NetworkId, leader.Id, gammaford.Id, "1.1.1", question));
        await WithAsync(async s => { await peers(s).ReplyAsync(challenge.Id, _world.GammafordLeader.Id, answer); return true; });
        using var client = await ClientAsync("leader");
        using var alphaville = await AlphavilleClientAsync();
        var learnFrom = await alphaville.Http.GetStringAsync($"/api/benchmarks/{NetworkId}/learn-from");
        var threads = await client.Http.GetStringAsync($"/api/benchmarks/{NetworkId}/challenges");

        using (var document = JsonDocument.Parse(threads))
        {
            var thread = document.RootElement.GetProperty("challenges").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == challenge.Id);
            Assert.Equal((await AliasAsync("Gammaford"), "City A", true), (thread.GetProperty("challenged").GetString(), thread.GetProperty("openedBy").GetString(), thread.GetProperty("open").GetBoolean()));
            Assert.Equal([("City A", question), (await AliasAsync("Gammaford"), answer)],
                thread.GetProperty("posts").EnumerateArray().Select(p => (p.GetProperty("by").GetString()!, p.GetProperty("text").GetString()!)));
            Assert.Equal(2, thread.GetProperty("evidence").GetArrayLength());
        }

        using (var document = JsonDocument.Parse(learnFrom))
        {
            // Gammaford is two levels ahead of Alphaville (not of City A): Alphaville's list marks it as under challenge.
            var marked = PeersOn(document.RootElement, "1.1.1")[await AliasAsync("Gammaford")];
            Assert.True(marked.GetProperty("openChallenges").GetInt32() >= 1);
        }

        Assert.DoesNotContain("leader@example.org", threads, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("gammaford-leader", threads, StringComparison.OrdinalIgnoreCase);

        // Only a coordinator hides; the hidden text leaves every view, the reason stays.
        var answerId = (await WithAsync(s => peers(s).ViewAsync(NetworkId, leader.Id)))!.Threads.Single(t => t.Id == challenge.Id).Posts[1].Id;
        await Assert.ThrowsAsync<KeyNotFoundException>(() => WithAsync(async s => { await peers(s).HideAsync(answerId, leader.Id, "Not for this thread"); return true; }));
        await WithAsync(async s => { await peers(s).HideAsync(answerId, coordinator.Id, "Names a council officer"); return true; });
        var afterHiding = await client.Http.GetStringAsync($"/api/benchmarks/{NetworkId}/challenges");
        Assert.DoesNotContain(answer, afterHiding, StringComparison.Ordinal);
        Assert.Contains("Names a council officer", afterHiding, StringComparison.Ordinal);
        Assert.DoesNotContain(answer, await client.Http.GetStringAsync($"/benchmarks/{NetworkId}/peers"), StringComparison.Ordinal);

        // Nothing to challenge where a city shares no evidence; a closed thread takes no more posts.
        await Assert.ThrowsAsync<ValidationException>(() => WithAsync(s => peers(s).OpenChallengeAsync(NetworkId, leader.Id, gammaford.Id, "1.1.2", "Why?")));
        await WithAsync(async s => { await peers(s).CloseAsync(challenge.Id, _world.GammafordLeader.Id); return true; });
        await Assert.ThrowsAsync<ValidationException>(() => WithAsync(async s => { await peers(s).ReplyAsync(challenge.Id, leader.Id, "And?"); return true; }));
        Assert.False((await WithAsync(s => peers(s).ViewAsync(NetworkId, leader.Id)))!.Threads.Single(t => t.Id == challenge.Id).IsOpen);
    }

    /// <summary>A coordinator who hid a post can show it again, saying why; both steps stay on record with who and when.</summary>
    [Fact]
    public async Task A_coordinator_shows_a_hidden_post_again_with_a_reason_and_both_steps_stay_on_record()
    {
        var leader = _world.Benchmark.Access.Users["leader"];
        var coordinator = _world.Benchmark.Access.Users["org_admin"];
        var answer = $"Ask our officer directly. {Guid.NewGuid():N}";
        var (hiding, showing) = ($"Names an officer {Guid.NewGuid():N}", $"The officer agreed to be named {Guid.NewGuid():N}");
        var peers = (IServiceProvider s) => s.GetRequiredService<PeerLearningService>();
        var challenge = await WithAsync(s => peers(s).OpenChallengeAsync(NetworkId, leader.Id, _world.Peer("Gammaford").Id, "1.1.1", "Who runs it?"));
        await WithAsync(async s => { await peers(s).ReplyAsync(challenge.Id, _world.GammafordLeader.Id, answer); return true; });
        var postId = (await WithAsync(s => peers(s).ViewAsync(NetworkId, leader.Id)))!.Threads.Single(t => t.Id == challenge.Id).Posts[1].Id;
        using var asCoordinator = await ClientAsync("org_admin");
        using var asLeader = await ClientAsync("leader");
        var posts = $"/api/benchmarks/{NetworkId}/challenges/posts/{postId}";
        async Task<string> ThreadsAsync() => await asLeader.Http.GetStringAsync($"/api/benchmarks/{NetworkId}/challenges");

        Assert.Equal(HttpStatusCode.NotFound, (await asLeader.Http.PostAsJsonAsync($"{posts}/hide", new { reason = "Not mine to hide" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asCoordinator.Http.PostAsJsonAsync($"{posts}/hide", new { reason = hiding })).StatusCode);
        Assert.DoesNotContain(answer, await ThreadsAsync(), StringComparison.Ordinal);
        Assert.Contains("Show again", await asCoordinator.Http.GetStringAsync($"/benchmarks/{NetworkId}/peers"), StringComparison.Ordinal);
        Assert.DoesNotContain("Show again", await asLeader.Http.GetStringAsync($"/benchmarks/{NetworkId}/peers"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await asLeader.Http.PostAsJsonAsync($"{posts}/unhide", new { reason = "I want it back" })).StatusCode);
        var noReason = await asCoordinator.Http.PostAsJsonAsync($"{posts}/unhide", new { reason = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("Say why", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(answer, await ThreadsAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await asCoordinator.Http.PostAsJsonAsync($"{posts}/unhide", new { reason = showing })).StatusCode);

        var after = await ThreadsAsync();
        Assert.Contains(answer, after, StringComparison.Ordinal);
        Assert.DoesNotContain(hiding, after, StringComparison.Ordinal);
        Assert.Contains(answer, await asLeader.Http.GetStringAsync($"/benchmarks/{NetworkId}/peers"), StringComparison.Ordinal);
        await using var db = await _world.Benchmark.DbAsync();
        var record = await db.Database.SqlQuery<string>(
            $"SELECT action || ' ' || reason || ' ' || acted_by::text || ' ' || (acted_at IS NOT NULL)::text AS \"Value\" FROM benchmark_post_moderation WHERE post_id = {postId} ORDER BY acted_at, action DESC").ToListAsync();
        Assert.Equal([$"hidden {hiding} {coordinator.Id} true", $"shown {showing} {coordinator.Id} true"], record);
    }

    /// <summary>
    /// A member questions another member's shared indicator value (code and year) under the rules of characteristic
    /// threads: names or aliases only, not its own city, only a value shared now; the thread leaves every view when the
    /// city withdraws that year and comes back when it shares it again.
    /// </summary>
    [Fact]
    public async Task A_shared_indicator_value_is_challenged_and_the_thread_leaves_view_when_the_city_withdraws_the_year()
    {
        var gammaford = _world.Peer("Gammaford");
        var alias = await AliasAsync("Gammaford");
        var question = $"How were the 80 per mille counted? {Guid.NewGuid():N}";
        using var leader = await ClientAsync("leader");
        using var outsider = await ClientAsync("other_org_admin");
        var open = $"/api/benchmarks/{NetworkId}/challenges";

        var opened = await leader.Http.PostAsJsonAsync(open, new { city = alias, indicator = "L1.1.1", year = 2024, question });

        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var id = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await leader.Http.PostAsJsonAsync(open, new { city = alias, indicator = "L1.1.1", year = 2019, question })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await leader.Http.PostAsJsonAsync(open, new { city = "City A", indicator = "L1.1.1", year = 2024, question })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await leader.Http.PostAsJsonAsync(open, new { city = "Gammaford", indicator = "L1.1.1", year = 2024, question })).StatusCode); // its real name is not how the network knows it
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.PostAsJsonAsync(open, new { city = alias, indicator = "L1.1.1", year = 2024, question })).StatusCode);
        await WithAsync(async s => { await s.GetRequiredService<PeerLearningService>().ReplyAsync(id, _world.GammafordLeader.Id, "From the utility's register."); return true; });

        var threads = await leader.Http.GetStringAsync(open);
        using (var document = JsonDocument.Parse(threads))
        {
            var thread = document.RootElement.GetProperty("challenges").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == id);
            Assert.Equal(("L1.1.1", 2024, alias, "City A"), (thread.GetProperty("indicator").GetString(), thread.GetProperty("year").GetInt32(),
                thread.GetProperty("challenged").GetString(), thread.GetProperty("openedBy").GetString()));
            Assert.Equal(JsonValueKind.Null, thread.GetProperty("characteristic").ValueKind);
            Assert.Equal((80m, "per mille"), (thread.GetProperty("value").GetDecimal(), thread.GetProperty("unit").GetString()));
            Assert.Equal([("City A", question), (alias, "From the utility's register.")],
                thread.GetProperty("posts").EnumerateArray().Select(p => (p.GetProperty("by").GetString()!, p.GetProperty("text").GetString()!)));
        }

        Assert.Contains(question, await leader.Http.GetStringAsync($"/benchmarks/{NetworkId}/peers"), StringComparison.Ordinal);
        Assert.DoesNotContain("gammaford-leader", threads, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Gammaford", threads, StringComparison.Ordinal);

        var indicators = (IServiceProvider s) => s.GetRequiredService<BenchmarkIndicatorService>();
        await WithAsync(s => indicators(s).WithdrawAsync(NetworkId, gammaford.Id, _world.Benchmark.PeerAdmin.Id));
        try
        {
            Assert.DoesNotContain(question, await leader.Http.GetStringAsync(open), StringComparison.Ordinal);
            Assert.DoesNotContain(question, await leader.Http.GetStringAsync($"/benchmarks/{NetworkId}/peers"), StringComparison.Ordinal);
        }
        finally
        {
            await WithAsync(s => indicators(s).PublishAsync(NetworkId, gammaford.Id, _world.Benchmark.PeerAdmin.Id, [2024]));
        }

        Assert.Contains(question, await leader.Http.GetStringAsync(open), StringComparison.Ordinal);

        // The shared world's other tests count the threads about Gammaford's results: this one goes.
        await using var db = await _world.Benchmark.DbAsync();
        await db.BenchmarkChallenges.Where(c => c.Id == id).ExecuteDeleteAsync();
    }

    /// <summary>Dimension 4's characteristics have two-part codes ("4.1"): a challenge opens there like anywhere else.</summary>
    [Fact]
    public async Task A_challenge_opens_on_a_two_part_characteristic_of_dimension_4_and_an_unknown_code_is_refused()
    {
        var leader = _world.Benchmark.Access.Users["leader"];
        var deltaport = _world.Peer("Deltaport");
        var peerAdmin = _world.Benchmark.PeerAdmin;
        var peers = (IServiceProvider s) => s.GetRequiredService<PeerLearningService>();
        var before = (await WithAsync(s => peers(s).EvidenceChoicesAsync(NetworkId, deltaport.Id))).Items.Where(i => i.Shared).Select(i => i.Item.Id).ToList();
        // The test assessments' scope is dimensions 1 and 2: the item on 4.1 is written as the evidence table holds it.
        var onDimension4 = new EvidenceItem
        {
            Id = Guid.NewGuid(), OrganisationId = deltaport.Id, AssessmentId = _world.Benchmark.Assessments["Deltaport"].Id, CharacteristicCode = "4.1",
            Kind = EvidenceKind.Link, Title = "Data platform roadmap", Url = "https://deltaport.example/data-platform", AddedAt = DateTimeOffset.UtcNow,
        };
        await using (var db = await _world.Benchmark.DbAsync())
        {
            db.EvidenceItems.Add(onDimension4);
            await db.SaveChangesAsync();
        }

        await WithAsync(async s => { await peers(s).ShareEvidenceAsync(NetworkId, deltaport.Id, peerAdmin.Id, [.. before, onDimension4.Id]); return true; });
        try
        {
            var challenge = await WithAsync(s => peers(s).OpenChallengeAsync(NetworkId, leader.Id, deltaport.Id, "4.1", "What runs the data platform?"));

            var thread = (await WithAsync(s => peers(s).ViewAsync(NetworkId, leader.Id)))!.Threads.Single(t => t.Id == challenge.Id);
            Assert.Equal("4.1", thread.CharacteristicCode);
            Assert.Equal([onDimension4.Id], thread.Evidence.Select(e => e.Id));
            var unknown = await Assert.ThrowsAsync<ValidationException>(() => WithAsync(s => peers(s).OpenChallengeAsync(NetworkId, leader.Id, deltaport.Id, "9.9.9", "Why?")));
            Assert.Contains("9.9.9", unknown.Message, StringComparison.Ordinal);
        }
        finally
        {
            // Leave the shared world as the other tests expect it: the item and the thread about it go.
            await WithAsync(async s => { await peers(s).ShareEvidenceAsync(NetworkId, deltaport.Id, peerAdmin.Id, before); return true; });
            await using var db = await _world.Benchmark.DbAsync();
            await db.BenchmarkChallenges.Where(c => c.TargetOrganisationId == deltaport.Id && c.CharacteristicCode == "4.1").ExecuteDeleteAsync();
            await db.EvidenceItems.Where(e => e.Id == onDimension4.Id).ExecuteUpdateAsync(e => e.SetProperty(i => i.RemovedAt, DateTimeOffset.UtcNow));
        }
    }

    [Fact]
    public async Task A_shared_document_downloads_for_members_only_and_only_while_shared()
    {
        using var leader = await ClientAsync("leader");
        using var member = await ClientAsync("member");
        using var outsider = await ClientAsync("other_org_admin");
        var path = $"/api/benchmarks/{NetworkId}/evidence/{_world.GammafordDocument}/file";

        var ok = await leader.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(SampleFiles.Pdf("Peer strategy"), await ok.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", ok.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await member.Http.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.Http.GetAsync($"/api/benchmarks/{NetworkId}/evidence/{_world.DeltaportUnshared}/file")).StatusCode);
    }

    /// <summary>Withdrawing results or indicator values removes them, their evidence and the threads about them from every view.</summary>
    [Fact]
    public async Task Withdrawing_removes_values_evidence_and_threads_from_every_view_at_once()
    {
        var gammaford = _world.Peer("Gammaford");
        var alphaville = _world.Peer("Alphaville");
        var peerAdmin = _world.Benchmark.PeerAdmin;
        var leader = _world.Benchmark.Access.Users["leader"];
        var alias = await AliasAsync("Gammaford");
        await WithAsync(s => s.GetRequiredService<PeerLearningService>().OpenChallengeAsync(NetworkId, leader.Id, gammaford.Id, "1.1.1", "Before withdrawing?"));
        using var client = await ClientAsync("leader");
        using var alphavilleClient = await AlphavilleClientAsync();
        // Before: Gammaford (4) is two levels ahead of Alphaville (1) and listed with its evidence.
        Assert.Contains(alias, await alphavilleClient.Http.GetStringAsync($"/api/benchmarks/{NetworkId}/learn-from"), StringComparison.Ordinal);
        try
        {
            Assert.True(await _world.Benchmark.WithAsync(b => b.WithdrawAsync(NetworkId, gammaford.Id, peerAdmin.Id)));
            await WithAsync(s => s.GetRequiredService<BenchmarkIndicatorService>().WithdrawAsync(NetworkId, alphaville.Id, peerAdmin.Id));

            var learnFrom = await alphavilleClient.Http.GetStringAsync($"/api/benchmarks/{NetworkId}/learn-from");
            var challenges = await client.Http.GetStringAsync($"/api/benchmarks/{NetworkId}/challenges");
            var page = await client.Http.GetStringAsync($"/benchmarks/{NetworkId}/peers");
            Assert.DoesNotContain(alias, learnFrom, StringComparison.Ordinal);
            using (var document = JsonDocument.Parse(challenges))
            {
                // Gammaford may still have asked others (those threads stay); none about it is in view.
                Assert.DoesNotContain(document.RootElement.GetProperty("challenges").EnumerateArray(), t => t.GetProperty("challenged").GetString() == alias);
            }

            Assert.All(new[] { learnFrom, challenges, page }, output =>
            {
                Assert.DoesNotContain("peer-strategy.example", output, StringComparison.Ordinal);
                Assert.DoesNotContain("Before withdrawing?", output, StringComparison.Ordinal);
            });
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/api/benchmarks/{NetworkId}/evidence/{_world.GammafordDocument}/file")).StatusCode);
            var indicators = await client.Http.GetStringAsync($"/api/benchmarks/{NetworkId}/indicators");
            Assert.DoesNotContain("Alphaville", indicators, StringComparison.Ordinal);
            Assert.DoesNotContain("Alphaville", await client.Http.GetStringAsync($"/benchmarks/{NetworkId}/indicators"), StringComparison.Ordinal);
            await using var db = await _world.Benchmark.DbAsync();
            Assert.False(await db.BenchmarkIndicatorValues.AnyAsync(v => v.OrganisationId == alphaville.Id));
            Assert.False(await db.BenchmarkSharedEvidence.AnyAsync(s => s.EvidenceId == _world.GammafordDocument));
        }
        finally
        {
            await _world.Benchmark.WithAsync(b => b.PublishAsync(NetworkId, gammaford.Id, _world.Benchmark.Assessments["Gammaford"].Id, peerAdmin.Id));
            var shared = (await WithAsync(s => s.GetRequiredService<PeerLearningService>().EvidenceChoicesAsync(NetworkId, gammaford.Id))).Items.Select(i => i.Item.Id).ToList();
            await WithAsync(async s => { await s.GetRequiredService<PeerLearningService>().ShareEvidenceAsync(NetworkId, gammaford.Id, peerAdmin.Id, shared); return true; });
            await WithAsync(s => s.GetRequiredService<BenchmarkIndicatorService>().PublishAsync(NetworkId, alphaville.Id, peerAdmin.Id, [2024]));
        }
    }

    /// <summary>The scan, on the peer views: no participant, no one who attached or wrote, no unshared item, no indicator source or note.</summary>
    [Theory]
    [InlineData("leader")]
    [InlineData("org_admin")]
    public async Task Nothing_personal_or_unshared_leaves_through_the_peer_views(string role)
    {
        var gammaford = _world.Peer("Gammaford");
        await WithAsync(s => s.GetRequiredService<PeerLearningService>().OpenChallengeAsync(NetworkId, _world.GammafordLeader.Id, _world.Peer("Deltaport").Id, "1.1.1", "How did you get there?"));
        using var client = await ClientAsync(role);
        var outputs = new[]
        {
            await client.Http.GetStringAsync($"/api/benchmarks/{NetworkId}/indicators"),
            await client.Http.GetStringAsync($"/api/benchmarks/{NetworkId}/learn-from"),
            await client.Http.GetStringAsync($"/api/benchmarks/{NetworkId}/challenges"),
            await client.Http.GetStringAsync($"/benchmarks/{NetworkId}/indicators"),
            await client.Http.GetStringAsync($"/benchmarks/{NetworkId}/peers"),
        };
        string[] never =
        [
            .. _world.Benchmark.PersonalTexts, "peer-admin", "gammaford-leader", PeerWorld.UnsharedLink,
            PeerWorld.IndicatorSource, PeerWorld.IndicatorNote, gammaford.Id.ToString(), // (its slug is its shown name)
        ];

        Assert.Contains("How did you get there?", outputs[2], StringComparison.Ordinal);
        foreach (var output in outputs)
        {
            Assert.All(never, text => Assert.DoesNotContain(text, output, StringComparison.OrdinalIgnoreCase));
            Assert.All(never, text => Assert.DoesNotContain(WebUtility.HtmlEncode(text), output, StringComparison.OrdinalIgnoreCase));
        }
    }
}
