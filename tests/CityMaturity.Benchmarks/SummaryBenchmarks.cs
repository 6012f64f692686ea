using BenchmarkDotNet.Attributes;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Benchmarks;

/// <summary>
/// AssessmentScorer.Summarise over a large multi-stakeholder assessment — 1,000 participants in 6 groups rating all
/// 32 characteristics in both views (64,000 answers, about 7 % don't know) — against <see cref="LinqBaselineScorer"/>,
/// the straightforward LINQ way to compute the same statistics, measured in the same run.
/// </summary>
[MemoryDiagnoser]
public class SummaryBenchmarks
{
    private AssessmentScoringInput _input = null!;

    [Params(1000)]
    public int Participants { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = SyntheticScoringInput.Create(Participants, groupCount: 6, seed: 37107);
        // The comparison is only fair if both compute the same figures.
        LinqBaselineScorer.AssertSameFiguresAs(AssessmentScorer.Summarise(_input), LinqBaselineScorer.Summarise(_input));
    }

    [Benchmark(Baseline = true, Description = "Baseline: straightforward LINQ")]
    public LinqBaselineScorer.Result Baseline() => LinqBaselineScorer.Summarise(_input);

    [Benchmark(Description = "AssessmentScorer.Summarise")]
    public AssessmentSummary Scorer() => AssessmentScorer.Summarise(_input);
}

/// <summary>A deterministic synthetic assessment: group-biased levels around a per-characteristic "true" level.</summary>
public static class SyntheticScoringInput
{
    public static AssessmentScoringInput Create(int participants, int groupCount, int seed)
    {
        var catalogue = CatalogueLoader.LoadEmbedded();
        var random = new Random(seed);
        var groups = Enumerable.Range(0, groupCount).Select(i => new GroupInput(Guid.NewGuid(), $"Group {i + 1}")).ToArray();
        var trueLevels = catalogue.Characteristics.ToDictionary(c => c.Code, _ => random.Next(1, 6));
        var ratings = new List<RatingInput>(participants * catalogue.Characteristics.Count);
        for (var p = 0; p < participants; p++)
        {
            var participantId = Guid.NewGuid();
            var group = groups[p % groupCount];
            var bias = (p % groupCount) switch { 0 => 1, 3 or 5 => -1, _ => 0 };
            foreach (var characteristic in catalogue.Characteristics)
            {
                var level = trueLevels[characteristic.Code] + bias;
                ratings.Add(new RatingInput(participantId, group.Id, characteristic.Code,
                    Answer(random, level + random.Next(-1, 2)), Answer(random, level + random.Next(0, 3))));
            }
        }

        return new AssessmentScoringInput(catalogue, null, groups, ratings, [], new Dictionary<string, MaturityLevel> { ["2.3.1"] = MaturityLevel.Improving });
    }

    private static LevelAnswer Answer(Random random, int level) =>
        random.Next(100) < 7 ? LevelAnswer.DontKnow : LevelAnswer.Of(MaturityLevels.FromNumber(Math.Clamp(level, 1, 5)));
}
