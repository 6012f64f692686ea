using CityMaturity.Domain.Assessments;

namespace CityMaturity.Domain.Benchmarking;

/// <summary>The three levels of the model a snapshot shares scores for.</summary>
public enum BenchmarkLevel
{
    Dimension,
    SubDimension,
    Characteristic,
}

/// <summary>A dimension, sub-dimension or characteristic to compare, by its catalogue code.</summary>
public sealed record BenchmarkMetric(string Code, BenchmarkLevel Level, string Name)
{
    /// <summary>Where a city's scores keep this metric: the level and the code, since "4.1" is both a sub-dimension and its characteristic.</summary>
    public string Key => KeyOf(Level, Code);

    public static string KeyOf(BenchmarkLevel level, string code) => level switch
    {
        BenchmarkLevel.Dimension => $"d:{code}",
        BenchmarkLevel.SubDimension => $"s:{code}",
        BenchmarkLevel.Characteristic => $"c:{code}",
    };
}

/// <summary>One view of one metric across a filter's cities.</summary>
/// <param name="Distribution">Null when withheld (<see cref="IsWithheld"/>) or when no city of the filter has a score.</param>
/// <param name="Own">The own city's score, when it shared one (its own figure, shown even when the rest is withheld).</param>
/// <param name="Position">The own city's place; null unless both the distribution and the own score are there.</param>
/// <param name="IsWithheld">True when cities rated it but the privacy rule does not allow the figures (too few, or a split atom).</param>
public sealed record ViewComparison(Distribution? Distribution, decimal? Own, Position? Position, bool IsWithheld);

public sealed record MetricComparison(BenchmarkMetric Metric, ViewComparison Now, ViewComparison InTwoYears)
{
    public ViewComparison For(RatingView view) => view switch
    {
        RatingView.Now => Now,
        RatingView.InTwoYears => InTwoYears,
    };
}

/// <summary>A network's figures for one offered filter, from the point of view of one member city (or none).</summary>
/// <param name="Cities">Cities in the filter; always at least k.</param>
/// <param name="OwnIncluded">Whether the own city is one of <paramref name="Cities"/>.</param>
public sealed record NetworkComparison(ComparisonFilter Filter, int K, int Cities, bool OwnIncluded, IReadOnlyList<MetricComparison> Metrics)
{
    /// <summary>
    /// The comparison for an offered filter. The own city's scores come from its own snapshot whatever the filter; its
    /// position is computed against the other cities of the filter (docs/benchmarking.md, "Percentiles").
    /// </summary>
    public static NetworkComparison Of(FilterFamily family, ComparisonFilter filter, Guid? ownOrganisationId, IReadOnlyList<BenchmarkMetric> metrics)
    {
        var members = family.Members(filter);
        var own = family.Cities.FirstOrDefault(c => c.OrganisationId == ownOrganisationId);
        var set = new MemberSet(family, members, own is null ? -1 : IndexOf(members, own), [.. members.Select(family.AtomOf)]);
        var shared = new SharedScore?[members.Count];
        var compared = new List<MetricComparison>(metrics.Count);
        foreach (var metric in metrics)
        {
            // One look-up per city and metric serves both views.
            for (var i = 0; i < members.Count; i++)
            {
                shared[i] = members[i].Scores.GetValueOrDefault(metric.Key);
            }

            var ownScore = own?.Scores.GetValueOrDefault(metric.Key);
            compared.Add(new MetricComparison(metric, View(set, shared, ownScore?.Now, RatingView.Now), View(set, shared, ownScore?.InTwoYears, RatingView.InTwoYears)));
        }

        return new NetworkComparison(filter, family.K, members.Count, set.OwnIndex >= 0, compared);
    }

    /// <summary>The filter's cities with their atoms, and where the own city is among them (−1: not among them).</summary>
    private sealed record MemberSet(FilterFamily Family, IReadOnlyList<BenchmarkCity> Members, int OwnIndex, int[] Atoms);

    private static int IndexOf(IReadOnlyList<BenchmarkCity> members, BenchmarkCity city)
    {
        for (var i = 0; i < members.Count; i++)
        {
            if (ReferenceEquals(members[i], city))
            {
                return i;
            }
        }

        return -1;
    }

    /// <param name="shared">The metric's shared score of each member (null: none), in the order of <see cref="MemberSet.Members"/>.</param>
    private static ViewComparison View(MemberSet set, SharedScore?[] shared, decimal? ownScore, RatingView view)
    {
        var rated = new List<decimal>(shared.Length);
        var others = new List<decimal>(shared.Length);
        var ratedPerAtom = set.Family.NewAtomCounter();
        for (var i = 0; i < shared.Length; i++)
        {
            if (shared[i]?.For(view) is { } value)
            {
                rated.Add(value);
                ratedPerAtom[set.Atoms[i]]++;
                if (i != set.OwnIndex)
                {
                    others.Add(value);
                }
            }
        }

        if (rated.Count == 0)
        {
            return new ViewComparison(null, ownScore, null, IsWithheld: false);
        }

        if (!set.Family.MayShow(ratedPerAtom))
        {
            return new ViewComparison(null, ownScore, null, IsWithheld: true);
        }

        var distribution = Distribution.Of(rated);
        var position = ownScore is { } score ? distribution.PositionOf(score, others) : null;
        return new ViewComparison(distribution, ownScore, position, IsWithheld: false);
    }
}
