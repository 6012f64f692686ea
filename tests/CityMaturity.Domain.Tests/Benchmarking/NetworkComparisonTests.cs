using CityMaturity.Domain.Benchmarking;
using static CityMaturity.Domain.Tests.Benchmarking.BenchmarkPrivacyTests;

namespace CityMaturity.Domain.Tests.Benchmarking;

public sealed class NetworkComparisonTests
{
    private static readonly BenchmarkMetric Metric = new("1.1.1", BenchmarkLevel.Characteristic, "Test");

    [Fact]
    public void The_own_city_is_placed_among_the_others_and_the_dots_carry_no_order_of_cities()
    {
        var own = City("North", null, ComparisonMethod.SelfAssessed, ("1.1.1", 3m));
        var others = new[] { 5m, 1m, 4m, 2m }.Select(s => City("North", null, ComparisonMethod.SelfAssessed, ("1.1.1", s))).ToList();
        var family = FilterFamily.Build([.. others, own], 5);

        var comparison = NetworkComparison.Of(family, ComparisonFilter.All, own.OrganisationId, [Metric]);

        var now = comparison.Metrics[0].Now;
        Assert.True(comparison.OwnIncluded);
        Assert.Equal(5, comparison.Cities);
        Assert.Equal([1m, 2m, 3m, 4m, 5m], now.Distribution!.Values);
        Assert.Equal(3m, now.Own);
        Assert.Equal(3, now.Position!.Rank);
        Assert.Equal(50m, now.Position.Percentile);
        Assert.Equal(QuartileBand.UpperMiddle, now.Position.Band);
        Assert.Equal(1m, now.Position.GapToTopQuartile);
        // Nobody shared "in two years": no figures, and nothing withheld either.
        Assert.Null(comparison.Metrics[0].InTwoYears.Distribution);
        Assert.False(comparison.Metrics[0].InTwoYears.IsWithheld);
    }

    [Fact]
    public void A_viewer_without_a_snapshot_sees_the_figures_without_a_position()
    {
        var family = FilterFamily.Build([.. Enumerable.Range(1, 5).Select(s => City("North", null, ComparisonMethod.SelfAssessed, ("1.1.1", s)))], 3);

        var comparison = NetworkComparison.Of(family, ComparisonFilter.All, Guid.NewGuid(), [Metric]);

        Assert.False(comparison.OwnIncluded);
        Assert.Null(comparison.Metrics[0].Now.Position);
        Assert.Equal(3m, comparison.Metrics[0].Now.Distribution!.Median);
    }

    [Fact]
    public void A_filter_that_is_not_offered_cannot_be_compared()
    {
        var family = FilterFamily.Build([.. Enumerable.Range(1, 5).Select(s => City("North", null, ComparisonMethod.SelfAssessed, ("1.1.1", s)))], 3);

        Assert.Throws<InvalidOperationException>(() =>
            NetworkComparison.Of(family, new ComparisonFilter(new PeerGroup(PeerFacet.Region, "South"), null), null, [Metric]));
    }

    /// <summary>
    /// ADR 0055: the figures kept per network version are the same for every viewer and carry nobody's score or place; each
    /// viewer's own score and rank are added to them, against the other cities, whether or not the viewer is in the filter.
    /// </summary>
    [Fact]
    public void Shared_figures_carry_no_viewer_and_each_viewer_is_placed_on_them_against_the_others()
    {
        var north = new[] { 5m, 1m, 3m, 3m }.Select(s => City("North", null, ComparisonMethod.SelfAssessed, ("1.1.1", s))).ToList();
        var south = new[] { 2m, 4m, 4m }.Select(s => City("South", null, ComparisonMethod.SelfAssessed, ("1.1.1", s))).ToList();
        var family = FilterFamily.Build([.. north, .. south], 3);
        var filter = new ComparisonFilter(new PeerGroup(PeerFacet.Region, "North"), null);

        var shared = NetworkComparison.Shared(family, filter, [Metric]);
        var level = shared.ForViewer(family, north[2].OrganisationId).Metrics[0].Now;
        var outside = shared.ForViewer(family, south[0].OrganisationId);

        Assert.Null(shared.Metrics[0].Now.Own);
        Assert.Null(shared.Metrics[0].Now.Position);
        Assert.False(shared.OwnIncluded);
        Assert.Same(shared.Metrics[0].Now.Distribution, level.Distribution);
        // A 3 among 5, 1, 3 (its own 3 left out of the others): second, level with one, above one: 50th percentile.
        Assert.Equal((3m, 2, 4, 50m), (level.Own!.Value, level.Position!.Rank, level.Position.OutOf, level.Position.Percentile));
        // A 2 from the south against all four northern cities: 5, 3, 3 above, 1 below.
        Assert.False(outside.OwnIncluded);
        Assert.Equal((2m, 4, 5, 25m), (outside.Metrics[0].Now.Own!.Value, outside.Metrics[0].Now.Position!.Rank, outside.Metrics[0].Now.Position!.OutOf, outside.Metrics[0].Now.Position!.Percentile));
        Assert.Equal(NetworkComparison.Of(family, filter, south[0].OrganisationId, [Metric]).Metrics[0].Now.Position, outside.Metrics[0].Now.Position);
    }
}
