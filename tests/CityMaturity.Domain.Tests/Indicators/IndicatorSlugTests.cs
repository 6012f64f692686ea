using CityMaturity.Domain.Indicators;

namespace CityMaturity.Domain.Tests.Indicators;

public class IndicatorSlugTests
{
    [Theory]
    [InlineData("EC: ICT: ICT: 1C", "ec-ict-ict-1c")]
    [InlineData("L1.1.1", "l1-1-1")]
    [InlineData("ISO 37120: 5.1", "iso-37120-5-1")]
    [InlineData("  SC: HE: H: 3A ", "sc-he-h-3a")]
    [InlineData("CN-智慧-1.2", "cn-智慧-1-2")]
    public void A_code_becomes_lower_case_words_joined_by_single_hyphens(string code, string slug) =>
        Assert.Equal(slug, IndicatorSlug.Of(code));
}
