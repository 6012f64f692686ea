using System.Globalization;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Tests.Scoring;

public class AssessmentScorerTests
{
    [Fact]
    public void Score_is_the_median_of_all_participants_across_groups()
    {
        var scenario = new Scenario();
        var council = scenario.Group("Local government");
        var citizens = scenario.Group("Citizens");
        scenario.RateNow(council, "1.1.1", "4", "4").RateNow(citizens, "1.1.1", "1", "2");

        var now = scenario.Summarise().Characteristic("1.1.1").Now;

        Assert.Equal(3m, now.Score);
        Assert.Equal(ScoreSource.Median, now.Source);
        Assert.Equal(4, now.Statistics.N);
    }

    [Fact]
    public void A_consensus_decision_overrides_the_median()
    {
        var scenario = new Scenario();
        var group = scenario.Group("Citizens");
        scenario.RateBoth(group, "2.1.1", "1", "1", "2").Consensus("2.1.1", RatingView.Now, MaturityLevel.Fulfilled);

        var characteristic = scenario.Summarise().Characteristic("2.1.1");

        Assert.Equal(3m, characteristic.Now.Score);
        Assert.Equal(ScoreSource.Consensus, characteristic.Now.Source);
        Assert.Equal(1m, characteristic.Now.Statistics.Median); // the statistics still describe the answers
        Assert.Equal(1m, characteristic.InTwoYears.Score);      // the other view has no decision
        Assert.Equal(ScoreSource.Median, characteristic.InTwoYears.Source);
    }

    [Fact]
    public void A_consensus_decision_rates_a_characteristic_nobody_rated()
    {
        var scenario = new Scenario();
        scenario.Group("Citizens");
        scenario.Consensus("4.3", RatingView.InTwoYears, MaturityLevel.Improving);

        var characteristic = scenario.Summarise().Characteristic("4.3");

        Assert.Equal(4m, characteristic.InTwoYears.Score);
        Assert.Equal(ScoreSource.Consensus, characteristic.InTwoYears.Source);
        Assert.Equal(0, characteristic.InTwoYears.Statistics.N);
    }

    [Fact]
    public void An_audited_level_wins_over_consensus_and_median_for_now_only()
    {
        var scenario = new Scenario();
        var group = scenario.Group("Citizens");
        scenario.RateBoth(group, "1.1.1", "2", "2", "2");
        scenario.RateBoth(group, "1.1.2", "4", "4", "4");
        scenario.Consensus("1.1.1", RatingView.Now, MaturityLevel.Fulfilled);
        scenario.Consensus("1.1.1", RatingView.InTwoYears, MaturityLevel.Improving);
        scenario.Audited("1.1.1", MaturityLevel.PartiallyFulfilled);
        scenario.Audited("1.1.2", MaturityLevel.Fulfilled);

        var summary = scenario.Summarise();
        var audited = summary.Characteristic("1.1.1");

        Assert.Equal((2m, ScoreSource.Audited), (audited.Now.Score, audited.Now.Source));
        Assert.Equal((4m, ScoreSource.Consensus), (audited.InTwoYears.Score, audited.InTwoYears.Source));
        Assert.Equal((3m, ScoreSource.Audited), (summary.Characteristic("1.1.2").Now.Score, summary.Characteristic("1.1.2").Now.Source));
        Assert.Equal(2m, audited.PlannedImprovement);
    }

    [Fact]
    public void An_audited_level_rates_a_characteristic_nobody_rated_and_outside_the_scope_is_ignored()
    {
        var scenario = new Scenario().Scope("4.3");
        scenario.Group("Citizens");
        scenario.Audited("4.3", MaturityLevel.Improving);
        scenario.Audited("1.1.1", MaturityLevel.Initial);

        var summary = scenario.Summarise();

        Assert.Equal((4m, ScoreSource.Audited), (summary.Characteristic("4.3").Now.Score, summary.Characteristic("4.3").Now.Source));
        Assert.Single(summary.Characteristics);
    }

