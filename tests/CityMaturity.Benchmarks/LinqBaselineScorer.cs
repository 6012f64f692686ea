using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Benchmarks;

/// <summary>
/// The baseline: the methodology's statistics computed the obvious way — for every characteristic, view and participant
/// set, filter the ratings with LINQ, sort the known levels and read the figures off the sorted list. Same figures as
/// AssessmentScorer (checked in the benchmark's set-up), none of its counting.
/// </summary>
public static class LinqBaselineScorer
{
    public sealed record Statistics(int N, int[] Distribution, decimal? Mean, decimal? Median, int? Min, int? Max, decimal? Q1, decimal? Q3, decimal? Iqr, decimal? Agreement, ConsensusState Consensus, int DontKnow);

    public sealed record ViewResult(decimal? Score, Statistics All, IReadOnlyList<Statistics> Groups, decimal? PerceptionGap);

    public sealed record CharacteristicResult(string Code, string SubDimension, string Dimension, ViewResult Now, ViewResult InTwoYears);

    public sealed record Result(
        IReadOnlyList<CharacteristicResult> Characteristics,
        IReadOnlyDictionary<string, (decimal? Now, decimal? InTwoYears)> SubDimensions,
        IReadOnlyDictionary<string, (decimal? Now, decimal? InTwoYears)> Dimensions,
        IReadOnlyList<string> Strengths,
        IReadOnlyList<string> Weaknesses,
        IReadOnlyList<string> GapsInPlans);

    public static Result Summarise(AssessmentScoringInput input)
    {
        var characteristics = input.Catalogue.Characteristics
            .Where(c => input.ScopeCodes is null || input.ScopeCodes.Contains(c.Code))
            .Select(c =>
            {
                var ratings = input.Ratings.Where(r => r.CharacteristicCode == c.Code).ToList();
                return new CharacteristicResult(c.Code, c.SubDimensionCode, c.DimensionCode, View(ratings, RatingView.Now, input.Groups), View(ratings, RatingView.InTwoYears, input.Groups));
            })
            .ToList();

        Dictionary<string, (decimal?, decimal?)> MeansBy(Func<CharacteristicResult, string> key) =>
            characteristics.GroupBy(key).ToDictionary(g => g.Key, g => (MeanOfScores(g.Select(c => c.Now.Score)), MeanOfScores(g.Select(c => c.InTwoYears.Score))));

        var targets = input.Targets;
        return new Result(
            characteristics,
            MeansBy(c => c.SubDimension),
            MeansBy(c => c.Dimension),
            [.. characteristics.Where(c => c.Now.Score >= 4).OrderByDescending(c => c.Now.Score).Select(c => c.Code)],
            [.. characteristics.Where(c => c.Now.Score <= 2).OrderBy(c => c.Now.Score).Select(c => c.Code)],
            [.. characteristics.Where(c => c.InTwoYears.Score is { } s && (s < 3 || (targets.TryGetValue(c.Code, out var t) && s < (int)t))).Select(c => c.Code)]);
    }

    private static ViewResult View(List<RatingInput> ratings, RatingView view, IReadOnlyList<GroupInput> groups)
    {
        var all = StatisticsOf(ratings.Select(r => r.For(view)));
        var byGroup = groups.Select(g => StatisticsOf(ratings.Where(r => r.GroupId == g.Id).Select(r => r.For(view)))).ToList();
        var medians = byGroup.Where(s => s.Median is not null).Select(s => s.Median!.Value).ToList();
        return new ViewResult(all.Median, all, byGroup, medians.Count >= 2 ? medians.Max() - medians.Min() : null);
    }

