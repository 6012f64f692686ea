using System.Text.Json;
using System.Text.Json.Nodes;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Indicators;

namespace CityMaturity.Domain.Tests.Indicators;

/// <summary>Every fault a framework, links or text pack can have is named, with its file, and nothing loads.</summary>
public class IndicatorLoaderTests
{
    private static readonly string[] Characteristics = [.. CatalogueLoader.LoadEmbedded().Characteristics.Select(c => c.Code)];

    /// <summary>A small valid framework pack; each test breaks one thing.</summary>
    private static JsonObject Framework() => JsonNode.Parse("""
        {
          "pack": "framework",
          "key": "test-national",
          "code": "TN 1",
          "name": "Test national smart-city indicators",
          "publisher": "Test ministry",
          "about": "A framework for tests.",
          "wording": "The ministry's own wording",
          "groups": [
            { "code": "A", "name": "Services", "kind": "dimension" },
            { "code": "A.1", "name": "Digital services", "parent": "A", "kind": "theme" }
          ],
          "indicators": [
            {
              "code": "TN-A.1.1", "name": "Online services", "definition": "Share of services offered online.",
              "group": "A.1", "unit": "%", "valueType": "percentage", "direction": "higherIsBetter", "tier": "core",
              "calculation": { "numerator": "services online", "denominator": "all services" },
              "sdgTargets": ["16.6"], "tags": ["smart"]
            },
            {
              "code": "TN-A.1.2", "name": "Open data portal", "definition": "Whether the city runs an open data portal.",
              "group": "A.1", "unit": "yes/no", "valueType": "yesNo", "direction": "higherIsBetter"
            }
          ],
          "links": [
            { "indicator": "TN-A.1.1", "characteristic": "2.1.2", "rationale": "Online services are a route to one-stop delivery." }
          ]
        }
        """)!.AsObject();

    private static IndicatorLibrary Load(params JsonNode[] packs) =>
        IndicatorLoader.LoadPacks(Characteristics, packs.Select((p, i) => (p.ToJsonString(), $"pack{i + 1}.json")));

    private static IReadOnlyList<string> Faults(params JsonNode[] packs) =>
        Assert.Throws<IndicatorFrameworkException>(() => Load(packs)).Faults;

    private static JsonObject FirstIndicator(JsonObject framework) => framework["indicators"]![0]!.AsObject();

    [Fact]
    public void A_valid_national_pack_loads_with_its_hierarchy_calculation_and_links()
    {
        var library = Load(Framework());

        var indicator = library.Find("tn-a.1.1")!;
        Assert.Equal("test-national", indicator.FrameworkKey);
        Assert.Equal(IndicatorValueType.Percentage, indicator.ValueType);
        Assert.Equal(IndicatorTier.Core, indicator.Tier);
        Assert.Equal(new IndicatorCalculation("services online", "all services", 100m), indicator.Calculation);
        Assert.Equal(["16.6"], indicator.SdgTargets);
        Assert.Equal(IndicatorValueType.YesNo, library.Find("TN-A.1.2")!.ValueType);
        Assert.Equal("The ministry's own wording", library.FindFramework("test-national")!.WordingSource);
        Assert.Equal("Online services are a route to one-stop delivery.", Assert.Single(library.LinksFor("2.1.2")).Rationale);
    }

