using CityMaturity.Domain.Assessments;

namespace CityMaturity.Domain.Scoring;

/// <summary>A mean of characteristic scores with "k of m rated".</summary>
/// <param name="Score">Mean of S over the rated characteristics, rounded to 2 decimals half away from zero; null when none is rated.</param>
/// <param name="Rated">k: characteristics in scope with a score in this view.</param>
/// <param name="Total">m: characteristics in scope.</param>
public sealed record AggregatedScore(decimal? Score, int Rated, int Total);

/// <summary>A sub-dimension with at least one characteristic in scope.</summary>
public sealed record SubDimensionScore(string Code, string DimensionCode, AggregatedScore Now, AggregatedScore InTwoYears)
{
    public AggregatedScore For(RatingView view) => view switch
    {
        RatingView.Now => Now,
        RatingView.InTwoYears => InTwoYears,
    };
}

/// <summary>
/// A dimension with at least one characteristic in scope. Its score is the mean over all its rated characteristics,
/// each weighing the same — not the mean of its sub-dimension scores.
/// </summary>
public sealed record DimensionScore(string Code, AggregatedScore Now, AggregatedScore InTwoYears)
{
    public AggregatedScore For(RatingView view) => view switch
    {
        RatingView.Now => Now,
        RatingView.InTwoYears => InTwoYears,
    };
}

/// <summary>
/// The mean of the four dimension scores (as shown, i.e. already rounded), rounded to 2 decimals. Never a headline:
/// wherever it is shown it is labelled as the mean of the dimension scores. Null in a view unless all four
/// dimensions have a score, because a mean of fewer would not be the index it claims to be.
/// </summary>
public sealed record OverallIndexOfDimensionMeans(decimal? Now, decimal? InTwoYears)
{
    public decimal? For(RatingView view) => view switch
    {
        RatingView.Now => Now,
        RatingView.InTwoYears => InTwoYears,
    };
}
