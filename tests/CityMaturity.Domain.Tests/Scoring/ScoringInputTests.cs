using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Tests.Scoring;

/// <summary>
/// What the scorer does with input it must ignore or must refuse. A refusal is a bug upstream (a service passed codes
/// or groups the assessment does not have), so its message names the culprit for whoever reads the log.
/// </summary>
public class ScoringInputTests
{
    private static readonly Dictionary<string, MaturityLevel> NoTargets = [];

    [Fact]
    public void Decisions_and_targets_outside_the_scope_are_ignored()
    {
        var scenario = new Scenario().Scope("1.1.1", "4.1");
        scenario.RateNow(scenario.Group("Citizens"), "1.1.1", "2");
        scenario.Consensus("1.2.1", RatingView.Now, MaturityLevel.Improving).Target("1.2.1", MaturityLevel.SustainablyOptimising);

        var summary = scenario.Summarise();

        Assert.Equal(["1.1.1", "4.1"], summary.Characteristics.Select(c => c.Code));
        Assert.Equal((2m, ScoreSource.Median), (summary.Characteristic("1.1.1").Now.Score, summary.Characteristic("1.1.1").Now.Source));
        Assert.All(summary.Characteristics, c => Assert.Null(c.Target));
        Assert.Empty(summary.GapsInPlans);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void A_consensus_or_target_level_outside_one_to_five_is_refused(int number)
    {
        var level = (MaturityLevel)number;

        Assert.Throws<ArgumentOutOfRangeException>(() => new Scenario().Consensus("1.1.1", RatingView.InTwoYears, level).Summarise());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Scenario().Target("1.1.1", level).Summarise());
    }

    [Fact]
    public void Refuses_no_input_at_all() => Assert.Throws<ArgumentNullException>(() => AssessmentScorer.Summarise(null!));

    [Fact]
    public void An_unknown_code_is_refused_naming_the_code_and_what_named_it()
    {
        static string MessageOf(Scenario scenario) => Assert.Throws<ArgumentException>(scenario.Summarise).Message;

        var rated = new Scenario();
        rated.RateNow(rated.Group("Citizens"), "2.3.3", "3");

        Assert.Equal("The scope names the characteristic '9.9', which the catalogue does not have.", MessageOf(new Scenario().Scope("1.1.1", "9.9")));
        Assert.Equal("A rating names the characteristic '2.3.3', which the catalogue does not have.", MessageOf(rated));
        Assert.Equal("A consensus decision names the characteristic '5.1', which the catalogue does not have.",
            MessageOf(new Scenario().Consensus("5.1", RatingView.Now, MaturityLevel.Fulfilled)));
        Assert.Equal("A target names the characteristic '5.1', which the catalogue does not have.", MessageOf(new Scenario().Target("5.1", MaturityLevel.Fulfilled)));
    }

    [Fact]
    public void Contradictory_input_is_refused_naming_what_repeats()
    {
        var twice = Assert.Throws<ArgumentException>(() => new Scenario().Scope("1.1.1", "1.1.1").Summarise());
        Assert.StartsWith("The scope names the characteristic '1.1.1' twice.", twice.Message, StringComparison.Ordinal);

        var decisions = Assert.Throws<ArgumentException>(new Scenario()
            .Consensus("4.2", RatingView.InTwoYears, MaturityLevel.Fulfilled)
            .Consensus("4.2", RatingView.InTwoYears, MaturityLevel.Improving).Summarise);
        Assert.StartsWith("Two consensus decisions for '4.2' (InTwoYears).", decisions.Message, StringComparison.Ordinal);

        var group = new GroupInput(Guid.Parse("00000000-0000-4000-8000-00000000000a"), "Citizens");
        var groups = Assert.Throws<ArgumentException>(() =>
            AssessmentScorer.Summarise(new AssessmentScoringInput(Scenario.Catalogue, null, [group, group with { Name = "Again" }], [], [], NoTargets)));
        Assert.StartsWith("The group 00000000-0000-4000-8000-00000000000a is listed twice.", groups.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rating_of_a_group_outside_the_assessment_is_refused_naming_the_group()
    {
        var stranger = Guid.Parse("00000000-0000-4000-8000-00000000000b");
        var scenario = new Scenario();
        scenario.Group("Citizens");
        scenario.Rate(Guid.NewGuid(), stranger, "1.1.1", "3", "3");

        var fault = Assert.Throws<ArgumentException>(scenario.Summarise);

        Assert.StartsWith($"A rating of '1.1.1' names the group {stranger}, which is not a group of the assessment.", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_whose_id_is_empty_is_counted_as_itself_even_first()
    {
        // The tally remembers the group of the previous rating; before the first rating there is none, and that must
        // not be mistaken for a group whose id happens to be Guid.Empty.
        var council = new GroupInput(Guid.Parse("00000000-0000-4000-8000-00000000000c"), "Council");
        var empty = new GroupInput(Guid.Empty, "Empty id");
        RatingInput Rating(GroupInput group, string now) => new(Guid.NewGuid(), group.Id, "1.1.1", Scenario.Answer(now), Scenario.Answer(""));

        var summary = AssessmentScorer.Summarise(new AssessmentScoringInput(
            Scenario.Catalogue, ["1.1.1"], [council, empty], [Rating(empty, "5"), Rating(council, "1"), Rating(empty, "5")], [], NoTargets));

        var groups = summary.Characteristic("1.1.1").Now.Groups;
        Assert.Equal([("Council", 1m, 1), ("Empty id", 5m, 2)], groups.Select(g => (g.GroupName, g.Statistics.Median!.Value, g.Statistics.N)));
    }

    [Fact]
    public void Asking_a_summary_for_something_outside_the_scope_says_so()
    {
        var summary = new Scenario().Scope("1.1.1").Summarise();

        Assert.Equal("The characteristic '4.1' is not in the scope of this assessment.",
            Assert.Throws<KeyNotFoundException>(() => summary.Characteristic("4.1")).Message);
        Assert.Equal("No characteristic of the sub-dimension '1.2' is in the scope of this assessment.",
            Assert.Throws<KeyNotFoundException>(() => summary.SubDimension("1.2")).Message);
        Assert.Equal("No characteristic of the dimension '4' is in the scope of this assessment.",
            Assert.Throws<KeyNotFoundException>(() => summary.Dimension("4")).Message);
        Assert.Equal("1.1", summary.SubDimension("1.1").Code);
        Assert.Equal("1", summary.Dimension("1").Code);
    }
}
