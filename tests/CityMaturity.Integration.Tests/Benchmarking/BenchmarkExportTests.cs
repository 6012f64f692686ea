using System.Net;
using System.Text;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Integration.Tests.Benchmarking;

/// <summary>
/// The benchmark report (PDF, read back with pdftotext) and the comparison CSV: the privacy rule of the page (k, only
/// offered filters), and no name of an anonymous member or of any participant — not even for a reader who coordinates the
/// network and so sees every member's name on the page.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class BenchmarkExportTests(DatabaseFixture database) : IAsyncLifetime
{
    private BenchmarkWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("benchmark-network", BenchmarkWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    private string PathOf(string what, string query = "") => $"/api/benchmarks/{_world.Network.Id}/{what}{query}";

    [Theory]
    [InlineData("leader")]
    [InlineData("org_admin")]
    public async Task The_report_and_the_csv_carry_no_anonymous_member_and_no_person(string role)
    {
        using var client = await _world.Access.ClientAsync(role);
        await using var db = await _world.DbAsync();
        var aliases = await db.BenchmarkMembers.AsNoTracking().Where(m => m.NetworkId == _world.Network.Id && !m.ShowName && m.OrganisationId != _world.Access.CityA.Id)
            .Select(m => m.Alias).ToListAsync();

        var pdf = await client.Http.GetAsync(PathOf("report.pdf"));
        var csv = await client.Http.GetAsync(PathOf("comparison.csv"));

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await PdfText.ExtractAsync(await pdf.Content.ReadAsByteArrayAsync());
        var table = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.Contains("Benchmark report: City A", text, StringComparison.Ordinal);
        Assert.Contains("All cities of the network: 7 cities, this city among them", text, StringComparison.Ordinal);
        Assert.Contains("Alphaville", text, StringComparison.Ordinal);
        Assert.Equal(5, aliases.Count);
        Assert.All(aliases, alias => Assert.Contains(alias, text, StringComparison.Ordinal));
        foreach (var hidden in BenchmarkWorld.PeerNames.Skip(1))
        {
            Assert.DoesNotContain(hidden, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(hidden, table, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("Alphaville", table, StringComparison.Ordinal);
        foreach (var personal in _world.PersonalTexts)
        {
            Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(personal, table, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_report_places_the_city_per_dimension_now_and_in_two_years()
    {
        using var leader = await _world.Access.ClientAsync("leader");

        var text = await PdfText.ExtractAsync(await leader.Http.GetByteArrayAsync(PathOf("report.pdf")));

        // Seven cities rated 1.1.1 with 3 (City A), 1, 2, 4, 5, 2, 3: City A is 3rd of 7 now, 3.5 − 3 below the top
        // quartile, and of the six others 3 score lower and 1 the same: percentile (3 + ½) / 6 = 58. All plan 5 in two years.
        Assert.Contains("Position now", text, StringComparison.Ordinal);
        Assert.Contains("Position in two years", text, StringComparison.Ordinal);
        Assert.Matches(@"1 [^:]+: 3\.0 now, rank 3 of 7, second quartile, 0\.5 below the top quartile\.", text);
        Assert.Contains("2.0 – 3.0 – 3.5", text, StringComparison.Ordinal);
        Assert.Contains("5.0 – 5.0 – 5.0", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_has_a_line_per_metric_and_view_with_the_pages_figures()
    {
        using var leader = await _world.Access.ClientAsync("leader");

        var lines = Encoding.UTF8.GetString(await leader.Http.GetByteArrayAsync(PathOf("comparison.csv"))).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(string.Join(',', BenchmarkExports.CsvHeader), lines[0]);
        var now = lines.Single(l => l.StartsWith("1.1.1,characteristic,", StringComparison.Ordinal) && l.Contains(",now,", StringComparison.Ordinal)).Split(',');
        Assert.Equal([3m, 7m, 1m, 2m, 3m, 3.5m, 5m, 3m, 7m, 58m], now[4..14].Select(c => decimal.Parse(c, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(("Second quartile", 0.5m, "no"), (now[14], decimal.Parse(now[15], System.Globalization.CultureInfo.InvariantCulture), now[16]));
    }

    /// <summary>The downloads obey the page's privacy rule: a filter that is not offered and a network under k are refused.</summary>
    [Theory]
    [InlineData("report.pdf")]
    [InlineData("comparison.csv")]
    public async Task A_filter_that_is_not_offered_gives_no_download(string what)
    {
        using var leader = await _world.Access.ClientAsync("leader");

        var port = await leader.Http.GetAsync(PathOf(what, "?peer=tag:port"));
        var north = await leader.Http.GetAsync(PathOf(what, "?peer=region:North"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, port.StatusCode);
        Assert.Equal("application/problem+json", port.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, north.StatusCode);
    }

    [Fact]
    public async Task A_network_under_k_gives_no_report()
    {
        var admin = _world.Access.Users["org_admin"];
        var network = await _world.WithAsync(b => b.CreateAsync(admin.Id, false, _world.Access.CityA.Id, $"Tiny network {Guid.NewGuid():N}", null, 3));
        await _world.WithAsync(b => b.PublishAsync(network.Id, _world.Access.CityA.Id, _world.Assessments[_world.Access.CityA.Name].Id, admin.Id));
        using var leader = await _world.Access.ClientAsync("leader");

        var response = await leader.Http.GetAsync($"/api/benchmarks/{network.Id}/report.pdf");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("at least 3 cities", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
