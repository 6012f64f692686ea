using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Cycles;

namespace CityMaturity.Domain.Reporting;

/// <summary>Builds the <see cref="SinceLastCycle"/> chapter from the two cycles' figures: the comparisons stay in Domain/Cycles.</summary>
internal static class SinceLastCycleBuilder
{
    public static SinceLastCycle Build(Cycle previous, Cycle current, MaturityCatalogue catalogue, ReportLabels labels)
    {
        // The comparisons need time to pass between the cycles (CyclePairs.RequireOrder); without it the chapter says so.
        if (previous.Date >= current.Date)
        {
            return new SinceLastCycle(previous.Name, previous.Date, current.Date, null);
        }

        var moved = WhatMoved.Compare(previous, current);
        var realisation = PlanRealisation.Compare(previous, current);
        string Title(string code) => catalogue.GetCharacteristic(code).Title;
        SourcedScore Sourced(ScorePoint point) => new(point.Score, BaselineReportBuilder.SourceText(point.Source, labels));
        MovedCharacteristic Moved(CharacteristicMovement m) => new(m.Code, Title(m.Code), Sourced(m.Earlier), Sourced(m.Later), m.Change, m.Spread);
        List<UncomparedCharacteristic> Uncompared(IEnumerable<ExcludedCharacteristic> excluded) =>
            [.. excluded.Select(e => new UncomparedCharacteristic(e.Code, Title(e.Code), [.. e.Reasons.Select(r => ReasonText(r, labels))]))];
        RealisationRateRow Rate(string code, string title, RealisationRate rate) =>
            new(code, title, rate.Judged, rate.Met, rate.Exceeded, rate.Missed, rate.Excluded, rate.Percent);

        var comparison = new CycleComparison(
            realisation.ElapsedMonths,
            realisation.ShareOfPlanExpected,
            [.. moved.Characteristics.Where(m => m.Movement == Movement.Improved).OrderByDescending(m => m.Change).Select(Moved)],
            [.. moved.Characteristics.Where(m => m.Movement == Movement.Regressed).OrderBy(m => m.Change).Select(Moved)],
            [.. moved.Characteristics.Where(m => m.Movement == Movement.Unchanged).Select(Moved)],
            Uncompared(moved.Excluded),
            Rate(string.Empty, string.Empty, realisation.Overall),
            [.. realisation.Dimensions.Select(d => Rate(d.DimensionCode, catalogue.GetDimension(d.DimensionCode).Title, d.Rate))],
            [.. realisation.Characteristics.Select(r => new RealisedCharacteristic(
                r.Code, Title(r.Code), r.EarlierNow is { } earlierNow ? Sourced(earlierNow) : null, Sourced(r.EarlierInTwoYears),
                r.Expected, Sourced(r.LaterNow), r.Difference, r.Outcome))],
            Uncompared(realisation.Excluded));
        return new SinceLastCycle(previous.Name, previous.Date, current.Date, comparison);
    }

    public static string ReasonText(Exclusion exclusion, ReportLabels labels) => exclusion.Reason switch
    {
        ExclusionReason.OutOfScopeInEarlier => labels.ExclusionNotInPreviousScope,
        ExclusionReason.OutOfScopeInLater => labels.ExclusionNotInThisScope,
        ExclusionReason.DontKnow => string.Format(
            System.Globalization.CultureInfo.GetCultureInfo(labels.Culture), labels.ExclusionDontKnowFormat, PointText(exclusion.Point, labels)),
        ExclusionReason.NotRated => string.Format(
            System.Globalization.CultureInfo.GetCultureInfo(labels.Culture), labels.ExclusionNotRatedFormat, PointText(exclusion.Point, labels)),
    };

    private static string PointText(CyclePoint? point, ReportLabels labels) => point switch
    {
        CyclePoint.EarlierNow => labels.PointPreviousNow,
        CyclePoint.EarlierInTwoYears => labels.PointPreviousPlan,
        CyclePoint.LaterNow => labels.PointThisNow,
        null => labels.PointThisNow,
    };
}
