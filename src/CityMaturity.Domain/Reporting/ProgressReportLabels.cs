using System.Globalization;
using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Plans;

namespace CityMaturity.Domain.Reporting;

/// <summary>
/// The fixed wording of a progress report (two cycles compared). English by default; a translation replaces it whole.
/// Kept apart from <see cref="ReportLabels"/> (the baseline report's) so each report's wording can be read on its own.
/// Format strings use composite formatting ({0}, {1}). The Chinese wording is in ProgressReportLabels.Chinese.cs.
/// </summary>
public sealed partial record ProgressReportLabels
{
    public static ProgressReportLabels English { get; } = new();

    public string Culture { get; init; } = "en-GB";
    public string DateFormat { get; init; } = "d MMMM yyyy";

    public string ReportTitle { get; init; } = "Progress report";
    public string Kicker { get; init; } = "Two assessment cycles compared (ISO 37104 check and act)";
    public string Organisation { get; init; } = "Organisation";
    public string Series { get; init; } = "Series";
    public string EarlierCycle { get; init; } = "Earlier cycle";
    public string LaterCycle { get; init; } = "Later cycle";
    public string MonthsApart { get; init; } = "Months between the cycles";
    public string ReportCreated { get; init; } = "Report created";
    public string PageFormat { get; init; } = "Page {0} of {1}";

    public string ExecutiveSummary { get; init; } = "Executive summary";
    /// <summary>{0} improved, {1} regressed, {2} unchanged, {3} compared.</summary>
    public string MovedSentenceFormat { get; init; } =
        "Of the {3} characteristics compared, {0} improved, {1} regressed and {2} stayed where they were (level now).";
    /// <summary>{0}: how many could not be compared. Only said when the chapter listing them is in the report.</summary>
    public string NotComparedSentenceFormat { get; init; } = "{0} could not be compared; the chapter “Not compared” lists each with its reason.";
    /// <summary>{0} converged, {1} diverged.</summary>
    public string SpreadSentenceFormat { get; init; } = "The stakeholder groups converged on {0} and diverged on {1} characteristics.";
    /// <summary>{0}: percent, {1}: met or exceeded, {2}: judged.</summary>
    public string RealisationSentenceFormat { get; init; } = "Plans were realised for {0} of the characteristics judged: {1} of {2} met or exceeded the level the earlier plan led one to expect.";
    public string RealisationNoneSentence { get; init; } = "No plan could be judged: no characteristic had both the earlier plan and the later level now.";
    /// <summary>{0}: actions, then the status counts.</summary>
    public string ActionsSentenceFormat { get; init; } = "The earlier cycle's improvement plan has {0} actions: {1}.";
    public string NoActionsSentence { get; init; } = "The earlier cycle recorded no improvement actions.";
    /// <summary>{0}: how many open actions are past their due date at the later cycle's date.</summary>
    public string OpenPastDueSentenceFormat { get; init; } = "{0} of them are still open although they were due before the later cycle's date.";

    public string WhatMoved { get; init; } = "What moved";
    public string WhatMovedIntro { get; init; } =
        "The score now (S) of each characteristic assessed in both cycles, with the change and whether the stakeholder groups' views drew together.";
    public string Characteristic { get; init; } = "Characteristic";
    public string Earlier { get; init; } = "Earlier";
    public string Later { get; init; } = "Later";
    public string Change { get; init; } = "Change";
    public string Movement { get; init; } = "Movement";
    public string Groups { get; init; } = "Groups";
    public string Improved { get; init; } = "improved";
    public string Regressed { get; init; } = "regressed";
    public string Unchanged { get; init; } = "unchanged";
    public string Converged { get; init; } = "converged";
    public string Diverged { get; init; } = "diverged";
    public string SpreadUnchanged { get; init; } = "as before";
    public string NotComparable { get; init; } = "–";
    public string NothingCompared { get; init; } = "No characteristic was rated in both cycles.";

