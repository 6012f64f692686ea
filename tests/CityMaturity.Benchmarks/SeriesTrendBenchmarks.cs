using BenchmarkDotNet.Attributes;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Benchmarks;

/// <summary>
/// The figures of a series page (issue 18: 10 cycles × 1,000 participants in under 50 ms) beside the summary of one
/// 1,000-participant assessment, the baseline, in the same run. "Series page" is what CycleService.SeriesAsync and the
/// page compute once the ten summaries are at hand: the trend of both views per characteristic, sub-dimension and
/// dimension, the trend per stakeholder group in both views, and plan realisation and what moved of the latest two
/// cycles. "Cold" adds scoring all ten cycles, as after a restart when no summary is cached yet.
/// </summary>
[MemoryDiagnoser]
public class SeriesTrendBenchmarks
{
    private const int CycleCount = 10;
    private MaturityCatalogue _catalogue = null!;
    private AssessmentScoringInput[] _inputs = [];
    private Cycle[] _cycles = [];

    [Params(1000)]
    public int Participants { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _catalogue = CatalogueLoader.LoadEmbedded();
        _inputs = [.. Enumerable.Range(0, CycleCount).Select(i => SyntheticScoringInput.Create(Participants, groupCount: 6, seed: 37107 + i))];
        _cycles = Cycles(_inputs);

        // The figures measured are real ones: every cycle is scored, and the latest pair has plans to judge.
        var figures = SeriesPage(_cycles);
        if (figures.Realisation.Overall.Judged != 32 || figures.Trend.Characteristics.Count != 32 || figures.Groups.Count != 6)
        {
            throw new InvalidOperationException("The synthetic series does not give the figures the benchmark is meant to measure.");
        }
    }

    [Benchmark(Baseline = true, Description = "Baseline: one assessment's summary (1,000 participants)")]
    public AssessmentSummary OneSummary() => AssessmentScorer.Summarise(_inputs[^1]);

    [Benchmark(Description = "Series page figures, 10 cycles, summaries cached")]
    public SeriesFigures SeriesPageFromSummaries() => SeriesPage(_cycles);

    [Benchmark(Description = "Series page figures, 10 cycles, cold (scores all 10)")]
    public SeriesFigures SeriesPageCold() => SeriesPage(Cycles(_inputs));

    public sealed record SeriesFigures(
        SeriesTrendResult Trend, SeriesTrendResult Plans, IReadOnlyList<TrendLine> Groups, IReadOnlyList<TrendLine> GroupPlans,
        PlanRealisationResult Realisation, WhatMovedResult Moved);

    private SeriesFigures SeriesPage(Cycle[] cycles) => new(
        SeriesTrend.Of(_catalogue, cycles),
        SeriesTrend.Of(_catalogue, cycles, RatingView.InTwoYears),
        GroupTrend.Of(cycles),
        GroupTrend.Of(cycles, RatingView.InTwoYears),
        PlanRealisation.Compare(cycles[^2], cycles[^1]),
        WhatMoved.Compare(cycles[^2], cycles[^1]));

    /// <summary>Ten cycles two years apart, as ISO/TS 37107 intends, from 2008 to 2026.</summary>
    private static Cycle[] Cycles(AssessmentScoringInput[] inputs) =>
        [.. inputs.Select((input, i) => new Cycle(Guid.NewGuid(), $"Cycle {2008 + (2 * i)}", new DateOnly(2008 + (2 * i), 6, 30), AssessmentScorer.Summarise(input)))];
}
