using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Benchmarking;

namespace CityMaturity.Domain.Tests.Benchmarking;

/// <summary>The k threshold and the differencing guard of ADR 0030.</summary>
public sealed class BenchmarkPrivacyTests
{
    internal static BenchmarkCity City(string region = "", string[]? tags = null, ComparisonMethod method = ComparisonMethod.SelfAssessed, params (string Code, decimal? Now)[] scores) =>
        new(Guid.NewGuid(),
            new CityProfile { Region = region, Tags = [.. tags ?? []] },
            method,
            scores.ToDictionary(s => BenchmarkMetric.KeyOf(BenchmarkLevel.Characteristic, s.Code), s => new SharedScore(s.Now, null)));

    private static List<BenchmarkCity> Cities(int count, string region, string[]? tags = null, ComparisonMethod method = ComparisonMethod.SelfAssessed, decimal? score = 2m) =>
        [.. Enumerable.Range(0, count).Select(_ => City(region, tags, method, ("1.1.1", score)))];

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    [InlineData(51)]
    public void A_threshold_below_three_or_absurdly_high_is_refused(int k)
    {
        Assert.False(BenchmarkPrivacy.IsValidK(k));
        Assert.Throws<ArgumentOutOfRangeException>(() => FilterFamily.Build(Cities(10, "North"), k));
    }

    [Fact]
    public void A_network_of_fewer_than_k_cities_offers_nothing()
    {
        var family = FilterFamily.Build(Cities(4, "North"), 5);

        Assert.Empty(family.Offered);
        Assert.Throws<InvalidOperationException>(() => family.Members(ComparisonFilter.All));
    }

    [Fact]
    public void A_peer_group_of_fewer_than_k_cities_is_not_offered()
    {
        var family = FilterFamily.Build([.. Cities(6, "North"), .. Cities(4, "South")], 5);

        Assert.Contains(ComparisonFilter.All, family.Offered);
        Assert.DoesNotContain(family.Offered, f => f.Peer?.Value == "South");
        // North has six, but offering it would leave South's four as a set of their own (All minus North): withheld.
        Assert.Contains(family.Withheld, f => f.Peer?.Value == "North" && f.Method is null);
    }

    /// <summary>
    /// The attack the issue names: two filters, each of at least k cities, whose sets differ by one city. Comparing the
    /// two strips of dots would give that city's score. The k rule alone lets both through; the guard withholds the second.
    /// </summary>
    [Fact]
    public void Two_filters_whose_difference_is_one_city_are_never_both_offered()
    {
        var north = Cities(6, "North", ["port"]);
        var target = City("South", ["port"], ComparisonMethod.SelfAssessed, ("1.1.1", 5m));
        var rest = Cities(5, "South");
        var family = FilterFamily.Build([.. north, target, .. rest], 5);
        var northFilter = new ComparisonFilter(new PeerGroup(PeerFacet.Region, "North"), null);
        var portFilter = new ComparisonFilter(new PeerGroup(PeerFacet.Tag, "port"), null);

        Assert.True(family.Offers(northFilter));
        Assert.Equal(7, family.Cities.Count(portFilter.Matches));
        Assert.False(family.Offers(portFilter));
        Assert.Contains(portFilter, family.Withheld);
    }

    [Fact]
    public void The_same_attack_through_the_method_filter_is_withheld_too()
    {
        // Everyone self-assessed but one city: "All" and "Method: self-assessed" would differ by exactly that city.
        var cities = Cities(9, "North");
        cities.Add(City("North", null, ComparisonMethod.Moderated, ("1.1.1", 4m)));
        var family = FilterFamily.Build(cities, 5);

        Assert.False(family.Offers(new ComparisonFilter(null, ComparisonMethod.SelfAssessed)));
        Assert.False(family.Offers(new ComparisonFilter(null, ComparisonMethod.Moderated)));
    }

