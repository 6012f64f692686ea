using System.Globalization;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;
using static CityMaturity.Domain.Tests.Scoring.Scenario;

namespace CityMaturity.Domain.Tests.Scoring;

public class ViewStatisticsTests
{
    [Fact]
    public void Odd_n_has_the_middle_value_as_median()
    {
        var statistics = ViewStatistics.Of(Answers("4", "1", "2", "5", "1"));

        Assert.Equal(5, statistics.N);
        Assert.Equal([2, 1, 0, 1, 1], statistics.Distribution);
        Assert.Equal(2.6m, statistics.Mean);
        Assert.Equal(2m, statistics.Median);
        Assert.Equal(MaturityLevel.Initial, statistics.Min);
        Assert.Equal(MaturityLevel.SustainablyOptimising, statistics.Max);
    }

    [Fact]
    public void Even_n_has_the_mean_of_the_two_middle_values_as_median()
    {
        var statistics = ViewStatistics.Of(Answers("4", "2", "3", "1"));

        Assert.Equal(4, statistics.N);
        Assert.Equal(2.5m, statistics.Median);
        Assert.Equal(2.5m, statistics.Mean);
    }

    [Fact]
    public void Median_between_two_different_middle_levels_is_a_half()
    {
        var statistics = ViewStatistics.Of(Answers("2", "2", "3", "3"));

        Assert.Equal(2.5m, statistics.Median);
        Assert.Equal("2.5", statistics.Median!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_single_rater_is_every_statistic_and_too_few_for_consensus()
    {
        var statistics = ViewStatistics.Of(Answers("3"));

        Assert.Equal(1, statistics.N);
        Assert.Equal(3m, statistics.Mean);
        Assert.Equal(3m, statistics.Median);
        Assert.Equal(MaturityLevel.Fulfilled, statistics.Min);
        Assert.Equal(MaturityLevel.Fulfilled, statistics.Max);
        Assert.Equal(3m, statistics.Q1);
        Assert.Equal(3m, statistics.Q3);
        Assert.Equal(0m, statistics.Iqr);
        Assert.Equal(100m, statistics.AgreementPercent);
        Assert.Equal(ConsensusState.TooFewAnswers, statistics.Consensus);
    }

    [Fact]
    public void All_dont_know_has_no_levels_and_no_figures_but_counts_the_dont_knows()
    {
        var statistics = ViewStatistics.Of(Answers("DK", "DK", "DK"));

        Assert.Equal(0, statistics.N);
        Assert.Equal([0, 0, 0, 0, 0], statistics.Distribution);
        Assert.Null(statistics.Mean);
        Assert.Null(statistics.Median);
        Assert.Null(statistics.Min);
        Assert.Null(statistics.Max);
        Assert.Null(statistics.Q1);
        Assert.Null(statistics.Q3);
        Assert.Null(statistics.Iqr);
        Assert.Null(statistics.AgreementPercent);
        Assert.Equal(ConsensusState.TooFewAnswers, statistics.Consensus);
        Assert.Equal(3, statistics.DontKnowCount);
        Assert.Equal(3, statistics.ResponseCount);
    }

    [Fact]
    public void Unanswered_is_not_a_response_and_dont_know_is_not_a_level()
    {
        var statistics = ViewStatistics.Of(Answers("2", "", "DK", "4", "", ""));

        Assert.Equal(2, statistics.N);
        Assert.Equal(1, statistics.DontKnowCount);
        Assert.Equal(3, statistics.ResponseCount);
        Assert.Equal(3m, statistics.Mean);
    }

    [Fact]
    public void Ties_are_counted_in_the_distribution_and_sit_in_the_order_statistics()
    {
        var statistics = ViewStatistics.Of(Answers("3", "3", "3", "5", "1", "3"));

        Assert.Equal([1, 0, 4, 0, 1], statistics.Distribution);
        Assert.Equal(4, statistics.Distribution[MaturityLevel.Fulfilled]);
        Assert.Equal(3m, statistics.Median);
        Assert.Equal(3m, statistics.Q1);
        Assert.Equal(3m, statistics.Q3);
        Assert.Equal(0m, statistics.Iqr);
        Assert.Equal(ConsensusState.BroadAgreement, statistics.Consensus);
        Assert.Equal(66.7m, statistics.AgreementPercent); // 4 of 6 within 1 of 3
    }

    /// <summary>
    /// Expected Q1, median and Q3 are what QUARTILE.INC(data; 1|2|3) returns in a spreadsheet: by its definition, linear
    /// interpolation between the sorted values at zero-based position (n−1)·p. Worked by hand, and computed by
    /// LibreOffice Calc 7.4.7.2 (Debian 12's libreoffice-calc-nogui), which gives the same Q1, median and Q3 — and the
    /// same MEDIAN — for every row: scripts/check-quartiles-spreadsheet.sh reads these rows, has Calc compute them
    /// headless and compares (a manual check; CI does not install LibreOffice).
    /// </summary>
    [Theory]
    [InlineData(new[] { 1, 2, 3, 4 }, 1.75, 2.5, 3.25)]       // positions 0.75, 1.5, 2.25
    [InlineData(new[] { 1, 1, 2, 4, 5 }, 1.0, 2.0, 4.0)]       // positions 1, 2, 3
    [InlineData(new[] { 2, 3, 3, 4, 4, 5 }, 3.0, 3.5, 4.0)]    // positions 1.25, 2.5, 3.75 between equal values
    [InlineData(new[] { 1, 2, 2, 5 }, 1.75, 2.0, 2.75)]        // a step of 3 levels: 2 + 0.25·3
    [InlineData(new[] { 2, 2, 3, 4, 4, 5 }, 2.25, 3.5, 4.0)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 5, 5 }, 2.5, 4.0, 5.0)]
    [InlineData(new[] { 1, 2, 3 }, 1.5, 2.0, 2.5)]
    [InlineData(new[] { 3, 3 }, 3.0, 3.0, 3.0)]
    public void Quartiles_match_QUARTILE_INC(int[] levels, double q1, double median, double q3)
    {
        var statistics = ViewStatistics.Of(levels.Select(l => Answer(l.ToString(CultureInfo.InvariantCulture))));

        Assert.Equal((decimal)q1, statistics.Q1);
        Assert.Equal((decimal)median, statistics.Median);
        Assert.Equal((decimal)q3, statistics.Q3);
        Assert.Equal((decimal)(q3 - q1), statistics.Iqr);
    }

