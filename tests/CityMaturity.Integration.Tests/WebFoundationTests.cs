using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
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
    public async Task Pages_load_the_framework_own_net10_blazor_script_and_mudblazor_assets()
    {
        var html = await _client.GetStringAsync("/catalogue");

        // The framework's static assets, fingerprinted by MapStaticAssets (ADR 0021): nothing extracted, nothing of ours.
        var script = Regex.Match(html, @"src=""(_framework/blazor\.web\.[a-z0-9]+\.js)""").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(script), "the page does not load a fingerprinted _framework/blazor.web.js");
        var response = await _client.GetAsync("/" + script);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        // Only .NET 10's script raises this event, which the reconnect dialog listens for.
        Assert.Contains("components-reconnect-state-changed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var asset in new[] { @"_content/MudBlazor/MudBlazor\.min\.[a-z0-9]+\.css", @"_content/MudBlazor/MudBlazor\.min\.[a-z0-9]+\.js", @"Components/Layout/ReconnectModal\.[a-z0-9]+\.razor\.js" })
        {
            var path = Regex.Match(html, asset).Value;
            Assert.False(string.IsNullOrEmpty(path), $"the page does not reference {asset}; it loads: {string.Join(", ", Regex.Matches(html, @"(?:src|href)=""([^""]+)""").Select(m => m.Groups[1].Value))}");
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/" + path)).StatusCode);
        }

        Assert.DoesNotContain("Radzen", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_theme_is_one_cached_stylesheet_not_css_inlined_into_every_page()
    {
        var html = await _client.GetStringAsync("/catalogue");

        // ADR 0058: no MudThemeProvider style block in the page, a link to the theme under its content hash instead.
        Assert.DoesNotContain("mud-theme-provider", html, StringComparison.Ordinal);
        Assert.DoesNotContain("--mud-palette-primary", html, StringComparison.Ordinal);
        var href = Regex.Match(html, @"<link rel=""stylesheet"" href=""(theme\.css\?v=[0-9a-f]{16})""").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(href), "the page does not link theme.css?v=<hash>");

        var response = await _client.GetAsync("/" + href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        var css = await response.Content.ReadAsStringAsync();
        // The app's accent (#0b3d91), as MudBlazor writes it, and the variables its components read.
        Assert.Contains("--mud-palette-primary: rgba(11,61,145,1);", css, StringComparison.Ordinal);
        Assert.Contains("--mud-typography-default-family:", css, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", css, StringComparison.Ordinal);

        // Another version's address gets the same CSS, but a browser must check it again.
        var stale = await _client.GetAsync("/theme.css?v=0000000000000000");
        Assert.Equal(css, await stale.Content.ReadAsStringAsync());
        Assert.Equal("no-cache", stale.Headers.CacheControl?.ToString());
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