    private static Statistics StatisticsOf(IEnumerable<LevelAnswer> answers)
    {
        var list = answers.ToList();
        var levels = list.Where(a => a.IsKnown).Select(a => (int)a.Level!.Value).OrderBy(l => l).ToList();
        var dontKnow = list.Count(a => a.Kind == AnswerKind.DontKnow);
        var distribution = Enumerable.Range(1, 5).Select(level => levels.Count(l => l == level)).ToArray();
        if (levels.Count == 0)
        {
            return new Statistics(0, distribution, null, null, null, null, null, null, null, null, ConsensusState.TooFewAnswers, dontKnow);
        }

        var median = Quantile(levels, 0.5m);
        var q1 = Quantile(levels, 0.25m);
        var q3 = Quantile(levels, 0.75m);
        var agreement = Math.Round(100m * levels.Count(l => Math.Abs(l - median) <= 1) / levels.Count, 1, MidpointRounding.AwayFromZero);
        var consensus = levels.Count < 3 ? ConsensusState.TooFewAnswers : q3 - q1 <= 1 ? ConsensusState.BroadAgreement : ConsensusState.NoAgreement;
        return new Statistics(
            levels.Count, distribution, Math.Round((decimal)levels.Average(), 2, MidpointRounding.AwayFromZero), median,
            levels.Min(), levels.Max(), q1, q3, q3 - q1, agreement, consensus, dontKnow);
    }

    /// <summary>QUARTILE.INC: linear interpolation at zero-based position (n − 1)·p of the sorted list.</summary>
    private static decimal Quantile(List<int> sorted, decimal p)
    {
        var position = (sorted.Count - 1) * p;
        var lower = (int)Math.Floor(position);
        var fraction = position - lower;
        return lower + 1 < sorted.Count ? sorted[lower] + (fraction * (sorted[lower + 1] - sorted[lower])) : sorted[lower];
    }

    private static decimal? MeanOfScores(IEnumerable<decimal?> scores)
    {
        var rated = scores.Where(s => s is not null).Select(s => s!.Value).ToList();
        return rated.Count == 0 ? null : Math.Round(rated.Average(), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Throws when the baseline and the scorer disagree on any statistic, score or list.</summary>
    public static void AssertSameFiguresAs(AssessmentSummary expected, Result actual)
    {
        foreach (var (score, mine) in expected.Characteristics.Zip(actual.Characteristics))
        {
            Same(score.Code, mine.Code, "code");
            foreach (var (view, mineView) in new[] { (score.Now, mine.Now), (score.InTwoYears, mine.InTwoYears) })
            {
                Same(view.Score, mineView.Score, $"{score.Code} score");
                Same(view.PerceptionGap?.Gap, mineView.PerceptionGap, $"{score.Code} perception gap");
                foreach (var (s, m) in view.Groups.Select(g => g.Statistics).Prepend(view.Statistics).Zip(mineView.Groups.Prepend(mineView.All)))
                {
                    Same(s.N, m.N, $"{score.Code} n");
                    Same(string.Join(",", s.Distribution), string.Join(",", m.Distribution), $"{score.Code} distribution");
                    Same(s.Mean, m.Mean, $"{score.Code} mean");
                    Same(s.Median, m.Median, $"{score.Code} median");
                    Same(s.Q1, m.Q1, $"{score.Code} q1");
                    Same(s.Q3, m.Q3, $"{score.Code} q3");
                    Same(s.AgreementPercent, m.Agreement, $"{score.Code} agreement");
                    Same(s.Consensus, m.Consensus, $"{score.Code} consensus");
                    Same(s.DontKnowCount, m.DontKnow, $"{score.Code} don't know");
                }
            }
        }

        foreach (var sub in expected.SubDimensions)
        {
            Same(sub.Now.Score, actual.SubDimensions[sub.Code].Now, $"sub-dimension {sub.Code}");
        }

        foreach (var dimension in expected.Dimensions)
        {
            Same(dimension.InTwoYears.Score, actual.Dimensions[dimension.Code].InTwoYears, $"dimension {dimension.Code}");
        }

        Same(string.Join(",", expected.Strengths.Select(s => s.CharacteristicCode).Order()), string.Join(",", actual.Strengths.Order()), "strengths");
        Same(string.Join(",", expected.Weaknesses.Select(s => s.CharacteristicCode).Order()), string.Join(",", actual.Weaknesses.Order()), "weaknesses");
        Same(string.Join(",", expected.GapsInPlans.Select(s => s.CharacteristicCode).Order()), string.Join(",", actual.GapsInPlans.Order()), "gaps in plans");
    }

    private static void Same<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new InvalidOperationException($"The baseline disagrees with AssessmentScorer on {what}: {expected} vs {actual}.");
        }
    }
}
