using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Indicators;

namespace CityMaturity.Domain.Tests.Indicators;

/// <summary>The frameworks and links we ship load, and hold what docs/evidence.md says they hold.</summary>
public class EmbeddedIndicatorTests
{
    private static readonly MaturityCatalogue Catalogue = CatalogueLoader.LoadEmbedded();
    private static readonly IndicatorLibrary Library = IndicatorLoader.LoadEmbedded(Catalogue);

    [Fact]
    public void Iso_iec_30146_has_the_52_third_level_indicators_of_the_source_from_L1_1_1_to_L6_1_1()
    {
        var framework = Library.FindFramework("iso-iec-30146")!;

        Assert.Equal(52, framework.Indicators.Count);
        Assert.Equal("L1.1.1", framework.Indicators[0].Code);
        Assert.Equal("L6.1.1", framework.Indicators[^1].Code);
        Assert.Equal(8, framework.Indicators.Count(i => i.Code.StartsWith("L4.3.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Iso_iec_30146_names_the_parts_the_source_lacked_instead_of_inventing_them()
    {
        var framework = Library.FindFramework("iso-iec-30146")!;

        Assert.Contains(framework.IncompleteParts, p => p.StartsWith("7.6.1", StringComparison.Ordinal));
        Assert.Contains(framework.IncompleteParts, p => p.StartsWith("7.6.2", StringComparison.Ordinal));
        Assert.DoesNotContain(framework.Indicators, i => i.GroupCode == "L6.2");
    }

    [Fact]
    public void The_city_model_indicators_keep_the_standards_L4_3_codes_under_clause_7_4_2()
    {
        var framework = Library.FindFramework("iso-iec-30146")!;
        var cityModel = Library.Find("L4.3.2")!;

        Assert.Equal("L4.2", cityModel.GroupCode);
        Assert.Equal(["capability", "L4", "L4.2"], framework.PathTo(cityModel.GroupCode).Select(g => g.Code));
        Assert.Contains("L4.3.x", cityModel.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_indicator_is_found_by_its_code_in_any_case_and_by_its_url_form()
    {
        foreach (var indicator in Library.Indicators)
        {
            Assert.Same(indicator, Library.Find(indicator.Code.ToLowerInvariant()));
            Assert.Same(indicator, Library.FindBySlug(indicator.Slug));
        }
    }
}
