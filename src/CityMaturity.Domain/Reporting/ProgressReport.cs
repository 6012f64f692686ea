using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Plans;

namespace CityMaturity.Domain.Reporting;

/// <summary>
/// A progress report: two cycles of a series compared (what moved, plan realisation) and the earlier cycle's actions
/// with their outcomes. Plain records the PDF renderer draws; every list is whole (nothing is cut to fit).
/// </summary>
public sealed record ProgressReport(
    ProgressReportLabels Labels,
    ProgressReportMetadata Metadata,
    IReadOnlyList<ProgressMovementRow> Movements,
    int Converged,
    int Diverged,
    PlanRealisationResult Realisation,
    IReadOnlyList<(string Code, string Title)> Dimensions,
    IReadOnlyList<ProgressRealisationRow> Realised,
    IReadOnlyList<ProgressActionRow> Actions,
    int ActionsOpenPastDue,
    IReadOnlyList<ProgressExcludedRow> NotCompared)
{
    public int Count(Movement movement) => Movements.Count(m => m.Movement == movement);
}

public sealed record ProgressReportMetadata(
    string Organisation,
    string Community,
    string SeriesName,
    string EarlierName,
    DateOnly EarlierDate,
    string LaterName,
    DateOnly LaterDate,
    DateTimeOffset CreatedAt,
    string Language);

public sealed record ProgressMovementRow(string Code, string Title, decimal Earlier, decimal Later, decimal Change, Movement Movement, SpreadChange? Spread);

public sealed record ProgressRealisationRow(string Code, string Title, decimal Plan, decimal Expected, decimal LaterNow, RealisationOutcome Outcome, decimal Difference);

/// <param name="Movement">Null when the characteristic was not compared.</param>
/// <param name="Indicators">Each target with whether it was reached ("CODE → 90 by 2026: reached (92 in 2026 …)"), when judged.</param>
public sealed record ProgressActionRow(
    string CharacteristicCode,
    string Title,
    string Owner,
    DateOnly DueDate,
    ActionStatus Status,
    Movement? Movement,
    decimal? Change,
    RealisationOutcome? Realisation,
    IReadOnlyList<string> Indicators);

/// <param name="Reasons">Readable reasons in the report's labels, e.g. "out of scope in the later cycle".</param>
public sealed record ProgressExcludedRow(string Code, string Title, string Reasons);

public static class ProgressReportBuilder
{
    /// <param name="owners">The owner of each action by action id, as a reader sees it.</param>
    /// <param name="labels">The report's wording; by default that of the catalogue's language.</param>
    public static ProgressReport Build(
        ProgressReportMetadata metadata,
        WhatMovedResult moved,
        PlanRealisationResult realisation,
        IReadOnlyList<ActionOutcome> actions,
        IReadOnlyDictionary<Guid, string> owners,
        MaturityCatalogue catalogue,
        ProgressReportLabels? labels = null)
    {
        labels ??= ProgressReportLabels.For(catalogue.Language);
        string TitleOf(string code) => catalogue.TryGetCharacteristic(code, out var c) ? c.Title : code;
        var movements = moved.Characteristics
            .OrderBy(m => m.Code, CharacteristicCodeComparer.Instance)
            .Select(m => new ProgressMovementRow(m.Code, TitleOf(m.Code), m.Earlier.Score, m.Later.Score, m.Change, m.Movement, m.Spread?.Direction))
            .ToList();
        var realised = realisation.Characteristics
            .OrderBy(r => r.Code, CharacteristicCodeComparer.Instance)
            .Select(r => new ProgressRealisationRow(r.Code, TitleOf(r.Code), r.EarlierInTwoYears.Score, r.Expected, r.LaterNow.Score, r.Outcome, r.Difference))
            .ToList();
        var actionRows = actions.Select(o => new ProgressActionRow(
                o.Action.CharacteristicCode, o.Action.Title, owners.GetValueOrDefault(o.Action.Id, o.Action.OwnerName ?? string.Empty),
                o.Action.DueDate, o.Action.Status, o.Movement?.Movement, o.Movement?.Change, o.Realisation?.Outcome,
                [.. o.Targets.Select(t => t.Line)]))
            .ToList();
        // Excluded from either comparison: the union, one row per characteristic, every reason said once.
        var notCompared = moved.Excluded.Concat(realisation.Excluded)
            .GroupBy(e => e.Code)
            .OrderBy(g => g.Key, CharacteristicCodeComparer.Instance)
            .Select(g => new ProgressExcludedRow(g.Key, TitleOf(g.Key), string.Join(labels.ReasonSeparator, g.SelectMany(e => e.Reasons).Select(labels.ReasonOf).Distinct())))
            .ToList();
        return new ProgressReport(
            labels,
            metadata,
            movements,
            moved.Count(SpreadChange.Converged),
            moved.Count(SpreadChange.Diverged),
            realisation,
            [.. realisation.Dimensions.Select(d => (d.DimensionCode, catalogue.GetDimension(d.DimensionCode).Title))],
            realised,
            actionRows,
            actions.Count(a => a.Action.IsOverdueOn(metadata.LaterDate)),
            notCompared);
    }
}