    [Fact]
    public void Only_dont_know_answers_leave_a_characteristic_not_rated()
    {
        var scenario = new Scenario();
        var group = scenario.Group("Private sector");
        scenario.RateBoth(group, "3.2.1", "DK", "DK");

        var now = scenario.Summarise().Characteristic("3.2.1").Now;

        Assert.Null(now.Score);
        Assert.Equal(ScoreSource.NotRated, now.Source);
        Assert.False(now.IsRated);
        Assert.Equal(2, now.Statistics.DontKnowCount);
        Assert.Equal(2, now.Statistics.ResponseCount);
    }

    [Fact]
    public void Characteristics_come_in_the_catalogue_order_and_cover_the_whole_catalogue_by_default()
    {
        var scenario = new Scenario();
        scenario.Group("Citizens");

        var summary = scenario.Summarise();

        Assert.Equal(Scenario.Catalogue.Characteristics.Select(c => c.Code), summary.Characteristics.Select(c => c.Code));
        Assert.All(summary.Characteristics, c => Assert.Equal(ScoreSource.NotRated, c.Now.Source));
        Assert.Equal(4, summary.Dimensions.Count);
        Assert.Equal(17, summary.SubDimensions.Count);
    }

    [Fact]
    public void Every_group_has_statistics_even_without_answers()
    {
        var scenario = new Scenario();
        var council = scenario.Group("Local government");
        scenario.Group("Academia and research");
        scenario.RateNow(council, "1.3.1", "2", "4");

        var groups = scenario.Summarise().Characteristic("1.3.1").Now.Groups;

        Assert.Equal(["Local government", "Academia and research"], groups.Select(g => g.GroupName));
        Assert.Equal(3m, groups[0].Statistics.Median);
        Assert.Equal(0, groups[1].Statistics.N);
        Assert.Null(groups[1].Statistics.Median);
    }

    [Fact]
    public void Planned_improvement_is_the_difference_of_the_scores_when_both_are_rated()
    {
        var scenario = new Scenario();
        var group = scenario.Group("Citizens");
        scenario.Rate(group, "1.5.1", "2", "4");
        scenario.Rate(group, "1.5.1", "3", "4");
        scenario.Rate(group, "1.5.2", "2", "DK");

        var summary = scenario.Summarise();

        Assert.Equal(1.5m, summary.Characteristic("1.5.1").PlannedImprovement); // 2.5 → 4
        Assert.Null(summary.Characteristic("1.5.2").PlannedImprovement);
    }

