using CityMaturity.Domain.Indicators;
using CityMaturity.Domain.Plans;

namespace CityMaturity.Domain.Tests.Plans;

/// <summary>Indicator targets judged against the published value of the target year, worked by hand.</summary>
public sealed class IndicatorTargetCheckTests
{
    private static Indicator Indicator(IndicatorDirection direction, string unit = "%") => new(
        "test", "T-1", "Test indicator", "A test.", "G", unit, IndicatorValueType.Number, direction, null, null, [], [], null);

    private static ActionIndicatorTarget Target(decimal value, int year = 2026) => new() { IndicatorCode = "T-1", TargetValue = value, TargetYear = year };

    [Theory]
    // Higher is better: 92 ≥ 90 reached; 85 < 90 short by 5; exactly 90 reached.
    [InlineData(IndicatorDirection.HigherIsBetter, 90, 92, TargetVerdict.Reached, "reached (92 in 2026, higher is better)")]
    [InlineData(IndicatorDirection.HigherIsBetter, 90, 85, TargetVerdict.NotReached, "not reached (85 in 2026, short by 5; higher is better)")]
    [InlineData(IndicatorDirection.HigherIsBetter, 90, 90, TargetVerdict.Reached, "reached (90 in 2026)")]
    // Lower is better (e.g. emissions): 3.5 ≤ 4 reached; 4.25 > 4 short by 0.25.
    [InlineData(IndicatorDirection.LowerIsBetter, 4, 3.5, TargetVerdict.Reached, "reached (3.5 in 2026, lower is better)")]
    [InlineData(IndicatorDirection.LowerIsBetter, 4, 4.25, TargetVerdict.NotReached, "not reached (4.25 in 2026, short by 0.25; lower is better)")]
    // No better direction: only the exact value counts; any other is neither reached nor missed.
    [InlineData(IndicatorDirection.Neither, 50, 50.0, TargetVerdict.Reached, "reached (50 in 2026)")]
    [InlineData(IndicatorDirection.Neither, 50, 60, TargetVerdict.NotJudgeable, "not judgeable (60 in 2026; the indicator has no better direction and the value differs from the target)")]
    public void The_published_value_is_judged_in_the_indicators_better_direction(
        IndicatorDirection direction, double target, double value, TargetVerdict verdict, string text)
    {
        var check = IndicatorTargetChecks.Check(Target((decimal)target), Indicator(direction), new PublishedFigure((decimal)value, "%"));

        Assert.Equal(verdict, check.Verdict);
        Assert.Equal(text, check.Text);
    }

    [Fact]
    public void Without_a_published_value_of_the_target_year_it_says_so_with_the_year()
    {
        var check = IndicatorTargetChecks.Check(Target(90, 2027), Indicator(IndicatorDirection.HigherIsBetter), null);

        Assert.Equal(TargetVerdict.NoValue, check.Verdict);
        Assert.Equal("no published value for 2027 yet", check.Text);
        Assert.Equal("T-1 → 90 by 2027: no published value for 2027 yet", check.Line);
    }

    [Fact]
    public void A_value_in_another_unit_is_not_compared_and_an_accepted_spelling_of_the_unit_is()
    {
        var other = IndicatorTargetChecks.Check(Target(90), Indicator(IndicatorDirection.HigherIsBetter), new PublishedFigure(95, "households"));
        var spelledOut = IndicatorTargetChecks.Check(Target(90), Indicator(IndicatorDirection.HigherIsBetter), new PublishedFigure(95, "per cent"));

        Assert.Equal(TargetVerdict.UnitMismatch, other.Verdict);
        Assert.Equal("the 2026 value is in “households”, the target in “%”; cannot compare", other.Text);
        Assert.Equal(TargetVerdict.Reached, spelledOut.Verdict);
    }

    [Fact]
    public void An_indicator_gone_from_the_library_is_not_judged()
    {
        var check = IndicatorTargetChecks.Check(Target(90), null, new PublishedFigure(95, "%"));

        Assert.Equal(TargetVerdict.UnknownIndicator, check.Verdict);
    }

    [Fact]
    public void Each_target_is_looked_up_by_the_library_code_and_its_own_year()
    {
        var action = new ImprovementAction
        {
            Indicators =
            [
                new ActionIndicatorTarget { IndicatorCode = "t-1", TargetValue = 90, TargetYear = 2025 },
                new ActionIndicatorTarget { IndicatorCode = "GONE", TargetValue = 1, TargetYear = 2025 },
            ],
        };
        var indicator = Indicator(IndicatorDirection.HigherIsBetter);
        var published = new Dictionary<(string, int), PublishedFigure> { [("T-1", 2024)] = new(99, "%"), [("T-1", 2025)] = new(80, "%") };

        var checks = IndicatorTargetChecks.Of(action, code => string.Equals(code, "t-1", StringComparison.OrdinalIgnoreCase) ? indicator : null, published);

        Assert.Equal([TargetVerdict.UnknownIndicator, TargetVerdict.NotReached], checks.Select(c => c.Verdict));
        Assert.Equal("not reached (80 in 2025, short by 10; higher is better)", checks[1].Text);
    }
}
