using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Indicators;
using CityMaturity.Testing;

namespace CityMaturity.Integration.Tests;

[Collection(DatabaseCollection.Name)]
public class StartupFailureTests(DatabaseFixture database)
{
    [Fact]
    public async Task A_broken_text_pack_stops_start_up_and_names_the_fault()
    {
        var pack = Path.Combine(Path.GetTempPath(), $"bad-pack-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(pack, """{ "language": "en", "name": "Broken", "characteristics": { "9.9": { "levels": { "1": "x" } } } }""");
        try
        {
            await using var factory = new CityMaturityFactory(
                await database.Server.CreateMigratedDatabaseAsync(),
                new Dictionary<string, string?> { ["Catalogue:TextPacks:0"] = pack });

            var error = Assert.Throws<CatalogueException>(() => factory.CreateClient());

            Assert.Contains("the pack names characteristic '9.9', which does not exist in ISO/TS 37107", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pack);
        }
    }

    [Fact]
    public async Task A_valid_licensed_pack_replaces_the_wording_on_the_pages()
    {
        var catalogue = CatalogueLoader.LoadEmbedded();
        var pack = Path.Combine(Path.GetTempPath(), $"licensed-pack-{Guid.NewGuid():N}.json");
        var characteristics = catalogue.Characteristics.ToDictionary(
            c => c.Code,
            c => new { levels = MaturityLevels.All.ToDictionary(l => l.Number().ToString(System.Globalization.CultureInfo.InvariantCulture), l => $"Licensed criterion {c.Code}/{l.Number()}") });
        await File.WriteAllTextAsync(pack, System.Text.Json.JsonSerializer.Serialize(new { language = "en", name = "Official ISO wording (test licence)", characteristics }));
        try
        {
            await using var factory = new CityMaturityFactory(
                await database.Server.CreateMigratedDatabaseAsync(),
                new Dictionary<string, string?> { ["Catalogue:TextPacks:0"] = pack });

            var html = await factory.CreateClient().GetStringAsync("/catalogue/1.3.2");

            Assert.Contains("Licensed criterion 1.3.2/4", html, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pack);
        }
    }

    [Fact]
    public async Task A_broken_indicator_pack_or_a_missing_pack_file_stops_start_up_and_names_each_fault()
    {
        var pack = Path.Combine(Path.GetTempPath(), $"bad-indicators-{Guid.NewGuid():N}.json");
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(pack, """{ "pack": "links", "links": [ { "indicator": "L1.1.1", "characteristic": "9.9", "rationale": "r" } ] }""");
        try
        {
            await using var broken = new CityMaturityFactory(
                await database.Server.CreateMigratedDatabaseAsync(),
                new Dictionary<string, string?> { ["Indicators:Packs:0"] = pack });
            await using var absent = new CityMaturityFactory(
                await database.Server.CreateMigratedDatabaseAsync(),
                new Dictionary<string, string?> { ["Indicators:Packs:0"] = missing });

            var brokenError = Assert.Throws<IndicatorFrameworkException>(() => broken.CreateClient());
            var absentError = Assert.Throws<IndicatorFrameworkException>(() => absent.CreateClient());

            Assert.Contains($"{Path.GetFileName(pack)}: link L1.1.1 → 9.9 names characteristic '9.9', which is not in the maturity catalogue", brokenError.Message, StringComparison.Ordinal);
            Assert.Contains($"{missing}: the configured indicator pack file does not exist", absentError.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pack);
        }
    }

    [Fact]
    public async Task A_national_framework_pack_appears_on_the_pages()
    {
        var pack = Path.Combine(Path.GetTempPath(), $"national-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(pack, """
            {
              "pack": "framework", "key": "testland", "code": "TL 2026", "name": "Testland smart city evaluation indicators",
              "publisher": "Testland ministry", "about": "A national framework.", "wording": "The ministry's wording",
              "groups": [ { "code": "A", "name": "Services", "kind": "dimension" } ],
              "indicators": [ { "code": "TL-A1", "name": "Services online end to end", "definition": "Share of services online.",
                                "group": "A", "unit": "%", "valueType": "percentage", "direction": "higherIsBetter" } ],
              "links": [ { "indicator": "TL-A1", "characteristic": "2.1.2", "rationale": "Testland's reason for the link." } ]
            }
            """);
        try
        {
            await using var factory = new CityMaturityFactory(
                await database.Server.CreateMigratedDatabaseAsync(),
                new Dictionary<string, string?> { ["Indicators:Packs:0"] = pack });
            var client = factory.CreateClient();

            var index = await client.GetStringAsync("/indicators?framework=testland");
            var characteristic = await client.GetStringAsync("/catalogue/2.1.2");

            Assert.Contains("href=\"indicators/tl-a1\"", index, StringComparison.Ordinal);
            Assert.Contains("Testland's reason for the link.", System.Net.WebUtility.HtmlDecode(characteristic), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pack);
        }
    }
}
