using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Plans;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Tests.Plans;

/// <summary>What the plan form offers first, worked by hand.</summary>
public sealed class ActionChoicesTests
{
    private static readonly string[] Scope = ["1.1.1", "1.1.2", "1.2.1", "2.1.1", "2.1.2"];

    private static Weakness Weak(string code, decimal now) => new(code, now, ScoreSource.Median);

    private static GapInPlans Gap(string code, decimal inTwoYears) => new(code, inTwoYears, ScoreSource.Median, null, GapInPlansReason.BelowFulfilled, 3 - inTwoYears);

    [Fact]
    public void Weaknesses_come_first_then_gaps_in_plans_then_the_rest_of_the_scope_in_its_order()
    {
        // Weaknesses as the summary lists them (lowest now first): 2.1.1 at 1, 1.1.2 at 2. Gaps (largest shortfall
        // first): 1.1.2 (2 in two years, also a weakness) and 1.2.1 (2.5). 9.9.9 is out of scope and left out.
        var choices = ActionChoices.Characteristics(Scope, [Weak("2.1.1", 1), Weak("1.1.2", 2)], [Gap("1.1.2", 2), Gap("9.9.9", 1), Gap("1.2.1", 2.5m)]);

        Assert.Equal(
            [new("2.1.1", FocusReason.Weakness), new("1.1.2", FocusReason.WeaknessAndGapInPlans), new FocusCharacteristic("1.2.1", FocusReason.GapInPlans)],
            choices.Focus);
        Assert.Equal(["1.1.1", "2.1.2"], choices.Others);
        Assert.Equal(["weakness", "weakness, gap in plans", "gap in plans"], choices.Focus.Select(f => f.Label));
    }

    [Fact]
    public void Without_weaknesses_or_gaps_every_characteristic_is_offered_in_the_scope_order()
    {
        var choices = ActionChoices.Characteristics(Scope, [], []);

        Assert.Empty(choices.Focus);
        Assert.Equal(Scope, choices.Others);
    }

    [Fact]
    public void Documents_linked_to_the_chosen_sub_dimension_come_first_each_part_in_the_catalogue_order()
    {
        HelpfulDocument Doc(string code, params string[] serves) => new(code, code, "purpose", serves);
        IReadOnlyList<HelpfulDocument> all = [Doc("ISO A", "2.1"), Doc("ISO B", "1.1", "1.2"), Doc("ISO C"), Doc("ISO D", "1.1")];

        var chosen = ActionChoices.Documents(all, "1.1");
        var none = ActionChoices.Documents(all, null);

        Assert.Equal(["ISO B", "ISO D"], chosen.Linked.Select(d => d.Code));
        Assert.Equal(["ISO A", "ISO C"], chosen.Others.Select(d => d.Code));
        Assert.Empty(none.Linked);
        Assert.Equal(["ISO A", "ISO B", "ISO C", "ISO D"], none.Others.Select(d => d.Code));
    }
}
