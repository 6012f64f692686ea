namespace CityMaturity.Domain.Reporting;

/// <summary>
/// Everything a baseline report shows, already decided and in reading order. A renderer draws it and adds
/// nothing but layout: no scoring, no catalogue look-ups, no database. Scores stay numbers (1–5 scale) so
/// tests can compare figures; texts arrive in the report's language.
/// </summary>
public sealed partial record BaselineReport(
    ReportMetadata Metadata,
    ExecutiveSummary Summary,
    IReadOnlyList<DimensionSection> Dimensions,
    IReadOnlyList<PerceptionGap> PerceptionGaps,
    IReadOnlyList<PlanGap> PlanGaps,
    NextSteps NextSteps,
    ReportAppendix Appendix)
{
    /// <summary>Every strength (S now ≥ 4), highest first: the summary shows the first few, the appendix all.</summary>
    public IReadOnlyList<SummaryHighlight> StrengthsInFull { get; init; } = [];

    /// <summary>Every weakness (S now ≤ 2), lowest first: the summary shows the first few, the appendix all.</summary>
    public IReadOnlyList<SummaryHighlight> WeaknessesInFull { get; init; } = [];

    /// <summary>The fixed wording of the report (captions, column heads); English unless a translation is given.</summary>
    public ReportLabels Labels { get; init; } = ReportLabels.English;

    /// <summary>The comparison with the previous cycle of the series; null when the assessment follows up none.</summary>
    public SinceLastCycle? SinceLastCycle { get; init; }
}

/// <summary>What the cover says and what goes into the document properties.</summary>
public sealed record ReportMetadata(
    string Organisation,
    string Community,
    string AssessmentName,
    DateOnly AssessmentDate,
    string MethodName,
    string StageName,
    IReadOnlyList<GroupParticipation> Participation,
    string Language,
    DateTimeOffset CreatedAt)
{
    /// <summary>The standard assessed against, e.g. "ISO/TS 37107:2019".</summary>
    public string Standard { get; init; } = "ISO/TS 37107:2019";

    public int ParticipantCount => Participation.Sum(p => p.Participants);

    public int StartedCount => Participation.Sum(p => p.Started);

    public int FinishedCount => Participation.Sum(p => p.Finished);

    /// <summary>Finished over participants, 0–1; null when nobody was invited.</summary>
    public decimal? FinishedRate => GroupParticipation.Rate(FinishedCount, ParticipantCount);
}

/// <summary>
/// One stakeholder group: how many were invited, how many started (at least one answer) and how many finished
/// (both views of every characteristic in scope answered). Never names.
/// </summary>
public sealed record GroupParticipation(string GroupName, int Participants, int Started, int Finished)
{
    public string? Description { get; init; }

    /// <summary>Finished over participants, 0–1; null when the group has no participants.</summary>
    public decimal? FinishedRate => Rate(Finished, Participants);

    internal static decimal? Rate(int responses, int participants) =>
        participants <= 0 ? null : (decimal)responses / participants;
}
