using System.Net;
using System.Text.Json;
using CityMaturity.Domain.Benchmarking;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Benchmarking;

/// <summary>The sharing boundary, the privacy rule and withdrawal, through the API and the pages on a real database.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class BenchmarkSharingTests(DatabaseFixture database) : IAsyncLifetime
{
    private BenchmarkWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("benchmark-network", BenchmarkWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    private string ApiPath(string? query = null) => $"/api/benchmarks/{_world.Network.Id}/comparison{query}";

    private static JsonElement Metric(JsonElement document, string code) =>
        document.GetProperty("comparison").GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("code").GetString() == code);

    [Fact]
    public async Task A_snapshot_holds_the_dashboards_scores_and_counts()
    {
        var cityA = _world.Assessments[_world.Access.CityA.Name];
        var summary = await _world.Services.GetRequiredService<AssessmentSummaryService>().SummariseAsync(cityA.Id);

        await using var db = await _world.DbAsync();
        var snapshot = await db.BenchmarkSnapshots.AsNoTracking().SingleAsync(s => s.AssessmentId == cityA.Id && s.NetworkId == _world.Network.Id);
        var scores = await db.BenchmarkSnapshotScores.AsNoTracking().Where(s => s.SnapshotId == snapshot.Id).ToDictionaryAsync(s => BenchmarkMetric.KeyOf(s.Level, s.Code));

        Assert.Equal((2, 2, "median", "none", ComparisonMethod.SelfAssessed), (snapshot.ParticipantCount, snapshot.GroupCount, snapshot.ScoreSource, snapshot.ConsensusState, snapshot.ComparisonMethod));
        foreach (var characteristic in summary.Summary.Characteristics)
        {
            Assert.Equal((characteristic.Now.Score, characteristic.InTwoYears.Score), (scores["c:" + characteristic.Code].ScoreNow, scores["c:" + characteristic.Code].ScoreInTwoYears));
        }

        Assert.Equal(summary.Summary.Dimension("1").Now.Score, scores["d:1"].ScoreNow);
        Assert.Equal(summary.Summary.SubDimension("1.1").InTwoYears.Score, scores["s:1.1"].ScoreInTwoYears);
    }

    [Fact]
    public async Task The_comparison_places_the_own_city_among_all_seven()
    {
        using var leader = await _world.Access.ClientAsync("leader");

        using var document = JsonDocument.Parse(await leader.Http.GetStringAsync(ApiPath("?dots=true")));

        var now = Metric(document.RootElement, "1.1.1").GetProperty("now");
        // Scores 3 (City A), 1, 2, 4, 5, 2, 3: lowest first, in no order of the cities.
        Assert.Equal([1m, 2m, 2m, 3m, 3m, 4m, 5m], now.GetProperty("scores").EnumerateArray().Select(v => v.GetDecimal()));
        Assert.Equal(3m, now.GetProperty("median").GetDecimal());
        Assert.Equal(3m, now.GetProperty("own").GetDecimal());
        Assert.Equal(3, now.GetProperty("rank").GetInt32());
        Assert.Equal(7, document.RootElement.GetProperty("comparison").GetProperty("cities").GetInt32());
    }

    /// <summary>The issue's test: every network output scanned for the participants' names, emails and comments.</summary>
    [Theory]
    [InlineData("leader")]
    [InlineData("org_admin")]
    public async Task Nothing_personal_leaves_an_organisation(string role)
    {
        using var client = await _world.Access.ClientAsync(role);
        var outputs = new[]
        {
            await client.Http.GetStringAsync(ApiPath()),
            await client.Http.GetStringAsync(ApiPath("?peer=region:North")),
            await client.Http.GetStringAsync($"/benchmarks/{_world.Network.Id}"),
            await client.Http.GetStringAsync("/benchmarks"),
            await client.Http.GetStringAsync($"/api/benchmarks/{_world.Network.Id}/indicators"),
            await client.Http.GetStringAsync($"/api/benchmarks/{_world.Network.Id}/learn-from"),
            await client.Http.GetStringAsync($"/api/benchmarks/{_world.Network.Id}/challenges"),
            await client.Http.GetStringAsync($"/benchmarks/{_world.Network.Id}/indicators"),
            await client.Http.GetStringAsync($"/benchmarks/{_world.Network.Id}/peers"),
        };

        Assert.Contains("Person0 Ofcitya", _world.PersonalTexts);
        foreach (var output in outputs)
        {
            foreach (var personal in _world.PersonalTexts)
            {
                Assert.DoesNotContain(personal, output, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task Anonymous_members_appear_by_alias_and_named_ones_by_name()
    {
        using var leader = await _world.Access.ClientAsync("leader");
        await using var db = await _world.DbAsync();
        var aliases = await db.BenchmarkMembers.AsNoTracking().Where(m => m.NetworkId == _world.Network.Id)
            .ToDictionaryAsync(m => m.OrganisationId, m => m.Alias);

        var json = await leader.Http.GetStringAsync(ApiPath());
        var html = await leader.Http.GetStringAsync($"/benchmarks/{_world.Network.Id}");

        foreach (var output in new[] { json, html })
        {
            Assert.Contains("Alphaville", output, StringComparison.Ordinal);
            foreach (var hidden in BenchmarkWorld.PeerNames.Skip(1))
            {
                Assert.DoesNotContain(hidden, output, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(_world.Peers[hidden].Slug, output, StringComparison.OrdinalIgnoreCase);
                Assert.Contains(aliases[_world.Peers[hidden].Id], output, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_coordinator_sees_the_members_names()
    {
        using var coordinator = await _world.Access.ClientAsync("org_admin");

        var html = await coordinator.Http.GetStringAsync($"/benchmarks/{_world.Network.Id}");

        Assert.All(BenchmarkWorld.PeerNames, name => Assert.Contains(WebUtility.HtmlEncode(name), html, StringComparison.Ordinal));
    }

    /// <summary>
    /// The differencing attack of issue 16: "region: North" (3 cities) and "tag: port" (the same 3 and Gammaford) both reach
    /// k = 3, and their difference would be Gammaford's scores. The first is offered; the second is refused.
    /// </summary>
    [Fact]
    public async Task Two_filters_differing_by_one_city_are_never_both_answered()
    {
        using var leader = await _world.Access.ClientAsync("leader");

        var north = await leader.Http.GetAsync(ApiPath("?peer=region:North"));
        var port = await leader.Http.GetAsync(ApiPath("?peer=tag:port"));
        var page = await leader.Http.GetStringAsync($"/benchmarks/{_world.Network.Id}?filter={Uri.EscapeDataString("tag:port|")}");

        Assert.Equal(HttpStatusCode.OK, north.StatusCode);
        using (var document = JsonDocument.Parse(await north.Content.ReadAsStringAsync()))
        {
            Assert.Equal(3, document.RootElement.GetProperty("comparison").GetProperty("cities").GetInt32());
            Assert.DoesNotContain(document.RootElement.GetProperty("filters").EnumerateArray(), f => f.GetProperty("peer").GetString() == "tag:port");
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, port.StatusCode);
        Assert.Equal("application/problem+json", port.Content.Headers.ContentType?.MediaType);
        Assert.Contains("single cities out", await port.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"filter-refusal\"", page, StringComparison.Ordinal);
        Assert.Contains("All cities of the network: 7 cities", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?peer=planet:Mars")]
    [InlineData("?method=guessed")]
    [InlineData("?peer=region:Atlantis")]
    public async Task A_filter_that_is_not_offered_is_a_problem_not_a_fallback(string query)
    {
        using var leader = await _world.Access.ClientAsync("leader");

        var response = await leader.Http.GetAsync(ApiPath(query));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Withdrawing_removes_the_results_from_every_view_at_once()
    {
        var zetaburg = _world.Peers["Zetaburg"];
        using var leader = await _world.Access.ClientAsync("leader");
        // The figures before, so the network's are in the cache (ADR 0055): the withdrawal must act on the very next request.
        using (var before = JsonDocument.Parse(await leader.Http.GetStringAsync(ApiPath("?dots=true"))))
        {
            Assert.Equal(7, before.RootElement.GetProperty("comparison").GetProperty("cities").GetInt32());
        }

        try
        {
            Assert.True(await _world.WithAsync(b => b.WithdrawAsync(_world.Network.Id, zetaburg.Id, _world.PeerAdmin.Id)));

            using var document = JsonDocument.Parse(await leader.Http.GetStringAsync(ApiPath("?dots=true")));
            Assert.Equal(6, document.RootElement.GetProperty("comparison").GetProperty("cities").GetInt32());
            // Zetaburg shared 3: one 3 less among the dots.
            Assert.Equal([1m, 2m, 2m, 3m, 4m, 5m], Metric(document.RootElement, "1.1.1").GetProperty("now").GetProperty("scores").EnumerateArray().Select(v => v.GetDecimal()));
            await using var db = await _world.DbAsync();
            Assert.False(await db.BenchmarkSnapshots.AnyAsync(s => s.OrganisationId == zetaburg.Id));
            Assert.False(await db.BenchmarkSnapshotScores.AnyAsync(s => db.BenchmarkSnapshots.Any(x => x.Id == s.SnapshotId && x.OrganisationId == zetaburg.Id)));
        }
        finally
        {
            await _world.WithAsync(b => b.PublishAsync(_world.Network.Id, zetaburg.Id, _world.Assessments["Zetaburg"].Id, _world.PeerAdmin.Id));
        }
    }

    [Fact]
    public async Task A_network_with_fewer_than_k_published_cities_shows_no_figures()
    {
        var admin = _world.Access.Users["org_admin"];
        var network = await _world.WithAsync(b => b.CreateAsync(admin.Id, false, _world.Access.CityA.Id, $"Small network {Guid.NewGuid():N}", null, 3));
        await _world.WithAsync(b => b.PublishAsync(network.Id, _world.Access.CityA.Id, _world.Assessments[_world.Access.CityA.Name].Id, admin.Id));
        await _world.WithAsync(async b => { await b.InviteAsync(network.Id, admin.Id, _world.Peers["Alphaville"].Slug); return true; });
        await _world.WithAsync(async b => { await b.AcceptAsync(network.Id, _world.Peers["Alphaville"].Id, _world.PeerAdmin.Id); return true; });
        await _world.WithAsync(b => b.PublishAsync(network.Id, _world.Peers["Alphaville"].Id, _world.Assessments["Alphaville"].Id, _world.PeerAdmin.Id));
        using var leader = await _world.Access.ClientAsync("leader");

        var api = await leader.Http.GetAsync($"/api/benchmarks/{network.Id}/comparison");
        var page = await leader.Http.GetStringAsync($"/benchmarks/{network.Id}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);
        Assert.Contains("at least 3 cities", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"no-figures\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("comparison-table", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_closed_assessment_of_the_organisation_can_be_shared_and_a_threshold_below_three_is_refused()
    {
        var admin = _world.Access.Users["org_admin"];

        var foreign = await Assert.ThrowsAsync<KeyNotFoundException>(() => _world.WithAsync(b =>
            b.PublishAsync(_world.Network.Id, _world.Access.CityA.Id, _world.Assessments["Alphaville"].Id, admin.Id)));
        var notAdmin = await Assert.ThrowsAsync<KeyNotFoundException>(() => _world.WithAsync(b =>
            b.WithdrawAsync(_world.Network.Id, _world.Access.CityA.Id, _world.Access.Users["facilitator"].Id)));
        var lowK = await Assert.ThrowsAsync<ValidationException>(() => _world.WithAsync(b =>
            b.CreateAsync(admin.Id, false, _world.Access.CityA.Id, "Tiny", null, 2)));

        Assert.Contains("No such assessment", foreign.Message, StringComparison.Ordinal);
        Assert.NotNull(notAdmin);
        Assert.Equal(BenchmarkPrivacy.KRule, lowK.Message);
    }
}
