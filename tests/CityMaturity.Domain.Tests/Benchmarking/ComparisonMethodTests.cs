using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Benchmarking;

namespace CityMaturity.Domain.Tests.Benchmarking;

public sealed class ComparisonMethodTests
{
    [Theory]
    [InlineData(AssessmentMethod.SingleStakeholder, "median", ComparisonMethod.SelfAssessed)]
    [InlineData(AssessmentMethod.MultiStakeholder, "median", ComparisonMethod.SelfAssessed)]
    [InlineData(AssessmentMethod.ModeratedWorkshop, "median", ComparisonMethod.SelfAssessed)]
    [InlineData(AssessmentMethod.ModeratedWorkshop, "consensus", ComparisonMethod.Moderated)]
    [InlineData(AssessmentMethod.ModeratedWorkshop, "mixed", ComparisonMethod.Moderated)]
    [InlineData(AssessmentMethod.MultiStakeholder, "mixed", ComparisonMethod.SelfAssessed)]
    [InlineData(AssessmentMethod.MultiStakeholder, "consensus", ComparisonMethod.Moderated)]
    [InlineData(AssessmentMethod.SingleStakeholder, "audited", ComparisonMethod.Audited)]
    public void The_method_filter_follows_the_snapshots_method_and_score_source(AssessmentMethod method, string source, ComparisonMethod expected)
    {
        Assert.Equal(expected, ComparisonMethods.Classify(method, source));
    }

    [Theory]
    [InlineData(new string[0], "median")]
    [InlineData(new[] { "median", "median" }, "median")]
    [InlineData(new[] { "consensus" }, "consensus")]
    [InlineData(new[] { "consensus", "median" }, "mixed")]
    public void A_snapshots_source_is_the_one_source_of_its_characteristics_or_mixed(string[] sources, string expected)
    {
        Assert.Equal(expected, SnapshotSources.Of(sources));
    }

    [Fact]
    public void Method_keys_read_back()
    {
        foreach (var method in Enum.GetValues<ComparisonMethod>())
        {
            Assert.True(ComparisonMethods.TryParse(method.Key(), out var parsed));
            Assert.Equal(method, parsed);
        }

        Assert.False(ComparisonMethods.TryParse("guessed", out _));
    }
}
