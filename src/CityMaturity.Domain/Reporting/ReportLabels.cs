namespace CityMaturity.Domain.Reporting;

/// <summary>
/// The fixed wording of a baseline report. English by default; a translation replaces it whole, so a
/// Chinese report needs no renderer change. Format strings use composite formatting ({0}, {1}).
/// </summary>
public sealed partial record ReportLabels
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
    public string Started { get; init; } = "Started";
    public string Finished { get; init; } = "Finished";
    public string FinishedRate { get; init; } = "Finished (share)";
    public string ParticipationNote { get; init; } =
        "Started: gave at least one answer. Finished: answered both views of every characteristic in scope (a level or “don't know”).";
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
    public string NotRatedShort { get; init; } = "not rated";
    /// <summary>Under a radar: the spokes without a point in a series. {0}: series name, {1}: the axis codes.</summary>
    public string RadarNotRatedFormat { get; init; } = "Not rated {0}: {1} (no point on that spoke).";
    /// <summary>Under a summary column that shows the first few of a longer list. {0}: shown, {1}: all.</summary>
    public string HighlightsShownFormat { get; init; } = "{0} of {1} shown; all {1} are listed in the appendix.";
    /// <summary>Under the summary's gaps in plans when it shows fewer than there are. {0}: shown, {1}: all.</summary>
    public string PlanGapsShownFormat { get; init; } = "{0} of {1} shown; all {1} are in the chapter on gaps in plans.";
    public string ShortByFormat { get; init; } = "short by {0}";
    /// <summary>{0}: how many participants expect a lower level in two years than now.</summary>
    public string ExpectDeclineFormat { get; init; } = "{0} expect decline (their level in 2 years is below their level now).";
    public string MaturityProfile { get; init; } = "Maturity profile";
    public string RadarKey { get; init; } = "Axes";
    /// <summary>What a screen reader says for the radar chart (the tagged PDF's alternative text).</summary>
    public string RadarAltText { get; init; } =
        "Radar chart of the sub-dimension scores now (solid line) and in two years (dashed line) on the scale 1 to 5. " +
        "The same scores are given as figures in each dimension's chapter.";
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
    /// <summary>{0}: characteristic-views listed, {1}: the characteristics they belong to.</summary>
    public string PerceptionGapsCountFormat { get; init; } = "{0} characteristic-views (a characteristic now or in 2 years) on {1} characteristics, largest spread first.";

    public string PlanGaps { get; init; } = "Gaps in plans and what helps";
    public string PlanGapsIntro { get; init; } =
        "Characteristics where current plans bring little or no progress in the next two years, or fall short of the target.";
    public string DocumentsThatHelp { get; init; } = "Documents that help";
    public string LocalGovernmentFunctions { get; init; } = "ISO 18091 local-government functions";
    public string NoPlanGaps { get; init; } = "Current plans improve every characteristic.";
    public string NextStepsFormat { get; init; } = "Next steps at the stage “{0}”";
    public string ShortfallLabel { get; init; } = "Short by";
    public string PlanGapsCountFormat { get; init; } = "{0} characteristics.";

    // ------------------------------------------------------------ since the last cycle (a follow-up's report)

    public string SinceLastCycle { get; init; } = "Since the last cycle";
    /// <summary>{0}: the previous cycle's name, {1}: its date, {2}: this cycle's date.</summary>
    public string SinceIntroFormat { get; init; } =
        "This assessment follows up “{0}” ({1}). Its level now ({2}) is compared with that cycle's: what moved, and whether the plans made then (“in two years”) were realised.";
    /// <summary>{0}: the previous cycle's date, {1}: this cycle's date.</summary>
    public string SinceNotDatedApartFormat { get; init; } =
        "The previous cycle is dated {0} and this one {1}: comparisons need the previous cycle to be dated earlier, so there is nothing to compare.";
    public string WhatMoved { get; init; } = "What moved";
    /// <summary>{0}: improved, {1}: regressed, {2}: unchanged, {3}: compared, {4}: not compared.</summary>
    public string MovedCountsFormat { get; init; } =
        "Of {3} characteristics compared, {0} improved, {1} regressed and {2} stayed unchanged; {4} could not be compared. All are listed below.";
    /// <summary>{0}: converged, {1}: diverged.</summary>
    public string SpreadCountsFormat { get; init; } =
        "The stakeholder groups' medians of the level now lie closer together on {0} of them and further apart on {1} (column “Groups”).";
    public string Improved { get; init; } = "Improved";
    public string Regressed { get; init; } = "Regressed";
    public string Unchanged { get; init; } = "Unchanged";
    public string NotCompared { get; init; } = "Not compared";
    public string Previous { get; init; } = "Previous";
    public string ThisCycle { get; init; } = "This cycle";
    public string Change { get; init; } = "Change";
    public string GroupsSpread { get; init; } = "Groups";
    /// <summary>{0}: spread before, {1}: spread now. Not written "x → y": the report keeps that form for sub-dimension scores.</summary>
    public string ConvergedFormat { get; init; } = "closer ({0} to {1})";
    public string DivergedFormat { get; init; } = "further apart ({0} to {1})";
    public string SpreadUnchangedFormat { get; init; } = "same ({0})";
    public string SpreadNotComparable { get; init; } = "–";
    public string PlanRealisation { get; init; } = "Plan realisation";
    /// <summary>{0}: months between the cycles, {1}: the share of each planned change that was due, in percent.</summary>
    public string RealisationIntroFormat { get; init; } =
        "{0} months passed between the cycles, so {1} of each planned change was due: the expected level is the previous level now moved that share of the way to the previous plan (all of it from 24 months). A plan is met when this cycle's level now is within half a level of the expected one.";
    /// <summary>{0}: rate, {1}: met, {2}: exceeded, {3}: missed, {4}: judged, {5}: not judged.</summary>
    public string RealisationRateFormat { get; init; } =
        "Realisation rate {0}: of {4} plans judged, {1} were met, {2} exceeded and {3} missed; {5} could not be judged (listed below).";
    public string NoneJudged { get; init; } = "none judged";
    public string Dimension { get; init; } = "Dimension";
    public string Rate { get; init; } = "Rate";
    public string Met { get; init; } = "Met";
    public string Exceeded { get; init; } = "Exceeded";
    public string Missed { get; init; } = "Missed";
    public string NotJudged { get; init; } = "Not judged";
    public string PreviousNow { get; init; } = "Previous now";
    public string PreviousPlan { get; init; } = "Plan";
    public string Expected { get; init; } = "Expected";
    public string Outcome { get; init; } = "Outcome";
    /// <summary>{0}: by how many levels.</summary>
    public string ExceededByFormat { get; init; } = "exceeded by {0}";
    public string MissedByFormat { get; init; } = "missed by {0}";
    public string MetOutcome { get; init; } = "met";
    public string SourcesNote { get; init; } =
        "Each score names its source: Consensus (agreed in a moderated session) or Median (of all known levels). Changes and outcomes are computed before rounding.";
    public string ExclusionNotInPreviousScope { get; init; } = "not in the previous cycle's scope";
    public string ExclusionNotInThisScope { get; init; } = "not in this cycle's scope";
    /// <summary>{0}: which point (e.g. "the previous level now").</summary>
    public string ExclusionDontKnowFormat { get; init; } = "only “don't know” for {0}";
    public string ExclusionNotRatedFormat { get; init; } = "not rated for {0}";
    public string PointPreviousNow { get; init; } = "the previous level now";
    public string PointPreviousPlan { get; init; } = "the previous plan (in two years)";
    public string PointThisNow { get; init; } = "this cycle's level now";

    public string Appendix { get; init; } = "Appendix";
    public string Methodology { get; init; } = "How the scores are computed";
    public string LevelDefinitions { get; init; } = "Level definitions";
    public string Level { get; init; } = "Level";
    public string Definition { get; init; } = "Definition";
    public string Groups { get; init; } = "Stakeholder groups";
    public string StrengthsAndWeaknesses { get; init; } = "Strengths and weaknesses in full";
    /// <summary>{0}: list name, {1}: how many.</summary>
    public string ListCountFormat { get; init; } = "{0} ({1})";
    public string AllStrengths { get; init; } = "Strengths: score now 4 or more";
    public string AllWeaknesses { get; init; } = "Weaknesses: score now 2 or less";
    public string Description { get; init; } = "Description";
    public string ConsensusDecisions { get; init; } = "Consensus decisions";
    public string NoConsensus { get; init; } = "No consensus";
    public string Rationale { get; init; } = "Rationale";
    public string NoConsensusDecisions { get; init; } = "The assessment was not moderated; no consensus decisions were recorded.";

    public string PageFormat { get; init; } = "Page {0} of {1}";

    // ------------------------------------------------------------ wording the model builder puts into the report

    public string SourceConsensus { get; init; } = "Consensus";
    public string SourceAudited { get; init; } = "Audited";
    public string SourceMedian { get; init; } = "Median";
    public string SourceNotRated { get; init; } = "Not rated";
    public string ConsensusAgreed { get; init; } = "Agreed";
    public string ConsensusNoAgreement { get; init; } = "No agreement";
    public string ConsensusTooFewAnswers { get; init; } = "Too few answers";
    public string GapBelowFulfilled { get; init; } = "Current plans do not reach level 3 (Fulfilled) in two years.";
    /// <summary>{0}: the target level.</summary>
    public string GapBelowTargetFormat { get; init; } = "Current plans fall short of the target level {0}.";
    /// <summary>{0}: the target level.</summary>
    public string GapBelowFulfilledAndTargetFormat { get; init; } = "Current plans reach neither level 3 (Fulfilled) nor the target level {0}.";
    /// <summary>{0}: weaknesses, {1}: gaps in plans; both lists are in the report in full.</summary>
    public string NextStepTakeFindingsFormat { get; init; } =
        "Take the {0} weaknesses and {1} gaps in plans of this report to the owners of the documents that help, and agree who acts on each.";
    /// <summary>{0}: flagged characteristic-views, {1}: the characteristics they belong to.</summary>
    public string NextStepDiscussPerceptionGapsFormat { get; init; } =
        "Discuss the {0} characteristic-views ({1} characteristics) on which stakeholder groups differ by two levels or more before treating their scores as settled.";
    /// <summary>{0}: the next stage's name, {1}: what the model is for there.</summary>
    public string NextStepThenFormat { get; init; } = "Then, at the stage “{0}”: {1}";

    /// <summary>The scoring rules of docs/methodology.md, in short, for the appendix.</summary>
    public IReadOnlyList<string> MethodologyParagraphs { get; init; } =
    [
        "Each participant rated every characteristic twice: the level reached now and the level expected in two years on current plans, " +
        "each a maturity level from 1 to 5 or “don't know”. “Don't know” and unanswered questions are not levels: they never enter a figure.",
        "A characteristic's score is the level agreed in a moderated session where there is one (source “Consensus”), otherwise the median " +
        "of all known levels (source “Median”; with an even number of answers the mean of the two middle ones, so 2.5 is possible). " +
        "With no known level the characteristic is not rated: charts leave its point out rather than draw it at 0.",
        "n is the number of known levels. The interquartile range (IQR) is the third quartile minus the first, each interpolated between " +
        "the sorted answers as spreadsheets' QUARTILE.INC does, so it is a multiple of 0.25 and printed with two decimals where it has them. " +
        "With at least three answers an IQR of 1 or less is broad agreement and a larger one no agreement; with fewer there are too few answers to judge.",
        "A sub-dimension's score is the mean of the scores of its rated characteristics; a dimension's score is the mean over all its rated " +
        "characteristics, each weighing the same (not the mean of its sub-dimensions). Means are rounded to two decimals, half away from zero; " +
        "this report shows scores with one decimal. “k of m rated” says how many characteristics had a score, for each view on its own.",
        "The level reached, and the achievement criterion quoted for it, is the level the score now reaches in full: its whole part. " +
        "A median of 2.5 therefore quotes the criterion of level 2, because level 3 is reached only by half of the middle answers.",
        "Planned improvement is the score in two years minus the score now; “expect decline” counts the participants whose own level in two years " +
        "is below their own level now. A strength is a score now of 4 or more, a weakness one of 2 or less. " +
        "A gap in plans is a score in two years below 3 (Fulfilled) or below the target the assessment sets for the characteristic; " +
        "its shortfall is the distance to the higher of the bars it misses. Targets are set per characteristic only.",
        "A perception gap is the largest minus the smallest median of the stakeholder groups that gave a known level, per characteristic and view; " +
        "gaps of two levels or more are listed, all of them.",
        "Participants started when they gave at least one answer and finished when they answered both views of every characteristic in scope.",
    ];
}
