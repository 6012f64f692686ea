using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityMaturity.Integration.Tests.Results;
using CityMaturity.Testing;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Benchmarking;

/// <summary>
/// The links between the pages and the benchmark downloads, on the demo data over real Kestrel: the dashboard of an
/// assessment shared into a network links to the network's page, and the network page links to its report (PDF) and
/// comparison (CSV) under the filter it shows — links that answer, with the filter in the file.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed partial class BenchmarkLinksOnKestrelTests(DatabaseFixture database) : IAsyncLifetime
{
    private KestrelResultsWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("summary-api-kestrel", KestrelResultsWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_dashboard_links_to_the_network_and_the_network_page_to_its_report_and_csv_under_its_filter()
    {
        using var leader = await SignedInAsync("leader@demoville.example", "demo-leader-2026");

        // Demoville's baseline is shared into the demo network: its dashboard says so, with a link to the network.
        var dashboard = await leader.Http.GetStringAsync($"/orgs/demoville/assessments/{_world.BaselineId}/dashboard");
        var shared = SharedWithParagraph().Match(dashboard);
        Assert.True(shared.Success, "The baseline's dashboard does not say which network it is shared with");
        var networkLink = Regex.Match(shared.Value, "<a href=\"benchmarks/(?<id>[0-9a-f-]{36})\"[^>]*>(?<name>[^<]+)</a>");
        Assert.Equal(DemoBenchmarkSeeder.NetworkName, networkLink.Groups["name"].Value);
        var networkId = networkLink.Groups["id"].Value;
        Assert.Equal(HttpStatusCode.OK, (await leader.Http.GetAsync($"/benchmarks/{networkId}")).StatusCode);

        // The whole network: the links carry no filter, and both answer with their file.
        var page = await leader.Http.GetStringAsync($"/benchmarks/{networkId}");
        Assert.Equal($"api/benchmarks/{networkId}/report.pdf", LinkOf(page, "benchmark-report-link"));
        Assert.Equal($"api/benchmarks/{networkId}/comparison.csv", LinkOf(page, "comparison-csv-link"));
        await AssertDownloadAsync(leader, LinkOf(page, "benchmark-report-link"), "application/pdf");
        await AssertDownloadAsync(leader, LinkOf(page, "comparison-csv-link"), "text/csv");

        // Under a peer group the network offers, both links pass it on, and the report is of that group.
        using var comparison = JsonDocument.Parse(await leader.Http.GetStringAsync($"/api/benchmarks/{networkId}/comparison"));
        var peerGroup = comparison.RootElement.GetProperty("filters").EnumerateArray()
            .First(f => f.GetProperty("peer").GetString() is not null && f.GetProperty("method").GetString() is null);
        var peer = peerGroup.GetProperty("peer").GetString()!;
        var filtered = await leader.Http.GetStringAsync($"/benchmarks/{networkId}?filter={Uri.EscapeDataString(peer + "|")}");
        var report = LinkOf(filtered, "benchmark-report-link");
        Assert.Equal($"api/benchmarks/{networkId}/report.pdf?peer={Uri.EscapeDataString(peer)}", report);
        Assert.Equal($"api/benchmarks/{networkId}/comparison.csv?peer={Uri.EscapeDataString(peer)}", LinkOf(filtered, "comparison-csv-link"));
        var pdf = await AssertDownloadAsync(leader, report, "application/pdf");
        Assert.Contains($"{peerGroup.GetProperty("name").GetString()}: {peerGroup.GetProperty("cities").GetInt32()} cities", await PdfText.ExtractAsync(pdf), StringComparison.Ordinal);

        // Without JavaScript (or before the live connection) the MudSelect cannot open: a <noscript> GET form offers the
        // same filters, submits ?filter=… to this page (the request above), and shows the filter in force as chosen.
        var fallback = NoScriptFilterForm().Match(filtered);
        Assert.True(fallback.Success, "The network page has no <noscript> form for the filter");
        Assert.Contains($"action=\"benchmarks/{networkId}\"", fallback.Value, StringComparison.Ordinal);
        Assert.Contains("name=\"filter\"", fallback.Value, StringComparison.Ordinal);
        var options = Regex.Matches(fallback.Value, "<option value=\"(?<key>[^\"]*)\"(?<rest>[^>]*)>").ToList();
        Assert.Equal(comparison.RootElement.GetProperty("filters").GetArrayLength(), options.Count);
        var chosen = Assert.Single(options, o => o.Groups["rest"].Value.Contains("selected", StringComparison.Ordinal));
        Assert.Equal(peer + "|", WebUtility.HtmlDecode(chosen.Groups["key"].Value));
    }

    [Fact]
    public async Task A_dashboard_of_an_assessment_shared_nowhere_links_to_no_network()
    {
        using var leader = await SignedInAsync("leader@demoville.example", "demo-leader-2026");
        Guid open;
        await using (var db = await _world.Factory.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync())
        {
            open = (await db.Assessments.SingleAsync(a => a.Name == DemoAssessmentSeeder.OpenAssessmentName)).Id;
        }

        var dashboard = await leader.Http.GetStringAsync($"/orgs/demoville/assessments/{open}/dashboard");

        Assert.Contains("Dashboard:", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("shared-with-networks", dashboard, StringComparison.Ordinal);
    }

    private async Task<TestClient> SignedInAsync(string email, string password)
    {
        var client = new TestClient(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _world.BaseAddress });
        await client.SignInOrFailAsync(email, password);
        return client;
    }

    private static async Task<byte[]> AssertDownloadAsync(TestClient client, string link, string mediaType)
    {
        using var response = await client.Http.GetAsync("/" + link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var content = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEmpty(content);
        return content;
    }

    /// <summary>The address of the link with that test id, as the browser reads it (attribute entities decoded).</summary>
    private static string LinkOf(string html, string testId)
    {
        var link = Regex.Match(html, $"<a [^>]*href=\"(?<href>[^\"]+)\"[^>]*data-testid=\"{testId}\"");
        Assert.True(link.Success, $"The page has no link {testId}");
        return WebUtility.HtmlDecode(link.Groups["href"].Value);
    }

    [GeneratedRegex("<noscript[^>]*>.*?</noscript>", RegexOptions.Singleline)]
    private static partial Regex NoScriptFilterForm();

    // The page's scoped CSS adds its own attribute to each element (b-…), so an element's tag ends at the first '>'.
    [GeneratedRegex("<p data-testid=\"shared-with-networks\"[^>]*>.*?</p>", RegexOptions.Singleline)]
    private static partial Regex SharedWithParagraph();
}
