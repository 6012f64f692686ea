using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Reporting;

namespace CityMaturity.Reports.Tests;

public class ReportFormatTests
{
    private readonly ReportFormat _format = new(ReportLabels.English);

    [Theory]
    [InlineData(2.65, "2.7")]
    [InlineData(2.64, "2.6")]
    [InlineData(3, "3.0")]
    [InlineData(4.95, "5.0")]
    public void Scores_have_one_decimal_rounded_half_away_from_zero(decimal value, string expected) =>
        Assert.Equal(expected, _format.Score(value));

    [Fact]
    public void Missing_values_are_a_dash()
    {
        Assert.Equal("–", _format.Score(null));
        Assert.Equal("–", _format.Change(null));
        Assert.Equal("–", _format.Level(null));
        Assert.Equal("–", _format.Percent(null));
    }

    [Fact]
    public void Changes_carry_their_sign_and_rates_are_percentages()
    {
        Assert.Equal("+0.5", _format.Change(0.5m));
        Assert.Equal("\u22120.5", _format.Change(-0.5m));
        Assert.Equal("0.0", _format.Change(0.01m));
        Assert.Equal("79%", _format.Percent(0.789m));
        Assert.Equal("4", _format.Level(MaturityLevel.Improving));
        Assert.Equal("14 March 2026", _format.Date(new DateOnly(2026, 3, 14)));
    }

    [Fact]
    public void The_culture_of_the_labels_decides_dates_and_decimals()
    {
        var german = new ReportFormat(ReportLabels.English with { Culture = "de-DE", DateFormat = "d. MMMM yyyy" });
        Assert.Equal("2,7", german.Score(2.65m));
        Assert.Equal("14. März 2026", german.Date(new DateOnly(2026, 3, 14)));
    }
}
