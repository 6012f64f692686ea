using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Cycles;

/// <summary>One cycle's value on a trend line.</summary>
/// <param name="InScope">False when the cycle did not cover this characteristic (or nothing of this group).</param>
/// <param name="Score">S(now), or the mean for a sub-dimension or dimension; null when not in scope or not rated.</param>
/// <param name="Source">For a characteristic: consensus or median. Null for sub-dimensions and dimensions (means).</param>
/// <param name="Rated">k of "k of m rated" (1 or 0 for a characteristic).</param>
/// <param name="Total">m of "k of m rated" (1 for a characteristic in scope).</param>
public sealed record TrendPoint(Guid AssessmentId, DateOnly Date, bool InScope, decimal? Score, ScoreSource? Source, int Rated, int Total);

/// <summary>A characteristic, sub-dimension or dimension across the series: one point per cycle, oldest first.</summary>
public sealed record TrendLine(string Code, IReadOnlyList<TrendPoint> Points)
{
    /// <summary>Latest rated score minus the first rated one; null with fewer than two rated points.</summary>
    public decimal? ChangeOverSeries
    {
        get
        {
            var rated = Points.Where(p => p.Score is not null).ToList();
            return rated.Count < 2 ? null : Figures.WithoutTrailingZeros(rated[^1].Score!.Value - rated[0].Score!.Value);
        }
    }
}

/// <summary>The trend of a series: every line lists the cycles in date order.</summary>
public sealed record SeriesTrendResult(
    IReadOnlyList<Cycle> Cycles,
    IReadOnlyList<TrendLine> Characteristics,
    IReadOnlyList<TrendLine> SubDimensions,
    IReadOnlyList<TrendLine> Dimensions);

/// <summary>A view (now, or in two years) across the cycles of a series, per characteristic, sub-dimension and dimension.</summary>
public static class SeriesTrend
{
    /// <summary>Lines for everything in scope of at least one cycle, in the catalogue's order.</summary>
    /// <param name="view">The level now (the default), or the level each cycle expected in two years: how its plans moved.</param>
    public static SeriesTrendResult Of(MaturityCatalogue catalogue, IEnumerable<Cycle> cycles, RatingView view = RatingView.Now)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var ordered = cycles.OrderBy(c => c.Date).ThenBy(c => c.AssessmentId).ToList();
        var byCycle = ordered.Select(c => new Lookup(c, view)).ToList();

        var characteristics = catalogue.Characteristics
            .Where(ch => byCycle.Any(l => l.Characteristics.ContainsKey(ch.Code)))
            .Select(ch => new TrendLine(ch.Code, [.. byCycle.Select(l => l.CharacteristicPoint(ch.Code))]))
            .ToList();
        var subDimensions = catalogue.SubDimensions
            .Where(s => byCycle.Any(l => l.SubDimensions.ContainsKey(s.Code)))
            .Select(s => new TrendLine(s.Code, [.. byCycle.Select(l => l.Point(l.SubDimensions.GetValueOrDefault(s.Code) is { } sub ? l.Of(sub.Now, sub.InTwoYears) : null))]))
            .ToList();
        var dimensions = catalogue.Dimensions
            .Where(d => byCycle.Any(l => l.Dimensions.ContainsKey(d.Code)))
            .Select(d => new TrendLine(d.Code, [.. byCycle.Select(l => l.Point(l.Dimensions.GetValueOrDefault(d.Code) is { } dim ? l.Of(dim.Now, dim.InTwoYears) : null))]))
            .ToList();
        return new SeriesTrendResult(ordered, characteristics, subDimensions, dimensions);
    }

    private sealed class Lookup(Cycle cycle, RatingView view)
    {
        public AggregatedScore Of(AggregatedScore now, AggregatedScore inTwoYears) => view == RatingView.Now ? now : inTwoYears;

        public Dictionary<string, CharacteristicScore> Characteristics { get; } =
            cycle.Summary.Characteristics.ToDictionary(c => c.Code, StringComparer.Ordinal);

        public Dictionary<string, SubDimensionScore> SubDimensions { get; } =
            cycle.Summary.SubDimensions.ToDictionary(s => s.Code, StringComparer.Ordinal);

        public Dictionary<string, DimensionScore> Dimensions { get; } =
            cycle.Summary.Dimensions.ToDictionary(d => d.Code, StringComparer.Ordinal);

        public TrendPoint CharacteristicPoint(string code)
        {
            if (!Characteristics.TryGetValue(code, out var score))
            {
                return new TrendPoint(cycle.AssessmentId, cycle.Date, false, null, null, 0, 0);
            }

            var viewed = score.For(view);
            return new TrendPoint(cycle.AssessmentId, cycle.Date, true, viewed.Score, viewed.IsRated ? viewed.Source : null, viewed.IsRated ? 1 : 0, 1);
        }

        public TrendPoint Point(AggregatedScore? mean) =>
            mean is null
                ? new TrendPoint(cycle.AssessmentId, cycle.Date, false, null, null, 0, 0)
                : new TrendPoint(cycle.AssessmentId, cycle.Date, true, mean.Score, null, mean.Rated, mean.Total);
    }
}
