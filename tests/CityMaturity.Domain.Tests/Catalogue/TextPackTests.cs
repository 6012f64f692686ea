using System.Text.Json;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Tests.Catalogue;

/// <summary>Licensed official wording and translations are text packs keyed by the same codes.</summary>
public class TextPackTests
{
    private static readonly MaturityCatalogue Base = CatalogueLoader.LoadEmbedded();

    private static Dictionary<string, object> CompletePack(string language, Func<Characteristic, MaturityLevel, string> criterion) => new()
    {
        ["language"] = language,
        ["name"] = $"Test pack {language}",
        ["characteristics"] = Base.Characteristics.ToDictionary(
            c => c.Code,
            c => (object)new Dictionary<string, object>
            {
                ["title"] = $"[{language}] {c.Title}",
                ["levels"] = MaturityLevels.All.ToDictionary(l => l.Number().ToString(System.Globalization.CultureInfo.InvariantCulture), l => criterion(c, l)),
            }),
    };

    private static string Json(object pack) => JsonSerializer.Serialize(pack);

    [Fact]
    public void A_complete_pack_replaces_the_wording_and_keeps_the_structure()
    {
        var pack = CompletePack("en", (c, l) => $"Official text of {c.Code} level {l.Number()}");

        var licensed = CatalogueLoader.ApplyTextPack(Base, Json(pack), "official.json");

        Assert.Equal("Test pack en", licensed.TextSource);
        Assert.Equal("Official text of 2.3.1 level 3", licensed.GetCharacteristic("2.3.1").Criteria[MaturityLevel.Fulfilled]);
        Assert.Equal("[en] Digital inclusion", licensed.GetCharacteristic("2.3.1").Title);
        Assert.Equal(Base.Characteristics.Select(c => (c.Code, c.Class, c.SubDimensionCode)), licensed.Characteristics.Select(c => (c.Code, c.Class, c.SubDimensionCode)));
        Assert.Equal(Base.GetDimension("2").Title, licensed.GetDimension("2").Title);
    }

    [Fact]
    public void A_pack_naming_an_unknown_code_is_rejected_with_the_code()
    {
        var pack = CompletePack("en", (c, l) => "text");
        ((Dictionary<string, object>)pack["characteristics"])["2.3.3"] = new { levels = new Dictionary<string, string> { ["1"] = "x" } };

        var error = Assert.Throws<CatalogueException>(() => CatalogueLoader.ApplyTextPack(Base, Json(pack), "official.json"));

        Assert.Contains("the pack names characteristic '2.3.3', which does not exist in ISO/TS 37107", error.Faults);
        Assert.Contains("official.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pack_lacking_a_level_is_rejected_with_the_characteristic_and_level()
    {
        var pack = CompletePack("en", (c, l) => c.Code == "4.2" && l == MaturityLevel.Improving ? "" : "text");

        var error = Assert.Throws<CatalogueException>(() => CatalogueLoader.ApplyTextPack(Base, Json(pack), "official.json"));

        Assert.Equal(["characteristic 4.2 lacks the text of level 4 (Improving)"], error.Faults);
    }

    [Fact]
    public void A_pack_missing_a_characteristic_is_rejected()
    {
        var pack = CompletePack("en", (c, l) => "text");
        ((Dictionary<string, object>)pack["characteristics"]).Remove("1.5.3");

        var error = Assert.Throws<CatalogueException>(() => CatalogueLoader.ApplyTextPack(Base, Json(pack), "official.json"));

        Assert.Contains(error.Faults, f => f.StartsWith("characteristic 1.5.3 is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_language_needs_only_a_pack()
    {
        var chinese = CompletePack("zh-CN", (c, l) => $"{c.Code} 第{l.Number()}级");

        var library = CatalogueLibrary.Load([(Json(chinese), "catalogue.zh-CN.json")]);

        Assert.Equal("2.3.1 第3级", library.Get("zh-CN").GetCharacteristic("2.3.1").Criteria[MaturityLevel.Fulfilled]);
        Assert.Same(library.Get("zh-CN"), library.Get("zh"));
        Assert.Same(library.Default, library.Get("fr"));
        Assert.Equal(Base.GetCharacteristic("2.3.1").Criteria[MaturityLevel.Fulfilled], library.Get("en").GetCharacteristic("2.3.1").Criteria[MaturityLevel.Fulfilled]);
    }
}
