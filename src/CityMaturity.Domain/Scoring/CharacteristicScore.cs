using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Scoring;

/// <summary>Where a characteristic's score S comes from; shown wherever S is shown.</summary>
public enum ScoreSource
{
    /// <summary>A level verified by a closed external audit (now view only); wins over consensus and median.</summary>
    Audited,

    /// <summary>A level recorded in a moderated session.</summary>
    Consensus,

    /// <summary>The median of all participants' known levels.</summary>
    Median,

    /// <summary>No consensus and no known level: there is no score.</summary>
    NotRated,
}

/// <summary>One stakeholder group's statistics for one view of one characteristic.</summary>
public sealed record GroupViewStatistics(Guid GroupId, string GroupName, ViewStatistics Statistics);

/// <summary>The score and statistics of one characteristic in one view.</summary>
/// <param name="Score">S: the audited level if a closed audit verified one, else the consensus level if one was recorded, else the median of all known levels; null when not rated.</param>
/// <param name="Statistics">Over all participants.</param>
/// <param name="Groups">One entry per group of the assessment, in the input's order; N = 0 where a group gave no level.</param>
/// <param name="PerceptionGap">Null when fewer than two groups gave a known level (there is nothing to compare).</param>
public sealed record ViewScore(
    RatingView View,
    decimal? Score,
    ScoreSource Source,
    ViewStatistics Statistics,
    IReadOnlyList<GroupViewStatistics> Groups,
    PerceptionGap? PerceptionGap)
{
    public bool IsRated => Score is not null;
}

/// <summary>A characteristic of the scope, scored in both views.</summary>
/// <param name="PlannedImprovement">S(in two years) − S(now), when both are rated.</param>
/// <param name="Target">The target level the assessment sets for this characteristic, if any.</param>
/// <param name="PlansRegressCount">
/// Participants whose known level in two years is below their known level now: allowed, but shown as a warning.
/// </param>
public sealed record CharacteristicScore(
    string Code,
    string SubDimensionCode,
    string DimensionCode,
    ViewScore Now,
    ViewScore InTwoYears,
    decimal? PlannedImprovement,
    MaturityLevel? Target,
    int PlansRegressCount)
{
    public ViewScore For(RatingView view) => view switch
    {
        RatingView.Now => Now,
        RatingView.InTwoYears => InTwoYears,
    };
}