    [Fact]
    public void Planned_improvement_can_be_negative_and_reads_without_trailing_zeros()
    {
        var scenario = new Scenario();
        var group = scenario.Group("Citizens");
        scenario.Rate(group, "1.5.1", "4", "2");
        scenario.Rate(group, "1.5.1", "5", "3");

        var improvement = scenario.Summarise().Characteristic("1.5.1").PlannedImprovement;

        Assert.Equal(-2m, improvement); // 4.5 → 2.5
        Assert.Equal("-2", improvement!.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Plans_that_regress_are_counted_only_between_known_levels()
    {
        var scenario = new Scenario();
        var group = scenario.Group("Citizens");
        scenario.Rate(group, "2.4.1", "4", "3");  // regresses
        scenario.Rate(group, "2.4.1", "2", "1");  // regresses
        scenario.Rate(group, "2.4.1", "3", "3");  // stays
        scenario.Rate(group, "2.4.1", "3", "5");  // improves
        scenario.Rate(group, "2.4.1", "4", "DK"); // cannot tell
        scenario.Rate(group, "2.4.1", "", "1");   // cannot tell

        Assert.Equal(2, scenario.Summarise().Characteristic("2.4.1").PlansRegressCount);
    }

    [Fact]
    public void Dimension_score_weighs_every_characteristic_the_same_not_every_sub_dimension()
    {
        // 1.1 has two characteristics rated 1, 1.2 has three rated 4. Sub-dimension means 1 and 4 would average 2.5;
        // the dimension is (1 + 1 + 4 + 4 + 4) / 5 = 2.8.
        var scenario = new Scenario();
        var group = scenario.Group("Citizens");
        scenario.RateNow(group, "1.1.1", "1").RateNow(group, "1.1.2", "1");
        scenario.RateNow(group, "1.2.1", "4").RateNow(group, "1.2.2", "4").RateNow(group, "1.2.3", "4");

        var summary = scenario.Summarise();

        Assert.Equal(1m, summary.SubDimension("1.1").Now.Score);
        Assert.Equal(4m, summary.SubDimension("1.2").Now.Score);
        Assert.Equal(2.8m, summary.Dimension("1").Now.Score);
        Assert.Equal(5, summary.Dimension("1").Now.Rated);
        Assert.Equal(12, summary.Dimension("1").Now.Total);
    }

    [Fact]
    public void Summary_scores_are_means_rounded_half_away_from_zero()
    {
        // 1.2: scores 2, 2.5, 2 → 6.5 / 3 = 2.1666… → 2.17.
        var scenario = new Scenario();
        var group = scenario.Group("Citizens");
        scenario.RateNow(group, "1.2.1", "2").RateNow(group, "1.2.2", "2", "3").RateNow(group, "1.2.3", "2");

        Assert.Equal(2.17m, scenario.Summarise().SubDimension("1.2").Now.Score);
    }

    [Fact]
    public void A_dimension_mean_that_ends_in_five_at_the_third_decimal_rounds_up()
    {
        // Dimension 2 has 8 characteristics: seven scored 2 and one 3 → 17 / 8 = 2.125 → 2.13.
        var scenario = new Scenario();
        var group = scenario.Group("Citizens");
        foreach (var code in new[] { "2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.3.1", "2.3.2", "2.4.1" })
        {
            scenario.RateNow(group, code, "2");
        }

        scenario.RateNow(group, "2.4.2", "3");

        Assert.Equal(2.13m, scenario.Summarise().Dimension("2").Now.Score);
    }

    [Fact]
    public void Rated_and_total_count_only_the_characteristics_in_scope()
    {
        var scenario = new Scenario();
        var group = scenario.Group("Citizens");
        scenario.Scope("1.1.1", "1.1.2", "1.2.1", "4.1");
        scenario.RateNow(group, "1.1.1", "3").RateNow(group, "1.2.1", "DK");
        scenario.RateNow(group, "1.5.1", "5"); // outside the scope: ignored

        var summary = scenario.Summarise();

        Assert.Equal(["1.1.1", "1.1.2", "1.2.1", "4.1"], summary.Characteristics.Select(c => c.Code));
        Assert.Equal(new AggregatedScore(3m, 1, 2), summary.SubDimension("1.1").Now);
        Assert.Equal(new AggregatedScore(null, 0, 1), summary.SubDimension("1.2").Now);
        Assert.Equal(new AggregatedScore(3m, 1, 3), summary.Dimension("1").Now);
        Assert.Equal(["1", "4"], summary.Dimensions.Select(d => d.Code));
        Assert.Equal(["1.1", "1.2", "4.1"], summary.SubDimensions.Select(s => s.Code));
        Assert.Throws<KeyNotFoundException>(() => summary.Characteristic("1.5.1"));
    }

    [Fact]
    public void The_overall_index_is_the_mean_of_the_four_dimension_scores()
    {
        var scenario = new Scenario();
        var group = scenario.Group("Citizens");
        scenario.RateNow(group, "1.1.1", "1").RateNow(group, "1.1.2", "2"); // dimension 1: 1.5
        scenario.RateNow(group, "2.1.1", "3");                              // dimension 2: 3
        scenario.RateNow(group, "3.1.1", "4");                              // dimension 3: 4
        scenario.RateNow(group, "4.1", "2");                                // dimension 4: 2

        var index = scenario.Summarise().OverallIndexOfDimensionMeans;

        Assert.Equal(2.63m, index.Now); // 10.5 / 4 = 2.625 → 2.63
        Assert.Null(index.InTwoYears);  // no dimension rated in two years
    }

    [Fact]
    public void There_is_no_overall_index_unless_all_four_dimensions_are_rated()
    {
        var scenario = new Scenario();
        var group = scenario.Group("Citizens");
        scenario.RateNow(group, "1.1.1", "4").RateNow(group, "2.1.1", "4").RateNow(group, "3.1.1", "4");

        Assert.Null(scenario.Summarise().OverallIndexOfDimensionMeans.Now);
    }

    [Fact]
    public void Strengths_and_weaknesses_follow_the_score_now_in_order()
    {
        var scenario = new Scenario();
        var group = scenario.Group("Citizens");
        scenario.RateNow(group, "1.1.1", "4");
        scenario.RateNow(group, "1.1.2", "5");
        scenario.RateNow(group, "1.2.1", "3", "4");   // 3.5: neither
        scenario.RateNow(group, "1.2.2", "4");
        scenario.RateNow(group, "1.2.3", "2", "3");   // 2.5: neither
        scenario.RateNow(group, "1.3.1", "2");
        scenario.RateNow(group, "1.3.2", "1");
        scenario.Consensus("1.4.1", RatingView.Now, MaturityLevel.PartiallyFulfilled);

        var summary = scenario.Summarise();

        Assert.Equal(["1.1.2", "1.1.1", "1.2.2"], summary.Strengths.Select(s => s.CharacteristicCode));
        Assert.Equal([5m, 4m, 4m], summary.Strengths.Select(s => s.ScoreNow));
        Assert.Equal(["1.3.2", "1.3.1", "1.4.1"], summary.Weaknesses.Select(w => w.CharacteristicCode));
        Assert.Equal(ScoreSource.Consensus, summary.Weaknesses[2].Source);
    }

    [Fact]
    public void Plans_below_fulfilled_are_gaps()
    {
        var scenario = new Scenario();
        var group = scenario.Group("Citizens");
        scenario.Rate(group, "3.1.1", "1", "2");
        scenario.Rate(group, "3.1.2", "2", "3");   // reaches Fulfilled: no gap
        scenario.Rate(group, "3.1.3", "2", "DK");  // plans not rated: no gap

        var gap = Assert.Single(scenario.Summarise().GapsInPlans);

        Assert.Equal("3.1.1", gap.CharacteristicCode);
        Assert.Equal(GapInPlansReason.BelowFulfilled, gap.Reason);
        Assert.Equal(2m, gap.ScoreInTwoYears);
        Assert.Equal(1m, gap.Shortfall);
        Assert.Null(gap.Target);
    }

    [Fact]
    public void Targets_produce_gaps_when_plans_fall_below_them()
    {
        var scenario = new Scenario();
        var group = scenario.Group("Citizens");
        scenario.Rate(group, "2.2.1", "3", "4").Target("2.2.1", MaturityLevel.SustainablyOptimising); // 4 < 5: below target
        scenario.Rate(group, "2.2.2", "2", "2").Target("2.2.2", MaturityLevel.Improving);            // 2 < 3 and < 4: both
        scenario.Rate(group, "2.3.1", "3", "4").Target("2.3.1", MaturityLevel.Improving);            // meets its target
        scenario.Rate(group, "2.3.2", "2", "2").Target("2.3.2", MaturityLevel.PartiallyFulfilled);   // meets target, below Fulfilled
        scenario.Rate(group, "2.4.1", "3", "3").Target("2.4.1", MaturityLevel.Improving);            // 3 < 4: below target

        var gaps = scenario.Summarise().GapsInPlans;

        Assert.Equal(["2.2.2", "2.2.1", "2.3.2", "2.4.1"], gaps.Select(g => g.CharacteristicCode)); // by shortfall, then catalogue order
        Assert.Equal(
            [GapInPlansReason.BelowFulfilledAndTarget, GapInPlansReason.BelowTarget, GapInPlansReason.BelowFulfilled, GapInPlansReason.BelowTarget],
            gaps.Select(g => g.Reason));
        Assert.Equal([2m, 1m, 1m, 1m], gaps.Select(g => g.Shortfall));
        Assert.Equal(MaturityLevel.SustainablyOptimising, gaps[1].Target);
    }

    [Fact]
    public void A_perception_gap_of_two_levels_is_flagged()
    {
        var scenario = new Scenario();
        var council = scenario.Group("Local government");
        var business = scenario.Group("Private sector");
        var citizens = scenario.Group("Citizens");
        scenario.RateNow(council, "2.3.1", "4", "5");   // median 4.5
        scenario.RateNow(business, "2.3.1", "3", "DK"); // median 3
        scenario.RateNow(citizens, "2.3.1", "2", "3");  // median 2.5

        var gap = scenario.Summarise().Characteristic("2.3.1").Now.PerceptionGap!;

        Assert.Equal(2m, gap.Gap);
        Assert.True(gap.IsFlagged);
        Assert.Equal([4.5m, 3m, 2.5m], gap.GroupMedians.Select(m => m.Median));
        Assert.Equal("Local government", Assert.Single(gap.HighestGroups).GroupName);
        Assert.Equal("Citizens", Assert.Single(gap.LowestGroups).GroupName);
        Assert.Equal("2", gap.Gap.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_perception_gap_of_one_and_a_half_is_not_flagged()
    {
        var scenario = new Scenario();
        var council = scenario.Group("Local government");
        var citizens = scenario.Group("Citizens");
        scenario.RateNow(council, "2.3.1", "3");        // median 3
        scenario.RateNow(citizens, "2.3.1", "1", "2");  // median 1.5

        var gap = scenario.Summarise().Characteristic("2.3.1").Now.PerceptionGap!;

        Assert.Equal(1.5m, gap.Gap);
        Assert.False(gap.IsFlagged);
    }

    [Fact]
    public void Perception_gaps_ignore_groups_without_known_levels_and_need_two_groups()
    {
        var scenario = new Scenario();
        var council = scenario.Group("Local government");
        var citizens = scenario.Group("Citizens");
        scenario.Group("Academia and research"); // no ratings at all
        scenario.Rate(council, "4.2", "5", "5");
        scenario.Rate(citizens, "4.2", "1", "DK");

        var characteristic = scenario.Summarise().Characteristic("4.2");

        Assert.Equal(4m, characteristic.Now.PerceptionGap!.Gap);
        Assert.Equal(2, characteristic.Now.PerceptionGap.GroupMedians.Count);
        Assert.Null(characteristic.InTwoYears.PerceptionGap); // only one group gave a known level
    }

    [Fact]
    public void Tied_groups_are_all_named_highest_or_lowest()
    {
        var scenario = new Scenario();
        var a = scenario.Group("A");
        var b = scenario.Group("B");
        var c = scenario.Group("C");
        scenario.RateNow(a, "1.1.1", "4").RateNow(b, "1.1.1", "2").RateNow(c, "1.1.1", "4");

        var gap = scenario.Summarise().Characteristic("1.1.1").Now.PerceptionGap!;

        Assert.Equal(["A", "C"], gap.HighestGroups.Select(g => g.GroupName));
        Assert.Equal(["B"], gap.LowestGroups.Select(g => g.GroupName));
    }

    [Fact]
    public void Perception_gaps_are_listed_largest_first()
    {
        var scenario = new Scenario();
        var council = scenario.Group("Local government");
        var citizens = scenario.Group("Citizens");
        scenario.Rate(council, "1.1.1", "3", "3").Rate(citizens, "1.1.1", "2", "3");  // now 1, two years 0
        scenario.Rate(council, "1.1.2", "5", "5").Rate(citizens, "1.1.2", "1", "3");  // now 4, two years 2

        var gaps = scenario.Summarise().PerceptionGaps;

        Assert.Equal(
            [("1.1.2", RatingView.Now, 4m), ("1.1.2", RatingView.InTwoYears, 2m), ("1.1.1", RatingView.Now, 1m), ("1.1.1", RatingView.InTwoYears, 0m)],
            gaps.Select(g => (g.CharacteristicCode, g.View, g.Gap)));
        Assert.Equal([true, true, false, false], gaps.Select(g => g.IsFlagged));
    }

    [Fact]
    public void Rejects_codes_the_catalogue_does_not_have()
    {
        Assert.Throws<ArgumentException>(() => new Scenario().Scope("1.1.1", "9.9").Summarise());

        var withRating = new Scenario();
        withRating.RateNow(withRating.Group("Citizens"), "2.3.3", "3");
        Assert.Throws<ArgumentException>(withRating.Summarise);

        var withOddSpelling = new Scenario();
        withOddSpelling.RateNow(withOddSpelling.Group("Citizens"), "2.31", "3");
        Assert.Throws<ArgumentException>(withOddSpelling.Summarise);

        Assert.Throws<ArgumentException>(() => new Scenario().Target("5.1", MaturityLevel.Fulfilled).Summarise());
    }

    [Fact]
    public void Rejects_a_rating_of_a_group_not_in_the_assessment()
    {
        var scenario = new Scenario();
        scenario.Rate(Guid.NewGuid(), Guid.NewGuid(), "1.1.1", "3", "3");

        Assert.Throws<ArgumentException>(scenario.Summarise);
    }

    [Fact]
    public void Rejects_two_consensus_decisions_for_the_same_view()
    {
        var scenario = new Scenario()
            .Consensus("1.1.1", RatingView.Now, MaturityLevel.Fulfilled)
            .Consensus("1.1.1", RatingView.Now, MaturityLevel.Improving);

        Assert.Throws<ArgumentException>(scenario.Summarise);
    }

    [Fact]
    public void Rejects_a_scope_that_names_a_characteristic_twice()
    {
        Assert.Throws<ArgumentException>(() => new Scenario().Scope("1.1.1", "1.1.1").Summarise());
    }

    [Fact]
    public void Counts_match_answer_by_answer_statistics_at_scale()
    {
        // The counting path (one pass into per-characteristic tallies) must agree with ViewStatistics.Of over the
        // same answers, for every characteristic, view and group.
        var scenario = new Scenario();
        Guid[] groups = [scenario.Group("A"), scenario.Group("B"), scenario.Group("C")];
        var random = new Random(37107);
        string[] texts = ["1", "2", "3", "4", "5", "DK", ""];
        var answers = new List<(Guid Group, string Code, string Now, string InTwoYears)>();
        for (var participant = 0; participant < 60; participant++)
        {
            var group = groups[participant % groups.Length];
            foreach (var characteristic in Scenario.Catalogue.Characteristics)
            {
                var rating = (group, characteristic.Code, texts[random.Next(texts.Length)], texts[random.Next(texts.Length)]);
                answers.Add(rating);
                scenario.Rate(group, rating.Code, rating.Item3, rating.Item4);
            }
        }

        var summary = scenario.Summarise();

        foreach (var characteristic in summary.Characteristics)
        {
            foreach (var view in new[] { RatingView.Now, RatingView.InTwoYears })
            {
                var ofCharacteristic = answers.Where(a => a.Code == characteristic.Code).ToList();
                string Text((Guid Group, string Code, string Now, string InTwoYears) a) => view == RatingView.Now ? a.Now : a.InTwoYears;
                Assert.Equal(ViewStatistics.Of(Scenario.Answers([.. ofCharacteristic.Select(Text)])), characteristic.For(view).Statistics);
                foreach (var group in characteristic.For(view).Groups)
                {
                    var ofGroup = ofCharacteristic.Where(a => a.Group == group.GroupId).Select(Text).ToArray();
                    Assert.Equal(ViewStatistics.Of(Scenario.Answers(ofGroup)), group.Statistics);
                }
            }
        }
    }
}
