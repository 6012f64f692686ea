using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Reporting;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Reports.Tests;

/// <summary>
/// Two cycles scored by the real rules, 18 months apart, so the report's "since the last cycle" chapter has every kind
/// of row: improved, regressed and unchanged characteristics, plans met, exceeded and missed, a consensus in the
/// previous cycle, a characteristic only in one scope each, one with only "don't know" now and one nobody planned.
/// </summary>
internal static class SinceLastCycleSample
{
    public static MaturityCatalogue Catalogue => SampleReports.Catalogue;

    public const string OnlyInPrevious = "4.4";
    public const string OnlyInThis = "4.5";
    public const string DontKnowNow = "3.1.1";
    public const string NoPlan = "2.1.1";
    public const string ConsensusPlan = "1.1.1";

    public static readonly DateOnly PreviousDate = new(2024, 6, 30);
    public static readonly DateOnly ThisDate = new(2025, 12, 30);

    public sealed record World(Cycle Previous, Cycle This, BaselineReport Report);

    public static World Build()
    {
        var all = Catalogue.Characteristics.Select(c => c.Code).ToList();
        var previousScope = all.Where(c => c != OnlyInThis).ToList();
        var thisScope = all.Where(c => c != OnlyInPrevious).ToList();
        var previous = Summarise(previousScope, (i, code) => (Level(1 + (i % 3)), code == NoPlan ? LevelAnswer.DontKnow : Level(1 + (i % 3) + (i % 2) + (i % 5 == 0 ? 1 : 0))),
            [new ConsensusInput(ConsensusPlan, RatingView.InTwoYears, MaturityLevel.Improving)]);
        var current = Summarise(thisScope, (i, code) => (code == DontKnowNow ? LevelAnswer.DontKnow : Level(1 + (i % 3) + (i % 4) - 1), Level(4)), []);

        var previousCycle = new Cycle(Guid.NewGuid(), "City-wide 2024", PreviousDate, previous);
        var assessment = new Assessment
        {
            Id = Guid.NewGuid(), OrganisationId = Guid.NewGuid(), Name = "City-wide 2025", Community = "Testville", Purpose = "evaluation",
            Method = AssessmentMethod.MultiStakeholder, Status = AssessmentStatus.Closed, Scope = thisScope,
            CreatedAt = new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero), Deadline = ThisDate, PredecessorId = previousCycle.AssessmentId,
        };
        var report = BaselineReportBuilder.Build(
            assessment, [], [], current, ParticipantResponses.None, "Testville council", Catalogue,
            new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), previousCycle: previousCycle);
        return new World(previousCycle, new Cycle(assessment.Id, assessment.Name, ThisDate, current), report);
    }

    private static LevelAnswer Level(int level) => LevelAnswer.Of(MaturityLevels.FromNumber(Math.Clamp(level, 1, 5)));

    /// <summary>Two groups of two: the council rates as given, residents one level lower on every third characteristic.</summary>
    private static AssessmentSummary Summarise(List<string> scope, Func<int, string, (LevelAnswer Now, LevelAnswer InTwoYears)> answers, IReadOnlyList<ConsensusInput> consensus)
    {
        var council = new GroupInput(Guid.NewGuid(), "Council");
        var residents = new GroupInput(Guid.NewGuid(), "Residents");
        var people = new[] { (Guid.NewGuid(), council), (Guid.NewGuid(), council), (Guid.NewGuid(), residents), (Guid.NewGuid(), residents) };
        var ratings = new List<RatingInput>();
        foreach (var (code, i) in Catalogue.Characteristics.Select((c, i) => (c.Code, i)).Where(x => scope.Contains(x.Code)))
        {
            var (now, plan) = answers(i, code);
            foreach (var (person, group) in people)
            {
                var lower = group == residents && i % 3 == 0;
                ratings.Add(new RatingInput(person, group.Id, code, lower ? Lower(now) : now, plan));
            }
        }

        return AssessmentScorer.Summarise(new AssessmentScoringInput(Catalogue, scope, [council, residents], ratings, consensus, new Dictionary<string, MaturityLevel>()));
    }

    private static LevelAnswer Lower(LevelAnswer answer) =>
        answer.Level is { } level && level.Number() > 1 ? LevelAnswer.Of(MaturityLevels.FromNumber(level.Number() - 1)) : answer;
}
