using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Cycles;

namespace CityMaturity.Domain.Plans;

/// <summary>
/// An action of the earlier cycle's plan beside what its characteristic did by the later cycle: the movement of the
/// level now and whether the plan ("in two years") was realised. Both are null when the characteristic could not be
/// compared; <see cref="Excluded"/> then says why (out of scope in one cycle, don't know, not rated).
/// </summary>
/// <param name="Targets">The action's indicator targets, each judged against the published value of its year.</param>
public sealed record ActionOutcome(
    ImprovementAction Action,
    CharacteristicMovement? Movement,
    CharacteristicRealisation? Realisation,
    ExcludedCharacteristic? Excluded,
    IReadOnlyList<TargetCheck> Targets);

public static class ActionOutcomes
{
    /// <summary>Each action (catalogue order of its characteristic, then due date) with its characteristic's figures and its judged targets.</summary>
    /// <param name="targetsOf">The action's indicator targets judged (<see cref="IndicatorTargetChecks.Of"/>).</param>
    public static IReadOnlyList<ActionOutcome> Of(
        IEnumerable<ImprovementAction> actions, Func<ImprovementAction, IReadOnlyList<TargetCheck>> targetsOf, WhatMovedResult moved, PlanRealisationResult realisation)
    {
        var movements = moved.Characteristics.ToDictionary(m => m.Code);
        var realised = realisation.Characteristics.ToDictionary(r => r.Code);
        var excluded = moved.Excluded.ToDictionary(e => e.Code);
        return
        [
            .. InPlanOrder(actions)
                .Select(a => new ActionOutcome(
                    a,
                    movements.GetValueOrDefault(a.CharacteristicCode),
                    realised.GetValueOrDefault(a.CharacteristicCode),
                    excluded.GetValueOrDefault(a.CharacteristicCode),
                    targetsOf(a))),
        ];
    }

    /// <summary>The plan's order: the characteristic's place in the catalogue, then the due date, then the title.</summary>
    public static IEnumerable<ImprovementAction> InPlanOrder(IEnumerable<ImprovementAction> actions) =>
        actions.OrderBy(a => a.CharacteristicCode, CharacteristicCodeComparer.Instance).ThenBy(a => a.DueDate).ThenBy(a => a.Title, StringComparer.Ordinal);

    /// <summary>How many actions of each status; every status present, zero included, in <see cref="ActionStatuses.All"/> order.</summary>
    public static IReadOnlyList<(ActionStatus Status, int Count)> CountByStatus(IEnumerable<ImprovementAction> actions)
    {
        var list = actions.ToList();
        return [.. ActionStatuses.All.Select(s => (s, list.Count(a => a.Status == s)))];
    }
}
