using CityMaturity.Domain.Benchmarking;

namespace CityMaturity.Domain.Tests.Benchmarking;

/// <summary>The hand-worked figures of docs/benchmarking.md, "Percentiles".</summary>
public sealed class DistributionTests
{
    [Fact]
    public void Five_scores_give_their_quartiles_exactly()
    {
        var distribution = Distribution.Of([5m, 1m, 4m, 2m, 3m]);

        Assert.Equal([1m, 2m, 3m, 4m, 5m], distribution.Values);
        Assert.Equal((1m, 2m, 3m, 4m, 5m), (distribution.Minimum, distribution.LowerQuartile, distribution.Median, distribution.UpperQuartile, distribution.Maximum));
    }

    [Fact]
    public void Quartiles_between_scores_are_interpolated_and_rounded_to_two_decimals()
    {
        var even = Distribution.Of([1m, 2m, 3m, 4m]);
        var thirds = Distribution.Of([1m, 2m, 2m, 3.5m, 4m, 5m, 5m]);

        Assert.Equal((1.75m, 2.5m, 3.25m), (even.LowerQuartile, even.Median, even.UpperQuartile));
        // h = 6 × 0.25 = 1.5 → between 2 and 2; h = 4.5 → between 4 and 5.
        Assert.Equal((2m, 3.5m, 4.5m), (thirds.LowerQuartile, thirds.Median, thirds.UpperQuartile));
    }

    [Fact]
    public void A_single_score_is_every_figure()
    {
        var distribution = Distribution.Of([3.25m]);

        Assert.Equal((3.25m, 3.25m, 3.25m, 3.25m), (distribution.Minimum, distribution.LowerQuartile, distribution.UpperQuartile, distribution.Maximum));
    }

    [Fact]
    public void No_scores_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Distribution.Of([]));
    }

    [Theory]
    [InlineData(4.5, QuartileBand.Top)]
    [InlineData(4.0, QuartileBand.Top)]
    [InlineData(3.99, QuartileBand.UpperMiddle)]
    [InlineData(3.0, QuartileBand.UpperMiddle)]
    [InlineData(2.0, QuartileBand.LowerMiddle)]
    [InlineData(1.99, QuartileBand.Bottom)]
    public void A_score_on_a_quartile_belongs_to_the_band_above(decimal score, QuartileBand expected)
    {
        var distribution = Distribution.Of([1m, 2m, 3m, 4m, 5m]);

        Assert.Equal(expected, distribution.BandOf(score));
    }

    [Fact]
    public void Position_counts_rank_from_the_top_and_level_scores_as_half()
    {
        var others = new[] { 1m, 2m, 3m, 4m, 5m };
        var distribution = Distribution.Of([.. others, 4m]);

        var position = distribution.PositionOf(4m, others);

        // One city above (5): rank 2 of 6. Three below, one level: (3 + 0.5) / 5 = 70 %.
        Assert.Equal(2, position.Rank);
        Assert.Equal(6, position.OutOf);
        Assert.Equal(70m, position.Percentile);
        Assert.Equal(QuartileBand.Top, position.Band);
        Assert.Equal(0m, position.GapToTopQuartile);
    }

    [Fact]
    public void Equal_scores_share_the_better_rank_and_the_gap_to_the_top_quartile_is_measured()
    {
        var others = new[] { 2m, 2m, 4m, 4m };
        var distribution = Distribution.Of([.. others, 2m]);

        var position = distribution.PositionOf(2m, others);

        Assert.Equal(3, position.Rank);
        Assert.Equal(25m, position.Percentile);
        Assert.Equal(distribution.UpperQuartile - 2m, position.GapToTopQuartile);
        Assert.Equal(4m, distribution.UpperQuartile);
    }
}
