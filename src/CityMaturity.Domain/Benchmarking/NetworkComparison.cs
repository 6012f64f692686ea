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
    public static NetworkComparison Of(FilterFamily family, ComparisonFilter filter, Guid? ownOrganisationId, IReadOnlyList<BenchmarkMetric> metrics) =>
        Shared(family, filter, metrics).ForViewer(family, ownOrganisationId);

    /// <summary>
    /// The figures of an offered filter that are the same for every viewer (distributions and what is withheld), with no own
    /// city: what may be kept per network version (ADR 0055). <see cref="ForViewer"/> adds one viewer's scores and position.
    /// </summary>
    public static NetworkComparison Shared(FilterFamily family, ComparisonFilter filter, IReadOnlyList<BenchmarkMetric> metrics)
    {
        var members = family.Members(filter);
        var atoms = members.Select(family.AtomOf).ToArray();
        var shared = new SharedScore?[members.Count];
        var compared = new List<MetricComparison>(metrics.Count);
        foreach (var metric in metrics)
        {
            // One look-up per city and metric serves both views.
            for (var i = 0; i < members.Count; i++)
            {
                shared[i] = members[i].Scores.GetValueOrDefault(metric.Key);
            }

            compared.Add(new MetricComparison(metric, View(family, atoms, shared, RatingView.Now), View(family, atoms, shared, RatingView.InTwoYears)));
        }

        return new NetworkComparison(filter, family.K, members.Count, OwnIncluded: false, compared);
    }

    /// <summary>
    /// These shared figures as one member city sees them: its own scores (from its snapshot, whatever the filter) and its
    /// position among the other cities of the filter. The distributions are this comparison's, unchanged: they include
    /// the own city when it is in the filter, and its one value is left out of the others it is ranked against.
    /// </summary>
    public NetworkComparison ForViewer(FilterFamily family, Guid? ownOrganisationId)
    {
        var own = ownOrganisationId is { } id ? family.Cities.FirstOrDefault(c => c.OrganisationId == id) : null;
        if (own is null)
        {
            return this;
        }

        var included = Filter.Matches(own);
        var viewed = new List<MetricComparison>(Metrics.Count);
        foreach (var metric in Metrics)
        {
            var ownScore = own.Scores.GetValueOrDefault(metric.Metric.Key);
            viewed.Add(metric with { Now = Placed(metric.Now, ownScore?.Now, included), InTwoYears = Placed(metric.InTwoYears, ownScore?.InTwoYears, included) });
        }

        return this with { OwnIncluded = included, Metrics = viewed };
    }

    private static ViewComparison Placed(ViewComparison shared, decimal? ownScore, bool ownIncluded) =>
        shared with { Own = ownScore, Position = ownScore is { } score && shared.Distribution is { } distribution ? distribution.PositionAmongValues(score, ownIncluded) : null };

    /// <param name="atoms">The atom of each member of the filter.</param>
    /// <param name="shared">The metric's shared score of each member (null: none), in the same order.</param>
    private static ViewComparison View(FilterFamily family, int[] atoms, SharedScore?[] shared, RatingView view)
    {
        var rated = new List<decimal>(shared.Length);
        var ratedPerAtom = family.NewAtomCounter();
        for (var i = 0; i < shared.Length; i++)
        {
            if (shared[i]?.For(view) is { } value)
            {
                rated.Add(value);
                ratedPerAtom[atoms[i]]++;
            }
        }

        if (rated.Count == 0)
        {
            return new ViewComparison(null, null, null, IsWithheld: false);
        }

        return family.MayShow(ratedPerAtom)
            ? new ViewComparison(Distribution.Of(rated), null, null, IsWithheld: false)
            : new ViewComparison(null, null, null, IsWithheld: true);
    }
}
