using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Tests.Scoring;

/// <summary>Builds an <see cref="AssessmentScoringInput"/> from levels written as in the ratings CSV ("1"–"5", "DK", "").</summary>
internal sealed class Scenario
{
    public static readonly MaturityCatalogue Catalogue = CatalogueLoader.LoadEmbedded();

    private readonly List<GroupInput> _groups = [];
    private readonly List<RatingInput> _ratings = [];
    private readonly List<ConsensusInput> _consensus = [];
    private readonly Dictionary<string, MaturityLevel> _targets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MaturityLevel> _audited = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _scope;
    private int _nextId;

    public Guid Group(string name)
    {
        var group = new GroupInput(NextId(), name);
        _groups.Add(group);
        return group.Id;
    }

    /// <summary>One new participant of <paramref name="group"/> rates <paramref name="code"/>.</summary>
    public Scenario Rate(Guid group, string code, string now, string inTwoYears) => Rate(NextId(), group, code, now, inTwoYears);

    public Scenario Rate(Guid participant, Guid group, string code, string now, string inTwoYears)
    {
        _ratings.Add(new RatingInput(participant, group, code, Answer(now), Answer(inTwoYears)));
        return this;
    }

    /// <summary>One new participant per level, rating only the view "now" (in two years left unanswered).</summary>
    public Scenario RateNow(Guid group, string code, params string[] levels)
    {
        foreach (var level in levels)
        {
            Rate(group, code, level, "");
        }

        return this;
    }

    /// <summary>One new participant per level, rating both views the same.</summary>
    public Scenario RateBoth(Guid group, string code, params string[] levels)
    {
        foreach (var level in levels)
        {
            Rate(group, code, level, level);
        }

        return this;
    }

    public Scenario Consensus(string code, RatingView view, MaturityLevel level)
    {
        _consensus.Add(new ConsensusInput(code, view, level));
        return this;
    }

    public Scenario Target(string code, MaturityLevel level)
    {
        _targets[code] = level;
        return this;
    }

    public Scenario Audited(string code, MaturityLevel level)
    {
        _audited[code] = level;
        return this;
    }

    public Scenario Scope(params string[] codes)
    {
        _scope = codes;
        return this;
    }

    public AssessmentScoringInput Input() => new(Catalogue, _scope, _groups, _ratings, _consensus, _targets) { AuditedLevels = _audited };

    public AssessmentSummary Summarise() => AssessmentScorer.Summarise(Input());

    public static LevelAnswer Answer(string text) =>
        LevelAnswer.TryParse(text, out var answer) ? answer : throw new ArgumentException($"Not a level: '{text}'", nameof(text));

    public static IEnumerable<LevelAnswer> Answers(params string[] texts) => texts.Select(Answer);

    private Guid NextId() => new(++_nextId, 0, 0, new byte[8]);
}
