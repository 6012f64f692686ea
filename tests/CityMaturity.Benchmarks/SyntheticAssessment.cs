using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Reporting;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Benchmarks;

/// <summary>
/// A deterministic assessment of any size over the whole catalogue: six default groups, every participant
/// rating all 32 characteristics (some "don't know"), groups biased as in the demo seed, a few targets.
/// </summary>
public sealed class SyntheticAssessment
{
    private static readonly int[] GroupBias = [1, 0, 0, -1, 0, -1];

    public SyntheticAssessment(MaturityCatalogue catalogue, int participantCount, int seed = 37107)
    {
        Catalogue = catalogue;
        var random = new Random(seed);
        Assessment = new Assessment
        {
            Id = Guid.NewGuid(), OrganisationId = Guid.NewGuid(), Name = "Baseline 2026", Community = "Benchville",
            Purpose = "baseline-review", Method = AssessmentMethod.MultiStakeholder, Status = AssessmentStatus.Closed,
            Scope = [.. catalogue.Characteristics.Select(c => c.Code)], CreatedAt = new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero),
        };
        Groups = [.. AssessmentVocabulary.DefaultGroups.Select((name, i) => new StakeholderGroup { Id = Guid.NewGuid(), AssessmentId = Assessment.Id, Name = name, Position = i })];
        Participants = [.. Enumerable.Range(0, participantCount).Select(i => new Participant
        {
            Id = Guid.NewGuid(), AssessmentId = Assessment.Id, GroupId = Groups[i % Groups.Count].Id,
            Name = $"Participant {i}", Email = $"p{i}@bench.example", CreatedAt = Assessment.CreatedAt,
        })];

        var trueLevels = catalogue.Characteristics.ToDictionary(c => c.Code, c => c.DimensionCode switch { "1" => 3, "2" => 2, "3" => 2, _ => 3 } + random.Next(-1, 2));
        var ratings = new List<RatingInput>(participantCount * catalogue.Characteristics.Count);
        for (var i = 0; i < Participants.Count; i++)
        {
            var participant = Participants[i];
            var bias = GroupBias[i % Groups.Count];
            foreach (var characteristic in catalogue.Characteristics)
            {
                var level = trueLevels[characteristic.Code] + bias;
                ratings.Add(new RatingInput(
                    participant.Id,
                    participant.GroupId,
                    characteristic.Code,
                    Answer(random, level + random.Next(-1, 2)),
                    Answer(random, level + random.Next(0, 3))));
            }
        }

        Ratings = ratings;
        Targets = new Dictionary<string, MaturityLevel>(StringComparer.Ordinal)
        {
            ["2.3.1"] = MaturityLevel.Improving, ["4.2"] = MaturityLevel.Improving, ["1.5.2"] = MaturityLevel.Fulfilled, ["3.2.1"] = MaturityLevel.Improving,
        };
        var scope = Assessment.Scope.ToHashSet(StringComparer.Ordinal);
        Responses = ParticipantResponses.From(ratings.Select(r => (r.ParticipantId, r.CharacteristicCode, r.Now, r.InTwoYears)), scope.Count, scope.Contains);
    }

    public MaturityCatalogue Catalogue { get; }
    public Assessment Assessment { get; }
    public IReadOnlyList<StakeholderGroup> Groups { get; }
    public IReadOnlyList<Participant> Participants { get; }
    public IReadOnlyList<RatingInput> Ratings { get; }
    public IReadOnlyDictionary<string, MaturityLevel> Targets { get; }
    public ParticipantResponses Responses { get; }

    public AssessmentSummary Summarise() => AssessmentScorer.Summarise(new AssessmentScoringInput(
        Catalogue, Assessment.Scope, [.. Groups.Select(g => new GroupInput(g.Id, g.Name))], Ratings, [], Targets));

    public BaselineReport Report(AssessmentSummary summary) =>
        BaselineReportBuilder.Build(Assessment, Groups, Participants, summary, Responses, "City of Benchville", Catalogue, new DateTimeOffset(2026, 3, 20, 9, 30, 0, TimeSpan.Zero));

    private static LevelAnswer Answer(Random random, int level) =>
        random.Next(100) < 6 ? LevelAnswer.DontKnow : LevelAnswer.Of(MaturityLevels.FromNumber(Math.Clamp(level, 1, 5)));
}