    public string PlanRealisation { get; init; } = "Plan realisation";
    /// <summary>{0}: months apart, {1}: share of the planned change expected (percent).</summary>
    public string RealisationIntroFormat { get; init; } =
        "The earlier cycle's level in two years is the plan. The cycles are {0} months apart, so {1} of the planned change was due: " +
        "a plan is met when the later level now lies within half a level of that expectation.";
    public string Dimension { get; init; } = "Dimension";
    public string Overall { get; init; } = "Overall";
    public string Judged { get; init; } = "Judged";
    public string Met { get; init; } = "Met";
    public string Exceeded { get; init; } = "Exceeded";
    public string Missed { get; init; } = "Missed";
    public string Rate { get; init; } = "Rate";
    public string Plan { get; init; } = "Plan";
    public string Expected { get; init; } = "Expected";
    public string Outcome { get; init; } = "Outcome";
    public string MissedByFormat { get; init; } = "missed by {0}";
    public string ExceededByFormat { get; init; } = "exceeded by {0}";

    public string Actions { get; init; } = "Actions and their outcomes";
    public string ActionsIntro { get; init; } =
        "Each action of the earlier cycle's improvement plan, with its status and what its characteristic did by the later cycle.";
    public string Action { get; init; } = "Action";
    public string Owner { get; init; } = "Owner";
    public string Due { get; init; } = "Due";
    public string Status { get; init; } = "Status";
    public string StatusPlanned { get; init; } = "Planned";
    public string StatusInProgress { get; init; } = "In progress";
    public string StatusDone { get; init; } = "Done";
    public string StatusDropped { get; init; } = "Dropped";
    /// <summary>One status's count in the summary sentence; {0}: the count, {1}: the status (in lower case where the language has case).</summary>
    public string StatusCountFormat { get; init; } = "{0} {1}";
    /// <summary>Between the status counts of the summary sentence.</summary>
    public string ListSeparator { get; init; } = ", ";
    public string Indicators { get; init; } = "Indicators";
    public string NotComparedShort { get; init; } = "not compared";

    public string NotCompared { get; init; } = "Not compared";
    public string NotComparedIntro { get; init; } = "Characteristics left out of the comparison, with the reason.";
    public string Reason { get; init; } = "Reason";
    public string ReasonOutOfScopeInEarlier { get; init; } = "out of scope in the earlier cycle";
    public string ReasonOutOfScopeInLater { get; init; } = "out of scope in the later cycle";
    public string ReasonDontKnow { get; init; } = "only “don't know”";
    public string ReasonNotRated { get; init; } = "not rated";
    public string PointEarlierNow { get; init; } = "earlier, now";
    public string PointEarlierInTwoYears { get; init; } = "earlier, in two years";
    public string PointLaterNow { get; init; } = "later, now";
    /// <summary>{0}: the reason, {1}: the point it concerns (e.g. "not rated (later, now)").</summary>
    public string ReasonAtPointFormat { get; init; } = "{0} ({1})";
    /// <summary>Between a characteristic's reasons when it has more than one.</summary>
    public string ReasonSeparator { get; init; } = "; ";

    /// <summary>Why a characteristic was left out of a comparison, in these labels' words.</summary>
    public string ReasonOf(Exclusion exclusion)
    {
        var reason = exclusion.Reason switch
        {
            ExclusionReason.OutOfScopeInEarlier => ReasonOutOfScopeInEarlier,
            ExclusionReason.OutOfScopeInLater => ReasonOutOfScopeInLater,
            ExclusionReason.DontKnow => ReasonDontKnow,
            ExclusionReason.NotRated => ReasonNotRated,
        };
        return exclusion.Point is { } point
            ? string.Format(CultureInfo.GetCultureInfo(Culture), ReasonAtPointFormat, reason, PointName(point))
            : reason;
    }

    /// <summary>An action's status in these labels' words, as the actions table shows it.</summary>
    public string StatusName(ActionStatus status) => status switch
    {
        ActionStatus.Planned => StatusPlanned,
        ActionStatus.InProgress => StatusInProgress,
        ActionStatus.Done => StatusDone,
        ActionStatus.Dropped => StatusDropped,
    };

    private string PointName(CyclePoint point) => point switch
    {
        CyclePoint.EarlierNow => PointEarlierNow,
        CyclePoint.EarlierInTwoYears => PointEarlierInTwoYears,
        CyclePoint.LaterNow => PointLaterNow,
    };
}
