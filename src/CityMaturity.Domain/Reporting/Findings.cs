using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Reporting;

/// <summary>A characteristic on which stakeholder groups see the city differently.</summary>
public sealed record PerceptionGap(
    string CharacteristicCode,
    string CharacteristicTitle,
    RatingView View,
    IReadOnlyList<GroupMedian> GroupMedians)
{
    /// <summary>Highest minus lowest known group median.</summary>
    public decimal? Spread
    {
        get
        {
            var known = GroupMedians.Where(g => g.Median.HasValue).Select(g => g.Median!.Value).ToList();
            return known.Count < 2 ? null : known.Max() - known.Min();
        }
    }
}

public sealed record GroupMedian(string GroupName, decimal? Median, int Respondents);

/// <summary>A gap in plans (little or no improvement planned, or short of the target) and what helps close it.</summary>
public sealed record PlanGap(
    string CharacteristicCode,
    string CharacteristicTitle,
    decimal? Now,
    decimal? InTwoYears,
    IReadOnlyList<HelpReference> Documents,
    IReadOnlyList<string> LocalGovernmentFunctions)
{
    public decimal? Target { get; init; }

    /// <summary>How far S in two years lies below the higher bar it misses (3, or the target).</summary>
    public decimal? Shortfall { get; init; }

    public string? Note { get; init; }
}

/// <summary>A document that helps (ISO/TS 37107 clause 5.2).</summary>
public sealed record HelpReference(string Code, string Title, string Purpose);

/// <summary>What to do next at the assessment's ISO 37104 stage.</summary>
public sealed record NextSteps(string StageName, IReadOnlyList<string> Steps);

/// <summary>How the scores came about, the level definitions, the groups, the consensus decisions.</summary>
public sealed record ReportAppendix(
    IReadOnlyList<string> MethodologyParagraphs,
    IReadOnlyList<ClassLevelDefinitions> LevelDefinitions,
    IReadOnlyList<ConsensusDecisionNote> ConsensusDecisions);

/// <summary>The generic reading of the five levels for one class of Table 2.</summary>
public sealed record ClassLevelDefinitions(string ClassCode, string ClassName, string Question, IReadOnlyList<LevelDefinitionText> Levels);

public sealed record LevelDefinitionText(MaturityLevel Level, string Name, string Text);

/// <summary>
/// A level agreed in moderation for one view, with the reason recorded for it; <see cref="Level"/> null when the session
/// noted that it reached no consensus. <see cref="RoundHistory"/> summarises the votes that led there.
/// </summary>
public sealed record ConsensusDecisionNote(
    string CharacteristicCode,
    string CharacteristicTitle,
    RatingView View,
    MaturityLevel? Level,
    string Rationale)
{
    public string RoundHistory { get; init; } = "";
}
