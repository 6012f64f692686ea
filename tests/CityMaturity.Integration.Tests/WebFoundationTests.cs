using System.Net;
using System.Text.Json;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Testing;

namespace CityMaturity.Integration.Tests;

[Collection(DatabaseCollection.Name)]
public sealed class WebFoundationTests(DatabaseFixture database) : IAsyncLifetime
{
    private static readonly MaturityCatalogue Catalogue = CatalogueLoader.LoadEmbedded();
    private CityMaturityFactory? _factory;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _factory = new CityMaturityFactory(await database.Server.CreateMigratedDatabaseAsync());
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task Health_reports_the_database_reachable()
    {
        var response = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Serves_the_blazor_script_extracted_at_build_time()
    {
        var response = await _client.GetAsync("/_framework/blazor.web.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var script = await response.Content.ReadAsStringAsync();
        Assert.True(script.Length > 100_000, $"the script is only {script.Length} characters");
        Assert.Contains("Blazor", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_characteristic_page_shows_its_five_criteria_class_and_documents()
    {
        var html = WebUtility.HtmlDecode(await _client.GetStringAsync("/catalogue/2.3.1"));
        var characteristic = Catalogue.GetCharacteristic("2.3.1");

        Assert.Contains("Digital inclusion", html, StringComparison.Ordinal);
        Assert.All(MaturityLevels.All, level => Assert.Contains(characteristic.Criteria[level], html, StringComparison.Ordinal));
        Assert.Contains(Catalogue.GetClass(characteristic.Class).Name, html, StringComparison.Ordinal);
        Assert.All(Catalogue.DocumentsFor(characteristic), document => Assert.Contains(document.Code, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_purpose_page_lists_its_local_government_functions()
    {
        var html = WebUtility.HtmlDecode(await _client.GetStringAsync("/catalogue/4.5"));

        Assert.All(Catalogue.LocalGovernmentFunctionsFor(Catalogue.GetCharacteristic("4.5")), f => Assert.Contains(f, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_characteristic_has_a_stable_deep_link()
    {
        foreach (var characteristic in Catalogue.Characteristics)
        {
            var html = WebUtility.HtmlDecode(await _client.GetStringAsync($"/catalogue/{characteristic.Code}"));
            Assert.Contains(characteristic.Title, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_code_says_so()
    {
        var html = WebUtility.HtmlDecode(await _client.GetStringAsync("/catalogue/9.9.9"));

        Assert.Contains("No characteristic “9.9.9”", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_catalogue_search_works_from_the_address()
    {
        var html = WebUtility.HtmlDecode(await _client.GetStringAsync("/catalogue?q=digital%20inclusion"));

        Assert.Contains("characteristics match “digital inclusion”", html, StringComparison.Ordinal);
        Assert.Contains("href=\"catalogue/2.3.1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_about_page_names_the_standard_and_the_licence()
    {
        var html = WebUtility.HtmlDecode(await _client.GetStringAsync("/about"));

        Assert.Contains("ISO/TS 37107:2019", html, StringComparison.Ordinal);
        Assert.Contains("AGPL-3.0-only", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_address_is_a_404_page()
    {
        var response = await _client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