    [Fact]
    public void Quartiles_do_not_depend_on_the_order_of_the_answers()
    {
        var shuffled = ViewStatistics.Of(Answers("4", "1", "3", "2"));

        Assert.Equal(ViewStatistics.Of(Answers("1", "2", "3", "4")), shuffled);
        Assert.Equal(1.75m, shuffled.Q1);
        Assert.Equal(3.25m, shuffled.Q3);
    }

    [Fact]
    public void Figures_carry_no_trailing_zeros()
    {
        var statistics = ViewStatistics.Of(Answers("1", "2", "3", "4"));

        Assert.Equal("1.75", statistics.Q1!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("1.5", statistics.Iqr!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("2", ViewStatistics.Of(Answers("2", "2")).Median!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Agreement_is_the_share_within_one_level_of_the_median()
    {
        // Median 3: the 2, 3, 3 and 4 agree, the 1 and the 5 do not → 4 of 6.
        var statistics = ViewStatistics.Of(Answers("1", "2", "3", "3", "4", "5"));

        Assert.Equal(3m, statistics.Median);
        Assert.Equal(66.7m, statistics.AgreementPercent);
    }

    [Fact]
    public void Agreement_around_a_half_median_takes_levels_within_one_of_it()
    {
        // Median 2.5: levels 2 and 3 lie within 1 (1.5–3.5), 1 and 4 do not → 2 of 4.
        var statistics = ViewStatistics.Of(Answers("1", "2", "3", "4"));

        Assert.Equal(50m, statistics.AgreementPercent);
    }

    [Fact]
    public void Agreement_rounds_half_away_from_zero_to_one_decimal()
    {
        // 16 levels, median 3, nine 3s within 1 of it: 9/16 = 56.25 % → 56.3 (banker's rounding would give 56.2).
        var levels = Enumerable.Repeat("1", 4).Concat(Enumerable.Repeat("3", 9)).Concat(Enumerable.Repeat("5", 3)).ToArray();

        var statistics = ViewStatistics.Of(Answers(levels));

        Assert.Equal(16, statistics.N);
        Assert.Equal(3m, statistics.Median);
        Assert.Equal(56.3m, statistics.AgreementPercent);
    }

    [Fact]
    public void Mean_rounds_half_away_from_zero_to_two_decimals()
    {
        // 1+2+2+2+2+2+3+3 = 17 over 8 = 2.125 exactly → 2.13 (banker's rounding would give 2.12).
        var statistics = ViewStatistics.Of(Answers("1", "2", "2", "2", "2", "2", "3", "3"));

        Assert.Equal(2.13m, statistics.Mean);
    }

    [Fact]
    public void Mean_of_a_repeating_fraction_is_rounded_to_two_decimals()
    {
        Assert.Equal(2.33m, ViewStatistics.Of(Answers("2", "2", "3")).Mean);
        Assert.Equal(2.67m, ViewStatistics.Of(Answers("2", "3", "3")).Mean);
    }

    [Fact]
    public void Two_answers_are_too_few_for_consensus_even_when_they_agree()
    {
        var statistics = ViewStatistics.Of(Answers("3", "3"));

        Assert.Equal(0m, statistics.Iqr);
        Assert.Equal(ConsensusState.TooFewAnswers, statistics.Consensus);
    }

    [Fact]
    public void Three_answers_with_an_IQR_of_exactly_one_agree_broadly()
    {
        var statistics = ViewStatistics.Of(Answers("1", "2", "3")); // Q1 1.5, Q3 2.5

        Assert.Equal(1m, statistics.Iqr);
        Assert.Equal(ConsensusState.BroadAgreement, statistics.Consensus);
    }

    [Fact]
    public void Three_answers_with_an_IQR_above_one_do_not_agree()
    {
        var statistics = ViewStatistics.Of(Answers("1", "1", "4")); // Q1 1, Q3 2.5

        Assert.Equal(1.5m, statistics.Iqr);
        Assert.Equal(ConsensusState.NoAgreement, statistics.Consensus);
    }

    [Fact]
    public void An_IQR_of_one_and_a_quarter_is_no_agreement()
    {
        // With n = 3 the IQR is (max − min)/2, so 1.25 needs n = 4: Q1 = 1 + 0.75·1 = 1.75, Q3 = 3 + 0.25·0 = 3.
        var statistics = ViewStatistics.Of(Answers("1", "2", "3", "3"));

        Assert.Equal(1.25m, statistics.Iqr);
        Assert.Equal(ConsensusState.NoAgreement, statistics.Consensus);
    }

    [Fact]
    public void Statistics_of_the_same_answers_are_equal()
    {
        Assert.Equal(ViewStatistics.Of(Answers("2", "DK", "5")), ViewStatistics.Of(Answers("5", "2", "DK", "")));
        Assert.NotEqual(ViewStatistics.Of(Answers("2", "5")), ViewStatistics.Of(Answers("2", "5", "DK")));
    }

    [Fact]
    public void Rejects_a_value_that_is_not_a_level()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ViewStatistics.Of([CityMaturity.Domain.Assessments.LevelAnswer.Of((MaturityLevel)6)]));
    }
}

public class ViewStatisticsGuardTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void A_level_outside_one_to_five_is_refused_by_name(int number)
    {
        var fault = Assert.Throws<ArgumentOutOfRangeException>(() => ViewStatistics.Of([LevelAnswer.Of((MaturityLevel)number)]));

        Assert.StartsWith("A maturity level is a whole number from 1 to 5.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_distribution_reads_as_a_list_from_level_one()
    {
        IReadOnlyList<int> distribution = new LevelDistribution(5, 4, 3, 2, 1);

        Assert.Equal([5, 4, 3, 2, 1], Enumerable.Range(0, distribution.Count).Select(i => distribution[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => distribution[5]);
    }
}