    [Fact]
    public void A_national_pack_from_a_file_joins_the_shipped_frameworks()
    {
        var path = Path.Combine(Path.GetTempPath(), $"national-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Framework().ToJsonString());
        try
        {
            var library = IndicatorLibrary.Load(CatalogueLoader.LoadEmbedded(), [(File.ReadAllText(path), Path.GetFileName(path))]);

            Assert.NotNull(library.FindFramework("iso-iec-30146"));
            Assert.Equal("Online services", library.Find("TN-A.1.1")!.Name);
            Assert.Contains(library.LinksFor("2.1.2"), l => l.IndicatorCode == "TN-A.1.1");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_code_used_twice_in_one_framework_is_named()
    {
        var framework = Framework();
        framework["indicators"]![1]!["code"] = "TN-A.1.1";

        Assert.Contains("pack1.json: indicator code 'TN-A.1.1' is already used (by framework 'test-national'); codes are unique across all frameworks", Faults(framework));
    }

    [Fact]
    public void A_code_already_used_by_a_shipped_framework_is_named_even_in_another_case()
    {
        var framework = Framework();
        FirstIndicator(framework)["code"] = "l1.1.1";

        var faults = Assert.Throws<IndicatorFrameworkException>(() => IndicatorLibrary.Load(CatalogueLoader.LoadEmbedded(), [(framework.ToJsonString(), "national.json")])).Faults;

        Assert.Contains("national.json: indicator code 'l1.1.1' is already used (by framework 'iso-iec-30146'); codes are unique across all frameworks", faults);
    }

    [Fact]
    public void Two_codes_with_the_same_url_form_are_refused()
    {
        var framework = Framework();
        framework["indicators"]![1]!["code"] = "TN A 1 1";

        Assert.Contains("pack1.json: indicator code 'TN A 1 1' has the same URL form 'tn-a-1-1' as 'TN-A.1.1'", Faults(framework));
    }

    [Fact]
    public void An_unknown_group_and_an_unknown_parent_are_named()
    {
        var framework = Framework();
        FirstIndicator(framework)["group"] = "B.1";
        framework["groups"]![1]!["parent"] = "Z";

        var faults = Faults(framework);

        Assert.Contains("pack1.json: indicator 'TN-A.1.1' is in group 'B.1', which is not a group of this framework", faults);
        Assert.Contains("pack1.json: group 'A.1' has parent 'Z', which is not a group of this framework", faults);
    }

    [Fact]
    public void A_group_that_is_its_own_ancestor_is_refused()
    {
        var framework = Framework();
        framework["groups"]![0]!["parent"] = "A.1";

        Assert.Contains("pack1.json: group 'A' is its own ancestor", Faults(framework));
    }

    [Fact]
    public void A_bad_value_type_direction_or_tier_names_the_allowed_values()
    {
        var framework = Framework();
        FirstIndicator(framework)["valueType"] = "ratio";
        FirstIndicator(framework)["direction"] = "up";
        FirstIndicator(framework)["tier"] = "2";
        FirstIndicator(framework)["focus"] = "green";

        var faults = Faults(framework);

        Assert.Contains("pack1.json: indicator 'TN-A.1.1' valueType 'ratio' is not one of percentage, count, quantity, number, yesNo", faults);
        Assert.Contains("pack1.json: indicator 'TN-A.1.1' direction 'up' is not one of higherIsBetter, lowerIsBetter, neither", faults);
        Assert.Contains("pack1.json: indicator 'TN-A.1.1' tier '2' is not one of core, advanced, supporting, profile", faults);
        Assert.Contains("pack1.json: indicator 'TN-A.1.1' focus 'green' is not one of smart, sustainable, structural", faults);
    }

    [Fact]
    public void A_focus_and_sdg_indicators_as_well_as_targets_load()
    {
        var framework = Framework();
        FirstIndicator(framework)["focus"] = "Sustainable";
        FirstIndicator(framework)["sdgTargets"] = new JsonArray("6.1.1", "11.a", "6.a.1", "16");

        var indicator = Load(framework).Find("TN-A.1.1")!;

        Assert.Equal(IndicatorFocus.Sustainable, indicator.Focus);
        Assert.Equal(["6.1.1", "11.a", "6.a.1", "16"], indicator.SdgTargets);
    }

    [Fact]
    public void A_missing_unit_and_a_percentage_in_other_units_are_named()
    {
        var framework = Framework();
        FirstIndicator(framework).Remove("unit");
        framework["indicators"]![1]!["valueType"] = "percentage";
        framework["indicators"]![1]!["unit"] = "per cent";

        var faults = Faults(framework);

        Assert.Contains("pack1.json: indicator 'TN-A.1.1' unit is missing", faults);
        Assert.Contains("pack1.json: indicator 'TN-A.1.2' is a percentage, so its unit must be '%', not 'per cent'", faults);
    }

    [Fact]
    public void A_calculation_needs_a_numerator_a_denominator_and_a_sensible_multiplier()
    {
        var framework = Framework();
        FirstIndicator(framework)["calculation"] = new JsonObject { ["numerator"] = "services online", ["multiplier"] = 1000 };
        framework["indicators"]![1]!["calculation"] = new JsonObject { ["numerator"] = "a", ["denominator"] = "b" };

        var faults = Faults(framework);

        Assert.Contains("pack1.json: indicator 'TN-A.1.1' calculation denominator is missing", faults);
        Assert.Contains("pack1.json: indicator 'TN-A.1.1' is a percentage, so its calculation multiplier must be 100, not 1000", faults);
        Assert.Contains("pack1.json: indicator 'TN-A.1.2' is a yes/no indicator and cannot have a calculation", faults);
    }

    [Fact]
    public void A_malformed_sdg_target_is_named()
    {
        var framework = Framework();
        FirstIndicator(framework)["sdgTargets"] = new JsonArray("SDG 11");

        Assert.Contains("pack1.json: indicator 'TN-A.1.1' has SDG reference 'SDG 11', which is not a goal, target or indicator of the form 11, 11.2, 11.a or 11.6.2", Faults(framework));
    }

    [Fact]
    public void Missing_texts_are_each_named()
    {
        var framework = Framework();
        FirstIndicator(framework).Remove("definition");
        framework.Remove("publisher");

        var faults = Faults(framework);

        Assert.Contains("pack1.json: indicator 'TN-A.1.1' definition is missing", faults);
        Assert.Contains("pack1.json: publisher is missing", faults);
    }

    [Fact]
    public void A_framework_key_that_cannot_be_part_of_a_url_is_refused_and_so_is_a_second_use()
    {
        var framework = Framework();
        framework["key"] = "Test National";
        var second = Framework();
        second["key"] = "iso-iec-30146";
        foreach (var (indicator, n) in second["indicators"]!.AsArray().Select((i, n) => (i!, n)))
        {
            indicator["code"] = $"X-{n}";
        }

        second.Remove("links");

        var faults = Assert.Throws<IndicatorFrameworkException>(() => IndicatorLibrary.Load(CatalogueLoader.LoadEmbedded(), [(framework.ToJsonString(), "a.json"), (second.ToJsonString(), "b.json")])).Faults;

        Assert.Contains("a.json: key 'Test National' must be lower-case letters and digits joined by single hyphens (it is part of a URL)", faults);
        Assert.Contains("b.json: framework key 'iso-iec-30146' is already used by another pack", faults);
    }

    [Fact]
    public void A_link_to_an_unknown_indicator_or_characteristic_or_without_rationale_is_named()
    {
        var links = JsonNode.Parse("""
            { "pack": "links", "links": [
              { "indicator": "TN-A.9.9", "characteristic": "2.1.2", "rationale": "r" },
              { "indicator": "TN-A.1.1", "characteristic": "2.3.3", "rationale": "r" },
              { "indicator": "TN-A.1.2", "characteristic": "2.2.1" },
              { "indicator": "tn-a.1.1", "characteristic": "2.1.2", "rationale": "again, in another case" }
            ] }
            """)!;

        var faults = Faults(Framework(), links);

        Assert.Contains("pack2.json: link TN-A.9.9 → 2.1.2 names indicator 'TN-A.9.9', which no framework has", faults);
        Assert.Contains("pack2.json: link TN-A.1.1 → 2.3.3 names characteristic '2.3.3', which is not in the maturity catalogue", faults);
        Assert.Contains("pack2.json: link TN-A.1.2 → 2.2.1 rationale is missing", faults);
        Assert.Contains("pack2.json: link tn-a.1.1 → 2.1.2 is given more than once", faults);
    }

    [Fact]
    public void Faults_of_several_files_are_reported_together()
    {
        var broken = Framework();
        FirstIndicator(broken)["valueType"] = "ratio";
        var notJson = JsonValue.Create("just a string")!;

        var faults = Faults(broken, notJson, JsonNode.Parse("""{ "pack": "chart" }""")!);

        Assert.Contains(faults, f => f.StartsWith("pack1.json: indicator 'TN-A.1.1' valueType", StringComparison.Ordinal));
        Assert.Contains("pack2.json: the file is not a JSON object with a \"pack\" member (\"framework\", \"links\" or \"text\")", faults);
        Assert.Contains("pack3.json: \"pack\" is 'chart'; expected \"framework\", \"links\" or \"text\"", faults);
    }

    [Fact]
    public void Invalid_json_and_unknown_members_are_named()
    {
        var framework = Framework();
        FirstIndicator(framework)["colour"] = "blue";

        var faults = Assert.Throws<IndicatorFrameworkException>(() => IndicatorLoader.LoadPacks(Characteristics, [("{ not json", "broken.json"), (framework.ToJsonString(), "extra.json")])).Faults;

        Assert.Contains(faults, f => f.StartsWith("broken.json: it is not valid JSON", StringComparison.Ordinal));
        Assert.Contains(faults, f => f.StartsWith("extra.json: it does not have the pack's shape", StringComparison.Ordinal) && f.Contains("colour", StringComparison.Ordinal));
    }

    [Fact]
    public void The_exception_message_lists_every_fault_for_the_operator()
    {
        var framework = Framework();
        FirstIndicator(framework).Remove("unit");
        FirstIndicator(framework)["group"] = "Q";

        var error = Assert.Throws<IndicatorFrameworkException>(() => Load(framework));

        Assert.Contains("pack1.json: indicator 'TN-A.1.1' unit is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("pack1.json: indicator 'TN-A.1.1' is in group 'Q'", error.Message, StringComparison.Ordinal);
    }
}
