using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Indicators;

namespace CityMaturity.Domain.Tests.Indicators;

public class IndicatorSearchTests
{
    private static readonly IndicatorLibrary Library = IndicatorLoader.LoadEmbedded(CatalogueLoader.LoadEmbedded());

    [Fact]
    public void Every_word_must_match_code_name_definition_or_unit()
    {
        var hits = IndicatorSearch.Find(Library, "broadband households");

        Assert.Contains(hits, i => i.Code == "EC: ICT: ICT: 2C");
        Assert.Contains(hits, i => i.Code == "L4.1.1");
        Assert.All(hits, i => Assert.Contains("broadband", i.Name + i.Definition, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_code_is_found_as_written_and_in_its_url_form()
    {
        Assert.Equal("EC: ICT: ICT: 1C", Assert.Single(IndicatorSearch.Find(Library, "EC: ICT: ICT: 1C")).Code);
        Assert.Equal("EC: ICT: ICT: 1C", Assert.Single(IndicatorSearch.Find(Library, "ec-ict-ict-1c")).Code);
    }

    [Fact]
    public void The_framework_filter_narrows_and_an_unknown_framework_finds_nothing()
    {
        Assert.Equal(52, IndicatorSearch.Find(Library, null, "iso-iec-30146").Count);
        Assert.All(IndicatorSearch.Find(Library, "unemployment", "u4ssc-kpi"), i => Assert.Equal("u4ssc-kpi", i.FrameworkKey));
        Assert.Empty(IndicatorSearch.Find(Library, null, "no-such-framework"));
        Assert.Equal(Library.Indicators.Count(), IndicatorSearch.Find(Library, "  ").Count);
    }
}
