namespace CityMaturity.Domain.Reporting;

/// <summary>The wording of the evidence appendix.</summary>
public sealed partial record ReportLabels
{
    public string EvidenceAppendix { get; init; } = "Appendix: evidence behind the scores";
    public string EvidenceIntro { get; init; } =
        "Per characteristic, the evidence attached during the assessment (documents, links and references to indicator values) " +
        "and the latest published value of every indicator linked to it, with its change since the last earlier year with a value, " +
        "judged better or worse by the indicator's direction. " +
        "Draft indicator values and removed evidence are left out. Who attached an item is not named.";
    /// <summary>{0}: characteristics with items, {1}: characteristics in scope, {2}: items, {3}: characteristics with indicator values.</summary>
    public string EvidenceCountFormat { get; init; } =
        "{0} of {1} characteristics have evidence items ({2} items in all); {3} have published indicator values.";
    /// <summary>{0}: the score now.</summary>
    public string EvidenceScoreFormat { get; init; } = "Score now {0}";
    public string EvidenceItems { get; init; } = "Evidence items";
    public string IndicatorValues { get; init; } = "Indicator values (latest published)";
    public string EvidenceDocument { get; init; } = "Document";
    public string EvidenceLink { get; init; } = "Link";
    public string EvidenceIndicator { get; init; } = "Indicator value";
    public string EvidenceFromParticipant { get; init; } = "on a participant's answer";
    public string EvidenceFromAssessment { get; init; } = "by the facilitators";
    public string EvidenceFromConsensus { get; init; } = "on a consensus decision";
    /// <summary>{0}: where it was attached, {1}: the date.</summary>
    public string EvidenceAddedFormat { get; init; } = "added {0}, {1}";
    /// <summary>An indicator value's change since the year before ("up from 38 % in 2023: better"), as the app words it.</summary>
    public CityMaturity.Domain.Indicators.IndicatorTrendWords IndicatorTrend { get; init; } = CityMaturity.Domain.Indicators.IndicatorTrendWords.English;
    /// <summary>{0}: the value with its unit, {1}: the year.</summary>
    public string IndicatorReferencedFormat { get; init; } = "published value {0} ({1})";
    public string IndicatorNotPublished { get; init; } = "no published value for that year";
    public string EvidenceNone { get; init; } = "No evidence was attached and no linked indicator has a published value.";
    /// <summary>{0}: how many, {1}: their codes.</summary>
    public string EvidenceWithoutFormat { get; init; } = "Without evidence ({0}): {1}.";
    public string SourceOfValue { get; init; } = "Source";
}
