using CityMaturity.Domain.Catalogue;
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
}
