using CityMaturity.Domain.Benchmarking;

namespace CityMaturity.Domain.Tests.Benchmarking;

/// <summary>"Learn from" (ADR 0051): a peer two or more levels ahead of the viewer's own score now.</summary>
public sealed class LearnFromRuleTests
{
    [Theory]
    [InlineData(3, 5, true)]
    [InlineData(3, 4.99, false)]
    [InlineData(2.5, 4.5, true)]
    [InlineData(2.5, 4, false)]
    [InlineData(1, 3, true)]
    [InlineData(1, 5, true)]
    [InlineData(4, 5, false)]
    public void A_peer_is_ahead_from_two_levels_above_the_own_score(double own, double peer, bool ahead)
    {
        Assert.Equal(ahead, LearnFromRule.IsAhead((decimal)own, (decimal)peer));
    }

    [Fact]
    public void Without_an_own_score_or_a_peer_score_no_one_is_ahead()
    {
        Assert.False(LearnFromRule.IsAhead(null, 5m));
        Assert.False(LearnFromRule.IsAhead(1m, null));
        Assert.Null(LearnFromRule.AheadFrom(null));
        Assert.False(LearnFromRule.AnyoneCanBeAhead(null));
    }

    [Fact]
    public void Above_level_three_no_score_of_the_scale_can_be_two_levels_ahead()
    {
        Assert.Equal(5m, LearnFromRule.AheadFrom(3m));
        Assert.True(LearnFromRule.AnyoneCanBeAhead(3m));
        Assert.Equal(5.5m, LearnFromRule.AheadFrom(3.5m));
        Assert.False(LearnFromRule.AnyoneCanBeAhead(3.5m));
    }

    /// <summary>
    /// Not the top quartile (ADR 0042's rule, which 0051 replaces): with scores 1, 2, 2, 3, 3, 4, 5 Q3 is 3.5, yet a city at 1
    /// learns from the one at 3 (below Q3), and a city at 3 does not learn from the one at 4 (in the top quartile).
    /// </summary>
    [Fact]
    public void The_rule_is_relative_to_the_own_score_not_the_network_s_top_quartile()
    {
        var network = Distribution.Of([1m, 2m, 2m, 3m, 3m, 4m, 5m]);

        Assert.Equal(3.5m, network.UpperQuartile);
        Assert.True(LearnFromRule.IsAhead(1m, 3m));
        Assert.NotEqual(QuartileBand.Top, network.BandOf(3m));
        Assert.False(LearnFromRule.IsAhead(3m, 4m));
        Assert.Equal(QuartileBand.Top, network.BandOf(4m));
    }
}
