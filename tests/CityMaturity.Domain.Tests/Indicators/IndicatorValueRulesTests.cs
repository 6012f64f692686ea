using CityMaturity.Domain.Indicators;
using static CityMaturity.Domain.Tests.Indicators.TestIndicators;

namespace CityMaturity.Domain.Tests.Indicators;

public class IndicatorValueRulesTests
{
    private static IndicatorEntry Entry(decimal value, string unit, decimal? numerator = null, decimal? denominator = null, string? source = null, string? note = null) =>
        new(value, unit, numerator, denominator, source, note, IndicatorValueStatus.Draft);

    private static IndicatorValueProblem OneProblem(Indicator indicator, IndicatorEntry entry) => Assert.Single(IndicatorValueRules.Check(indicator, entry));

    [Theory]
    [InlineData(0), InlineData(42.5), InlineData(100)]
    public void A_percentage_from_0_to_100_is_fine(decimal value) => Assert.Empty(IndicatorValueRules.Check(Share, Entry(value, "%")));

    [Theory]
    [InlineData(-0.1), InlineData(100.01), InlineData(250)]
    public void A_percentage_outside_0_to_100_is_refused(decimal value)
    {
        var problem = OneProblem(Share, Entry(value, "%"));

        Assert.Equal("value", problem.Field);
        Assert.Contains("is not a percentage; use 0 to 100", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_count_is_whole_and_not_negative()
    {
        Assert.Empty(IndicatorValueRules.Check(Count, Entry(12, "number")));
        Assert.Contains("a count is a whole number", OneProblem(Count, Entry(12.5m, "number")).Message, StringComparison.Ordinal);
        Assert.Contains("a count is not negative", OneProblem(Count, Entry(-1, "number")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quantity_is_not_negative_but_a_number_may_be()
    {
        Assert.Equal("value", OneProblem(Area, Entry(-3, "m² per person")).Field);
        Assert.Empty(IndicatorValueRules.Check(Growth, Entry(-3.2m, "% per year")));
    }

    [Theory]
    [InlineData(0, true), InlineData(1, true), InlineData(0.5, false), InlineData(2, false)]
    public void Yes_or_no_is_1_or_0(decimal value, bool fine)
    {
        var problems = IndicatorValueRules.Check(Portal, Entry(value, "yes/no"));

        Assert.Equal(fine, problems.Count == 0);
        if (!fine)
        {
            Assert.Contains("use 1 for yes and 0 for no", problems[0].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_absurdly_large_value_is_refused() =>
        Assert.Contains("too large", OneProblem(Growth, Entry(1e16m, "% per year")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("%"), InlineData(""), InlineData(" percent "), InlineData("Per Cent"), InlineData("percentage")]
    public void The_units_own_spelling_and_its_aliases_are_accepted(string unit) => Assert.Empty(IndicatorValueRules.Check(Share, Entry(50, unit)));

    [Theory]
    [InlineData("per 100,000 population"), InlineData("per 100000 population"), InlineData("PER 100 000 POPULATION")]
    public void Thousands_separators_in_a_unit_do_not_matter(string unit) => Assert.Empty(IndicatorValueRules.Check(PerPopulation, Entry(12, unit)));

    [Fact]
    public void Square_metres_may_be_written_m2() => Assert.Empty(IndicatorValueRules.Check(Area, Entry(12, "m2 per person")));

    [Fact]
    public void A_different_unit_is_refused_naming_the_right_one()
    {
        var problem = OneProblem(Share, Entry(50, "km"));

        Assert.Equal("unit", problem.Field);
        Assert.Equal("\"km\" is not the unit of T.PCT; use \"%\"", problem.Message);
    }

    [Fact]
    public void The_stored_unit_is_the_indicators_spelling() => Assert.Equal("%", IndicatorValueRules.StoredUnit(Share, "percent"));

    [Fact]
    public void A_numerator_larger_than_its_denominator_is_refused_for_a_share()
    {
        var problems = IndicatorValueRules.Check(Share, Entry(100, "%", 120, 100));

        var problem = Assert.Single(problems);
        Assert.Equal("numerator", problem.Field);
        Assert.Contains("more than the denominator 100", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rate_may_have_a_numerator_larger_than_its_denominator_per_100_000() =>
        Assert.Empty(IndicatorValueRules.Check(PerPopulation, Entry(150_000, "per 100 000 population", 3, 2)));

    [Theory]
    [InlineData(33.3), InlineData(33), InlineData(33.33), InlineData(33.333)]
    public void A_value_agrees_with_its_ratio_within_the_rounding_it_was_written_with(decimal value) =>
        Assert.Empty(IndicatorValueRules.Check(Share, Entry(value, "%", 1, 3)));

    [Theory]
    [InlineData(34), InlineData(33.4), InlineData(33.34)]
    public void A_value_that_disagrees_with_its_ratio_is_refused(decimal value)
    {
        var problem = OneProblem(Share, Entry(value, "%", 1, 3));

        Assert.Equal("value", problem.Field);
        Assert.Contains("does not agree with numerator ÷ denominator × 100 = 33.3333", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Numerator_and_denominator_come_together()
    {
        Assert.Equal("denominator", OneProblem(Share, Entry(50, "%", numerator: 1)).Field);
        Assert.Equal("numerator", OneProblem(Share, Entry(50, "%", denominator: 2)).Field);
    }

    [Fact]
    public void An_indicator_without_a_calculation_takes_no_numerator()
    {
        var problem = OneProblem(Count, Entry(5, "number", 5, 1));

        Assert.Equal("numerator", problem.Field);
        Assert.Contains("is not calculated from a numerator and a denominator", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_or_negative_denominator_and_a_negative_numerator_are_refused()
    {
        Assert.Equal("denominator", OneProblem(Share, Entry(0, "%", 0, 0)).Field);
        var problems = IndicatorValueRules.Check(PerPopulation, Entry(0, "per 100 000 population", -1, 10));
        Assert.Equal("numerator", Assert.Single(problems).Field);
    }

    [Fact]
    public void Source_and_note_have_limits_and_no_NUL()
    {
        var problems = IndicatorValueRules.Check(Count, Entry(1, "number", source: new string('s', 501), note: "a\0b"));

        Assert.Equal(["source", "note"], problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData(1949, false), InlineData(1950, true), InlineData(2025, true), InlineData(2026, false)]
    public void A_year_is_from_1950_to_the_current_year(int year, bool fine) =>
        Assert.Equal(fine, IndicatorValueRules.CheckYear(year, currentYear: 2025) is null);

    [Fact]
    public void An_entry_applied_twice_is_audited_once()
    {
        var value = new IndicatorValue { Id = Guid.NewGuid(), OrganisationId = Guid.NewGuid(), IndicatorCode = "T.PCT", Year = 2024 };
        var now = DateTimeOffset.UnixEpoch;

        var first = IndicatorValueAudit.Apply(value, Entry(50, "%", source: " Census "), IndicatorValueChangeSource.Page, null, now, isNew: true);
        var again = IndicatorValueAudit.Apply(value, Entry(50.0m, "%", source: "Census"), IndicatorValueChangeSource.Page, null, now, isNew: false);
        var changed = IndicatorValueAudit.Apply(value, Entry(51, "%", source: "Census"), IndicatorValueChangeSource.Page, null, now, isNew: false);

        Assert.NotNull(first);
        Assert.Null(first.Old);
        Assert.Equal("Census", first.New!.Source);
        Assert.Null(again);
        Assert.Equal((50m, 51m), (changed!.Old!.Value, changed.New!.Value));
        Assert.Equal(2, value.Version);
    }
}
