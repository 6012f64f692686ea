using System.Text.Json.Nodes;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Indicators;

namespace CityMaturity.Domain.Tests.Indicators;

/// <summary>A licensed organisation overlays the official wording by code; structure and numbers stay ours.</summary>
public class IndicatorTextPackTests
{
    private static readonly MaturityCatalogue Catalogue = CatalogueLoader.LoadEmbedded();

    private static IndicatorLibrary LoadWith(string json) => IndicatorLibrary.Load(Catalogue, [(json, "official.json")]);

    [Fact]
    public void A_text_pack_replaces_names_definitions_and_group_names_by_code_and_keeps_the_rest()
    {
        var shipped = IndicatorLoader.LoadEmbedded(Catalogue).Find("L1.1.1")!;
        var pack = """
            {
              "pack": "text",
              "name": "Official ISO/IEC 30146 text, licensed to the City of Test",
              "frameworks": { "iso-iec-30146": { "name": "Official title", "groups": { "L1.1": "Official group name" } } },
              "indicators": { "L1.1.1": { "name": "Official name", "definition": "Official definition" } }
            }
            """;

        var library = LoadWith(pack);

        var indicator = library.Find("L1.1.1")!;
        var framework = library.FindFramework("iso-iec-30146")!;
        Assert.Equal("Official name", indicator.Name);
        Assert.Equal("Official definition", indicator.Definition);
        Assert.Equal((shipped.Unit, shipped.ValueType, shipped.Calculation, shipped.GroupCode), (indicator.Unit, indicator.ValueType, indicator.Calculation, indicator.GroupCode));
        Assert.Equal("Official title", framework.Name);
        Assert.Equal("Official group name", framework.FindGroup("L1.1")!.Name);
        Assert.Equal("Official ISO/IEC 30146 text, licensed to the City of Test", framework.WordingSource);
        Assert.NotEqual(framework.WordingSource, library.FindFramework("u4ssc-kpi")!.WordingSource);
        Assert.Equal(IndicatorLoader.LoadEmbedded(Catalogue).LinksOf("L1.1.1"), library.LinksOf("L1.1.1"));
    }

    [Fact]
    public void A_text_pack_naming_unknown_codes_is_refused_with_each_code()
    {
        var pack = """
            {
              "pack": "text",
              "name": "Official text",
              "frameworks": { "iso-9999": { "name": "x" }, "iso-iec-30146": { "groups": { "L9.9": "x" } } },
              "indicators": { "L7.1.1": { "name": "x" }, "L1.1.2": { } }
            }
            """;

        var faults = Assert.Throws<IndicatorFrameworkException>(() => LoadWith(pack)).Faults;

        Assert.Contains("official.json: the pack names framework 'iso-9999', which is not loaded", faults);
        Assert.Contains("official.json: the pack names group 'L9.9' of framework 'iso-iec-30146', which does not exist", faults);
        Assert.Contains("official.json: the pack names indicator 'L7.1.1', which no framework has", faults);
        Assert.Contains("official.json: the pack's entry for indicator 'L1.1.2' gives no text", faults);
    }

    [Fact]
    public void A_text_pack_without_a_name_is_refused()
    {
        var pack = new JsonObject { ["pack"] = "text", ["indicators"] = new JsonObject { ["L1.1.1"] = new JsonObject { ["name"] = "x" } } };

        var faults = Assert.Throws<IndicatorFrameworkException>(() => LoadWith(pack.ToJsonString())).Faults;

        Assert.Equal(["official.json: name is missing"], faults);
    }
}
