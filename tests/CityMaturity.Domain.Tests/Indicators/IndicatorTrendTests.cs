using CityMaturity.Domain.Indicators;

namespace CityMaturity.Domain.Tests.Indicators;

/// <summary>The trend beside an indicator's latest value: judged by the indicator's direction, said in words.</summary>
public class IndicatorTrendTests
{
    [Theory]
    [InlineData(IndicatorDirection.HigherIsBetter, 45.5, 41, IndicatorTrendKind.Better, "up from 41 in 2023: better")]
    [InlineData(IndicatorDirection.HigherIsBetter, 38, 41, IndicatorTrendKind.Worse, "down from 41 in 2023: worse")]
    [InlineData(IndicatorDirection.LowerIsBetter, 38, 41.25, IndicatorTrendKind.Better, "down from 41.25 in 2023: better")]
    [InlineData(IndicatorDirection.LowerIsBetter, 45.5, 41, IndicatorTrendKind.Worse, "up from 41 in 2023: worse")]
    [InlineData(IndicatorDirection.Neither, 45.5, 41, IndicatorTrendKind.Up, "up from 41 in 2023")]
    [InlineData(IndicatorDirection.Neither, 38, 41, IndicatorTrendKind.Down, "down from 41 in 2023")]
    [InlineData(IndicatorDirection.HigherIsBetter, 41, 41, IndicatorTrendKind.Unchanged, "unchanged since 2023")]
    [InlineData(IndicatorDirection.LowerIsBetter, 41, 41, IndicatorTrendKind.Unchanged, "unchanged since 2023")]
    [InlineData(IndicatorDirection.Neither, 41, 41, IndicatorTrendKind.Unchanged, "unchanged since 2023")]
    public void The_change_against_the_year_before_is_judged_by_the_indicators_direction(
        IndicatorDirection direction, double latest, double previous, IndicatorTrendKind kind, string text)
    {
        var trend = IndicatorTrend.Of(direction, (decimal)latest, 2023, (decimal)previous);

        Assert.NotNull(trend);
        Assert.Equal(kind, trend.Kind);
        Assert.Equal(text, trend.Text);
        Assert.Equal(kind.ToString().ToLowerInvariant(), trend.Key);
    }

    [Fact]
    public void Without_an_earlier_year_with_a_value_there_is_no_trend()
    {
        Assert.Null(IndicatorTrend.Of(IndicatorDirection.HigherIsBetter, 41, null, null));
        Assert.Null(IndicatorTrend.Of(IndicatorDirection.HigherIsBetter, 41, 2023, null));
    }

    [Fact]
    public void A_judged_trend_always_says_which_way_the_value_moved_so_it_never_rests_on_colour_alone()
    {
        foreach (var direction in Enum.GetValues<IndicatorDirection>())
        {
            foreach (var (latest, previous) in new[] { (2m, 1m), (1m, 2m), (1m, 1m) })
            {
                var text = IndicatorTrend.Of(direction, latest, 2020, previous)!.Text;
                Assert.Matches("^(up from 1 in 2020|down from 2 in 2020|unchanged since 2020)", text);
            }
        }
    }
}
