using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Tests.Scoring;

public class AssessmentScopeTests
{
    [Fact]
    public void Finds_every_catalogue_code_at_its_position()
    {
        var scope = AssessmentScope.Of(Scenario.Catalogue, null);

        for (var index = 0; index < Scenario.Catalogue.Characteristics.Count; index++)
        {
            var code = new string(Scenario.Catalogue.Characteristics[index].Code.AsSpan()); // equal, not the same instance
            Assert.True(scope.TryIndexOf(code, out var found), code);
            Assert.Equal(index, found);
        }
    }

    [Theory]
    [InlineData("221")]
    [InlineData("2.2")]      // a sub-dimension of dimensions 1–3, not a characteristic
    [InlineData("2.2.0")]
    [InlineData("4.5.0")]
    [InlineData("2.2.1 ")]
    [InlineData("2,2,1")]
    [InlineData("4.7")]
    [InlineData("")]
    public void Finds_nothing_for_other_spellings(string code)
    {
        Assert.False(AssessmentScope.Of(Scenario.Catalogue, null).TryIndexOf(code, out _));
    }

    [Fact]
    public void A_reduced_scope_numbers_its_characteristics_in_catalogue_order()
    {
        var scope = AssessmentScope.Of(Scenario.Catalogue, ["4.6", "1.1.1", "2.3.2"]);

        Assert.Equal(["1.1.1", "2.3.2", "4.6"], scope.Characteristics.Select(c => c.Code));
        Assert.True(scope.TryIndexOf("4.6", out var index));
        Assert.Equal(2, index);
        Assert.False(scope.TryIndexOf("1.1.2", out _));
    }
}
