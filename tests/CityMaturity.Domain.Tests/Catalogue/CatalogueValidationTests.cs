using System.Reflection;
using System.Text.Json.Nodes;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Tests.Catalogue;

/// <summary>A broken catalogue must fail loudly and say what is wrong, so a bad edit can never reach users.</summary>
public class CatalogueValidationTests
{
    private static JsonObject EmbeddedJson()
    {
        using var stream = typeof(MaturityCatalogue).Assembly.GetManifestResourceStream("CityMaturity.Domain.Catalogue.catalogue.en.json")!;
        return JsonNode.Parse(stream)!.AsObject();
    }

    private static JsonObject Characteristic(JsonObject catalogue, string code) =>
        catalogue["dimensions"]!.AsArray()
            .SelectMany(d => d!["subDimensions"]!.AsArray())
            .SelectMany(s => s!["characteristics"]!.AsArray())
            .Single(c => (string?)c!["code"] == code)!.AsObject();

    private static CatalogueException LoadFails(JsonObject catalogue) =>
        Assert.Throws<CatalogueException>(() => CatalogueLoader.Parse(catalogue.ToJsonString(), "test.json"));

    [Fact]
    public void The_unmodified_catalogue_loads() => Assert.Equal(32, CatalogueLoader.Parse(EmbeddedJson().ToJsonString(), "test.json").Characteristics.Count);

    [Fact]
    public void A_missing_level_text_is_named()
    {
        var catalogue = EmbeddedJson();
        Characteristic(catalogue, "2.3.1")["levels"]!.AsObject().Remove("4");

        var error = LoadFails(catalogue);

        Assert.Contains("characteristic 2.3.1 lacks the text of level 4 (Improving)", error.Faults);
    }

    [Fact]
    public void A_blank_level_text_is_named()
    {
        var catalogue = EmbeddedJson();
        Characteristic(catalogue, "1.1.1")["levels"]!["5"] = "   ";

        Assert.Contains("characteristic 1.1.1 lacks the text of level 5 (Sustainably optimising)", LoadFails(catalogue).Faults);
    }

    [Fact]
    public void A_duplicate_code_and_the_wrong_count_are_named()
    {
        var catalogue = EmbeddedJson();
        Characteristic(catalogue, "1.1.2")["code"] = "1.1.1";

        var faults = LoadFails(catalogue).Faults;

        Assert.Contains("characteristic code '1.1.1' appears 2 times", faults);
    }

    [Fact]
    public void A_removed_characteristic_breaks_the_count()
    {
        var catalogue = EmbeddedJson();
        var subDimension = catalogue["dimensions"]![0]!["subDimensions"]![0]!["characteristics"]!.AsArray();
        subDimension.RemoveAt(1);

        Assert.Contains("expected 32 characteristics, found 31", LoadFails(catalogue).Faults);
    }

    [Fact]
    public void A_document_that_refers_to_an_unknown_sub_dimension_is_named()
    {
        var catalogue = EmbeddedJson();
        catalogue["documents"]![0]!["subDimensions"]!.AsArray().Add("9.9");

        var error = LoadFails(catalogue);

        Assert.Contains(error.Faults, f => f.Contains("refers to sub-dimension '9.9', which does not exist", StringComparison.Ordinal));
        Assert.Contains("9.9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_class_is_named()
    {
        var catalogue = EmbeddedJson();
        Characteristic(catalogue, "3.1.1")["class"] = "d";

        Assert.Contains("characteristic 3.1.1 has class 'd', which is not one of a, b, c", LoadFails(catalogue).Faults);
    }

    [Fact]
    public void Functions_for_something_that_is_not_a_purpose_are_named()
    {
        var catalogue = EmbeddedJson();
        catalogue["localGovernmentFunctions"]!["2.1.1"] = new JsonArray("Waste collection");

        Assert.Contains(LoadFails(catalogue).Faults, f => f.StartsWith("local-government functions are given for '2.1.1'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_field_is_rejected_rather_than_ignored()
    {
        var catalogue = EmbeddedJson();
        Characteristic(catalogue, "1.1.1")["titel"] = "typo";

        Assert.Contains("titel", LoadFails(catalogue).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_reported_as_such()
    {
        var error = Assert.Throws<CatalogueException>(() => CatalogueLoader.Parse("{ \"dimensions\": [", "broken.json"));
        Assert.Contains("broken.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid catalogue JSON", error.Message, StringComparison.Ordinal);
    }
}
