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
        var compared = metrics
            .Select(m => new MetricComparison(m, View(family, members, own, m.Key, RatingView.Now), View(family, members, own, m.Key, RatingView.InTwoYears)))
            .ToList();
        return new NetworkComparison(filter, family.K, members.Count, own is not null && members.Contains(own), compared);
    }

    private static ViewComparison View(FilterFamily family, IReadOnlyList<BenchmarkCity> members, BenchmarkCity? own, string key, RatingView view)
    {
        var ownScore = own?.Scores.GetValueOrDefault(key)?.For(view);
        var rated = members.Where(c => c.Scores.GetValueOrDefault(key)?.For(view) is not null).ToList();
        if (rated.Count == 0)
        {
            return new ViewComparison(null, ownScore, null, IsWithheld: false);
        }

        if (!family.MayShow(rated))
        {
            return new ViewComparison(null, ownScore, null, IsWithheld: true);
        }

        var distribution = Distribution.Of(rated.Select(c => c.Scores[key].For(view)!.Value));
        var others = rated.Where(c => c != own).Select(c => c.Scores[key].For(view)!.Value).ToList();
        var position = ownScore is { } score ? distribution.PositionOf(score, others) : null;
        return new ViewComparison(distribution, ownScore, position, IsWithheld: false);
    }
}
