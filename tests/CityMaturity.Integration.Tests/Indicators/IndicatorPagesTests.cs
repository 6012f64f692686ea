using System.Net;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Indicators;
using CityMaturity.Testing;

namespace CityMaturity.Integration.Tests.Indicators;

/// <summary>The indicator frameworks are public reference data, browsable like the catalogue.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class IndicatorPagesTests(DatabaseFixture database) : IAsyncLifetime
{
    private static readonly MaturityCatalogue Catalogue = CatalogueLoader.LoadEmbedded();
    private static readonly IndicatorLibrary Library = IndicatorLoader.LoadEmbedded(Catalogue);
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

    private async Task<string> PageAsync(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_index_lists_every_framework_its_gaps_and_every_indicator_without_signing_in()
    {
        var html = await PageAsync("/indicators");

        Assert.All(Library.Frameworks, f => Assert.Contains(f.Name, html, StringComparison.Ordinal));
        Assert.All(Library.Frameworks.SelectMany(f => f.IncompleteParts), part => Assert.Contains(part, html, StringComparison.Ordinal));
        Assert.All(Library.Indicators, i => Assert.Contains($"href=\"indicators/{i.Slug}\"", html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_framework_filter_shows_one_framework()
    {
        var html = await PageAsync("/indicators?framework=iso-iec-30146");

        Assert.Contains("href=\"indicators/l4-3-1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"indicators/ec-ict-ict-1c\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_type_filter_lists_only_the_kpis_typed_so_with_their_sdg_references()
    {
        var smart = await PageAsync("/indicators?focus=smart");
        var sustainable = await PageAsync("/indicators?focus=sustainable&q=air");
        var unknown = await PageAsync("/indicators?focus=green");

        var smartCount = Library.Indicators.Count(i => i.Focus == IndicatorFocus.Smart);
        Assert.Contains($"{smartCount} indicators match the type smart", smart, StringComparison.Ordinal);
        Assert.Contains("href=\"indicators/ec-ict-t-1c\"", smart, StringComparison.Ordinal);
        Assert.Contains("Core · Smart · SDG 11.2", smart, StringComparison.Ordinal);
        // Not typed (unknown) and typed otherwise are both left out.
        Assert.DoesNotContain("href=\"indicators/ec-ict-ict-3c\"", smart, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"indicators/ec-p-em-1c\"", smart, StringComparison.Ordinal);
        Assert.Contains("1 indicator matches “air” and the type sustainable", sustainable, StringComparison.Ordinal);
        Assert.Contains("href=\"indicators/en-en-aq-1c\"", sustainable, StringComparison.Ordinal);
        // An unknown type filters nothing: the page lists the frameworks as without a filter.
        Assert.Contains("href=\"indicators/ec-ict-ict-3c\"", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_indicator_page_shows_its_type_and_sdg_references()
    {
        var html = await PageAsync("/indicators/en-en-aq-1c");

        // Each term with its value (the scoped style sheet adds an attribute to both elements).
        Assert.Matches(@"<dt[^>]*>Smart, sustainable or structural</dt>\s*<dd[^>]*>Sustainable</dd>", html);
        Assert.Matches(@"<dt[^>]*>SDG references</dt>\s*<dd[^>]*>SDG 11\.6, SDG 11\.6\.2</dd>", html);
    }

    [Fact]
    public async Task The_search_works_from_the_address_by_text_and_by_code()
    {
        var byText = await PageAsync("/indicators?q=broadband&framework=u4ssc-kpi");
        var byCode = await PageAsync("/indicators?q=" + Uri.EscapeDataString("EC: ICT: ICT: 1C"));

        Assert.Contains("indicators match “broadband”", byText, StringComparison.Ordinal);
        Assert.Contains("href=\"indicators/ec-ict-ict-2c\"", byText, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"indicators/l4-1-1\"", byText, StringComparison.Ordinal);
        Assert.Contains("1 indicator matches “EC: ICT: ICT: 1C”", byCode, StringComparison.Ordinal);
        Assert.Contains("href=\"indicators/ec-ict-ict-1c\"", byCode, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_indicator_page_shows_its_definition_unit_calculation_sdgs_and_the_characteristics_it_evidences()
    {
        var indicator = Library.Find("EC: ICT: ICT: 1C")!;

        var html = await PageAsync("/indicators/ec-ict-ict-1c");

        Assert.Contains("EC: ICT: ICT: 1C", html, StringComparison.Ordinal);
        Assert.Contains(indicator.Definition, html, StringComparison.Ordinal);
        Assert.Contains("Percentage (0 to 100)", html, StringComparison.Ordinal);
        Assert.Contains("Higher is better", html, StringComparison.Ordinal);
        Assert.Contains("Core", html, StringComparison.Ordinal);
        Assert.Contains("households with internet access ÷ all households × 100", html, StringComparison.Ordinal);
        Assert.Contains("SDG 17.8", html, StringComparison.Ordinal);
        Assert.All(Library.LinksOf(indicator.Code), link =>
        {
            Assert.Contains($"href=\"catalogue/{link.CharacteristicCode}\"", html, StringComparison.Ordinal);
            Assert.Contains(link.Rationale, html, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Every_indicator_page_round_trips_from_its_url_form()
    {
        foreach (var indicator in Library.Indicators)
        {
            var html = await PageAsync($"/indicators/{indicator.Slug}");
            Assert.Contains($"{indicator.Code}</span> {indicator.Name}", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_code_as_published_finds_its_page_and_an_unknown_one_says_so()
    {
        var byCode = await PageAsync("/indicators/" + Uri.EscapeDataString("EC: ICT: ICT: 1C"));
        var unknown = await PageAsync("/indicators/l9-9-9");

        Assert.Contains("Household internet access", byCode, StringComparison.Ordinal);
        Assert.Contains("No indicator “l9-9-9”", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_characteristic_page_has_its_indicators_section()
    {
        foreach (var characteristic in Catalogue.Characteristics)
        {
            var html = await PageAsync($"/catalogue/{characteristic.Code}");

            Assert.Contains("Indicators that evidence this", html, StringComparison.Ordinal);
            Assert.All(Library.LinksFor(characteristic.Code), link =>
            {
                Assert.Contains($"href=\"indicators/{Library.Find(link.IndicatorCode)!.Slug}\"", html, StringComparison.Ordinal);
                Assert.Contains(link.Rationale, html, StringComparison.Ordinal);
            });
        }
    }

    [Fact]
    public async Task A_characteristic_without_indicators_says_why()
    {
        var html = await PageAsync("/catalogue/1.5.1");

        Assert.Contains("No indicator in the frameworks we ship measures 1.5.1 directly", html, StringComparison.Ordinal);
    }
}
