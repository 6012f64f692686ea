namespace CityMaturity.Domain.Scoring;

/// <summary>Every figure of an assessment, produced by <see cref="AssessmentScorer.Summarise"/>.</summary>
/// <param name="Groups">The assessment's groups, in the order every per-group list follows.</param>
/// <param name="Characteristics">The characteristics in scope, in the catalogue's order.</param>
/// <param name="SubDimensions">Sub-dimensions with at least one characteristic in scope, in the catalogue's order.</param>
/// <param name="Dimensions">Dimensions with at least one characteristic in scope, in the catalogue's order.</param>
/// <param name="Strengths">Highest S(now) first; ties in the catalogue's order.</param>
/// <param name="Weaknesses">Lowest S(now) first; ties in the catalogue's order.</param>
/// <param name="GapsInPlans">Largest shortfall first; ties in the catalogue's order.</param>
/// <param name="PerceptionGaps">
/// Every characteristic and view where at least two groups gave a known level, largest gap first; ties in the
/// catalogue's order, "now" before "in two years". Flagged ones therefore come first.
/// </param>
public sealed record AssessmentSummary(
    IReadOnlyList<GroupInput> Groups,
    IReadOnlyList<CharacteristicScore> Characteristics,
    IReadOnlyList<SubDimensionScore> SubDimensions,
    IReadOnlyList<DimensionScore> Dimensions,
    OverallIndexOfDimensionMeans OverallIndexOfDimensionMeans,
    IReadOnlyList<Strength> Strengths,
    IReadOnlyList<Weakness> Weaknesses,
    IReadOnlyList<GapInPlans> GapsInPlans,
    IReadOnlyList<PerceptionGap> PerceptionGaps)
{
    public CharacteristicScore Characteristic(string code) =>
        Characteristics.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"The characteristic '{code}' is not in the scope of this assessment.");

    public SubDimensionScore SubDimension(string code) =>
        SubDimensions.FirstOrDefault(s => string.Equals(s.Code, code, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No characteristic of the sub-dimension '{code}' is in the scope of this assessment.");

    public DimensionScore Dimension(string code) =>
        Dimensions.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No characteristic of the dimension '{code}' is in the scope of this assessment.");
}
