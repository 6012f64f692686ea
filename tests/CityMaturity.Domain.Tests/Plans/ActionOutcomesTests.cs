using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Plans;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Tests.Plans;

public sealed class ActionOutcomesTests
{
    private static ImprovementAction Action(string code, string title, DateOnly due) => new()
    {
        Id = Guid.NewGuid(), CharacteristicCode = code, Title = title, OwnerName = "Office", DueDate = due,
    };

    [Fact]
    public void Each_action_gets_its_characteristics_movement_realisation_or_reason_in_catalogue_order()
    {
        var moved = new WhatMovedResult(
            [new CharacteristicMovement("1.1.10", "1", new(2, ScoreSource.Median), new(3, ScoreSource.Consensus), 1, Movement.Improved, null)],
            [new ExcludedCharacteristic("1.1.2", "1", [new Exclusion(ExclusionReason.NotRated, CyclePoint.LaterNow)])]);
        var rate = new RealisationRate(1, 1, 0, 0, 1, 100);
        var realisation = new PlanRealisationResult(24, 1, [
            new CharacteristicRealisation("1.1.10", "1", new(2, ScoreSource.Median), new(3, ScoreSource.Median), new(3, ScoreSource.Consensus), 3, 0, RealisationOutcome.Met),
        ], [], [new DimensionRealisation("1", rate)], rate);
        var actions = new[]
        {
            Action("1.1.10", "later due", new DateOnly(2025, 6, 1)),
            Action("1.1.2", "unrated", new DateOnly(2025, 1, 1)),
            Action("1.1.10", "sooner due", new DateOnly(2024, 6, 1)),
        };

        var outcomes = ActionOutcomes.Of(actions, _ => [], moved, realisation);

        // 1.1.2 comes before 1.1.10 (numeric parts), then by due date.
        Assert.Equal(["unrated", "sooner due", "later due"], outcomes.Select(o => o.Action.Title));
        Assert.Equal((null, null, ExclusionReason.NotRated), (outcomes[0].Movement, outcomes[0].Realisation, outcomes[0].Excluded!.Reasons[0].Reason));
        Assert.Equal((Movement.Improved, RealisationOutcome.Met), (outcomes[1].Movement!.Movement, outcomes[1].Realisation!.Outcome));
        Assert.Null(outcomes[1].Excluded);
    }
}