    /// <summary>
    /// The guarantee itself, on many random networks: for any two offered filters A and B, A \ B is empty or holds at least
    /// k cities (so no difference of two results, nor any other combination, isolates fewer than k cities).
    /// </summary>
    [Fact]
    public void In_random_networks_no_two_offered_sets_differ_by_fewer_than_k_cities()
    {
        var random = new Random(37107);
        string[] regions = ["North", "South", "East", "West"];
        string[] tags = ["port", "capital", "river", "alpine"];
        var checkedPairs = 0;
        for (var network = 0; network < 300; network++)
        {
            var k = random.Next(3, 7);
            var cities = Enumerable.Range(0, random.Next(3, 40)).Select(_ => City(
                regions[random.Next(regions.Length)],
                [.. tags.Where(_ => random.Next(3) == 0)],
                (ComparisonMethod)random.Next(3),
                ("1.1.1", random.Next(1, 6)))).ToList();

            var family = FilterFamily.Build(cities, k);

            var sets = family.Offered.Select(f => family.Members(f).Select(c => c.OrganisationId).ToHashSet()).ToList();
            Assert.All(sets, s => Assert.True(s.Count >= k));
            foreach (var a in sets)
            {
                foreach (var b in sets)
                {
                    var difference = a.Except(b).Count();
                    Assert.True(difference == 0 || difference >= k, $"Two offered sets differ by {difference} cities with k = {k}.");
                    checkedPairs++;
                }
            }
        }

        Assert.True(checkedPairs > 1000, "The random networks offered too few filters to test anything.");
    }

    /// <summary>
    /// Differencing through a characteristic some cities left unrated: North (5) and South (5) are both offered, but only one
    /// South city rated 1.1.1. "All" minus "North" for 1.1.1 would be that city's score, so "All" withholds 1.1.1.
    /// </summary>
    [Fact]
    public void A_characteristic_rated_by_fewer_than_k_cities_of_an_atom_is_withheld_wherever_that_atom_is()
    {
        var north = Cities(5, "North");
        var southRater = City("South", null, ComparisonMethod.SelfAssessed, ("1.1.1", 5m));
        var south = Cities(4, "South", score: null);
        var family = FilterFamily.Build([.. north, southRater, .. south], 5);
        var metric = new BenchmarkMetric("1.1.1", BenchmarkLevel.Characteristic, "Test");
        var northFilter = new ComparisonFilter(new PeerGroup(PeerFacet.Region, "North"), null);

        var all = NetworkComparison.Of(family, ComparisonFilter.All, null, [metric]);
        var northOnly = NetworkComparison.Of(family, northFilter, null, [metric]);

        Assert.True(family.Offers(northFilter));
        Assert.True(all.Metrics[0].Now.IsWithheld);
        Assert.Null(all.Metrics[0].Now.Distribution);
        Assert.False(northOnly.Metrics[0].Now.IsWithheld);
        Assert.Equal(5, northOnly.Metrics[0].Now.Distribution!.Count);
    }

    [Fact]
    public void Peer_group_keys_read_back()
    {
        foreach (var group in new[] { new PeerGroup(PeerFacet.Region, "Nord-Est"), new PeerGroup(PeerFacet.Tag, "port city"), new PeerGroup(PeerFacet.PopulationBand, "50k-250k") })
        {
            Assert.True(PeerGroup.TryParse(group.Key, out var parsed));
            Assert.Equal(group, parsed);
        }

        Assert.False(PeerGroup.TryParse("planet:Mars", out _));
        Assert.False(PeerGroup.TryParse("region:", out _));
        Assert.False(PeerGroup.TryParse(null, out _));
    }

    [Fact]
    public void Aliases_are_fresh_and_look_like_city_letters_and_digits()
    {
        var random = new Random(1);
        var taken = new HashSet<string>();
        for (var i = 0; i < 250; i++)
        {
            var alias = MemberAliases.Pick(random, taken);
            Assert.Matches("^City [A-HJ-NP-Z][2-9]+$", alias);
            Assert.True(taken.Add(alias));
        }
    }

    [Fact]
    public void Profiles_with_unknown_bands_or_too_many_tags_are_refused_with_the_rule()
    {
        var profile = new CityProfile { PopulationBand = "huge", AreaType = "lunar", Tags = [.. Enumerable.Range(0, 11).Select(i => $"t{i}")] };

        var problems = CityProfileRules.Check(profile);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("under-50k", StringComparison.Ordinal));
        Assert.Empty(CityProfileRules.Check(new CityProfile { Country = "Demoland", PopulationBand = "50k-250k", AreaType = "urban", Tags = ["port"] }));
        Assert.Equal(["capital", "port city"], CityProfileRules.ParseTags("Port city, capital , port city,"));
    }
}
