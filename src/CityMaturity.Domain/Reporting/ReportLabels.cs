namespace CityMaturity.Domain.Reporting;

/// <summary>
/// The fixed wording of a baseline report. English by default; a translation replaces it whole, so a
/// Chinese report needs no renderer change. Format strings use composite formatting ({0}, {1}).
/// </summary>
public sealed record ReportLabels
{
    public static ReportLabels English { get; } = new();

    /// <summary>Culture for dates and numbers, e.g. "en-GB" or "zh-CN".</summary>
    public string Culture { get; init; } = "en-GB";

    public string DateFormat { get; init; } = "d MMMM yyyy";

    public string ReportTitle { get; init; } = "Baseline maturity report";
    public string CoverKicker { get; init; } = "Smart sustainable community maturity assessment";
    public string Organisation { get; init; } = "Organisation";
    public string AssessmentDate { get; init; } = "Assessment date";
    public string Method { get; init; } = "Assessment method";
    public string Purpose { get; init; } = "Purpose (ISO 37104 stage)";
    public string Standard { get; init; } = "Standard";
    public string ReportCreated { get; init; } = "Report created";
    public string Participation { get; init; } = "Participation";
    public string StakeholderGroup { get; init; } = "Stakeholder group";
    public string Participants { get; init; } = "Participants";
    public string Responses { get; init; } = "Responses";
    public string ResponseRate { get; init; } = "Response rate";
    public string Total { get; init; } = "Total";
    public string ScaleNote { get; init; } =
        "Scores are maturity levels on the ISO/TS 37107 scale from 1 (Initial) to 5 (Sustainably optimising): " +
        "the median of the stakeholders' ratings, or the level agreed in moderation where there was one.";

    public string Contents { get; init; } = "Contents";

    public string ExecutiveSummary { get; init; } = "Executive summary";
    public string Now { get; init; } = "Now";
    public string InTwoYears { get; init; } = "In 2 years";
    public string Target { get; init; } = "Target";
    public string RatedFormat { get; init; } = "{0} of {1} rated";
    public string MaturityProfile { get; init; } = "Maturity profile";
    public string RadarKey { get; init; } = "Axes";
    public string Strengths { get; init; } = "Top strengths";
    public string Weaknesses { get; init; } = "Weaknesses";
    public string PlanGapsShort { get; init; } = "Gaps in plans";
    public string NoneIdentified { get; init; } = "None identified.";

    public string DimensionHeadingFormat { get; init; } = "Dimension {0} · {1}";
    public string DimensionScoreFormat { get; init; } = "Score now {0} · in 2 years {1} · {2}";
    public string SubDimensionScores { get; init; } = "Sub-dimension scores";
    public string SubDimension { get; init; } = "Sub-dimension";
    public string Characteristics { get; init; } = "Characteristics";
    public string Code { get; init; } = "Code";
    public string Characteristic { get; init; } = "Characteristic";
    public string NowShort { get; init; } = "Now";
    public string InTwoYearsShort { get; init; } = "2 yrs";
    public string Source { get; init; } = "Source";
    public string Planned { get; init; } = "Planned";
    public string Respondents { get; init; } = "n";
    public string InterquartileRange { get; init; } = "IQR";
    public string Consensus { get; init; } = "Consensus";
    public string TargetShort { get; init; } = "Target";
    public string LevelReached { get; init; } = "Level reached";
    public string NotRated { get; init; } = "Not rated yet.";
    public string TableNote { get; init; } =
        "Planned: in 2 years minus now. n: stakeholders who rated the level now. IQR: interquartile range of their ratings.";

    public string PerceptionGaps { get; init; } = "Where stakeholder groups see it differently";
    public string PerceptionGapsIntro { get; init; } =
        "Characteristics on which the medians of the stakeholder groups lie far apart. These are the conversations to have first.";
    public string View { get; init; } = "View";
    public string GroupMedians { get; init; } = "Group medians (n)";
    public string Spread { get; init; } = "Spread";
    public string NoPerceptionGaps { get; init; } = "The stakeholder groups broadly agree on every characteristic.";

    public string PlanGaps { get; init; } = "Gaps in plans and what helps";
    public string PlanGapsIntro { get; init; } =
        "Characteristics where current plans bring little or no progress in the next two years, or fall short of the target.";
    public string DocumentsThatHelp { get; init; } = "Documents that help";
    public string LocalGovernmentFunctions { get; init; } = "ISO 18091 local-government functions";
    public string NoPlanGaps { get; init; } = "Current plans improve every characteristic.";
    public string NextStepsFormat { get; init; } = "Next steps at the stage “{0}”";

    public string Appendix { get; init; } = "Appendix";
    public string Methodology { get; init; } = "How the scores are computed";
    public string LevelDefinitions { get; init; } = "Level definitions";
    public string Level { get; init; } = "Level";
    public string Definition { get; init; } = "Definition";
    public string Groups { get; init; } = "Stakeholder groups";
    public string Description { get; init; } = "Description";
    public string ConsensusDecisions { get; init; } = "Consensus decisions";
    public string NoConsensus { get; init; } = "No consensus";
    public string Rationale { get; init; } = "Rationale";
    public string NoConsensusDecisions { get; init; } = "The assessment was not moderated; no consensus decisions were recorded.";

    public string PageFormat { get; init; } = "Page {0} of {1}";
}
