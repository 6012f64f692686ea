namespace CityMaturity.Domain.Benchmarking;

/// <summary>The two scores a snapshot shares for one characteristic, sub-dimension or dimension; null where not rated.</summary>
public sealed record SharedScore(decimal? Now, decimal? InTwoYears)
{
    public decimal? For(Assessments.RatingView view) => view switch
    {
        Assessments.RatingView.Now => Now,
        Assessments.RatingView.InTwoYears => InTwoYears,
    };
}

/// <summary>
/// One member city with a published snapshot, as the comparison sees it: no name, no alias, only what places it in peer
/// groups and its shared scores by <see cref="BenchmarkMetric.Key"/>.
/// </summary>
public sealed record BenchmarkCity(Guid OrganisationId, CityProfile? Profile, ComparisonMethod Method, IReadOnlyDictionary<string, SharedScore> Scores);
