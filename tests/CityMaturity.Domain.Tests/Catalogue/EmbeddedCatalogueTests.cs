using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Tests.Catalogue;

public class EmbeddedCatalogueTests
{
    private static readonly MaturityCatalogue Catalogue = CatalogueLoader.LoadEmbedded();

    /// <summary>Codes and Table 2 classes as listed in ISO/TS 37107 (3.2.3 treated as class a, see methodology).</summary>
    public static TheoryData<string, string> ExpectedClasses => new()
    {
        { "1.1.1", "c" }, { "1.1.2", "a" }, { "1.2.1", "a" }, { "1.2.2", "b" }, { "1.2.3", "a" },
        { "1.3.1", "b" }, { "1.3.2", "b" }, { "1.4.1", "a" }, { "1.4.2", "b" },
        { "1.5.1", "a" }, { "1.5.2", "a" }, { "1.5.3", "a" },
        { "2.1.1", "b" }, { "2.1.2", "a" }, { "2.2.1", "b" }, { "2.2.2", "b" },
        { "2.3.1", "b" }, { "2.3.2", "b" }, { "2.4.1", "b" }, { "2.4.2", "a" },
        { "3.1.1", "b" }, { "3.1.2", "b" }, { "3.1.3", "a" }, { "3.2.1", "b" }, { "3.2.2", "b" }, { "3.2.3", "a" },
        { "4.1", "c" }, { "4.2", "c" }, { "4.3", "c" }, { "4.4", "c" }, { "4.5", "c" }, { "4.6", "c" },
    };

    [Fact]
    public void Has_the_structure_of_the_standard()
    {
        Assert.Equal(4, Catalogue.Dimensions.Count);
        Assert.Equal(17, Catalogue.SubDimensions.Count);
        Assert.Equal(32, Catalogue.Characteristics.Count);
        Assert.Equal([5, 4, 2, 6], Catalogue.Dimensions.Select(d => d.SubDimensions.Count));
        Assert.Equal(26, Catalogue.Dimensions.Take(3).Sum(d => d.Characteristics.Count()));
        Assert.Equal(6, Catalogue.GetDimension("4").Characteristics.Count());
    }

    [Theory]
    [MemberData(nameof(ExpectedClasses))]
    public void Every_characteristic_has_its_code_and_class(string code, string classCode)
    {
        Assert.True(Catalogue.TryGetCharacteristic(code, out var characteristic), $"{code} is missing");
        Assert.Equal(classCode, characteristic.Class.Code());
    }

    [Fact]
    public void Has_all_160_achievement_criteria_and_they_differ()
    {
        var criteria = Catalogue.Characteristics.SelectMany(c => c.Criteria.All.Select(l => l.Text)).ToList();

        Assert.Equal(160, criteria.Count);
        Assert.All(criteria, text => Assert.True(text.Length >= 40, $"criterion too short to be useful: '{text}'"));
        Assert.Equal(160, criteria.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Names_the_five_levels_as_the_standard_does()
    {
        Assert.Equal(
            ["Initial", "Partially fulfilled", "Fulfilled", "Improving", "Sustainably optimising"],
            Catalogue.Levels.Select(l => l.Name));
        Assert.Equal(MaturityLevels.All.Select(l => l.DefaultName()), Catalogue.Levels.Select(l => l.Name));
    }

    [Fact]
    public void Handles_the_defects_of_the_extracted_text()
    {
        Assert.Equal("Integrated procurement and supplier management", Catalogue.GetCharacteristic("1.4.1").Title);
        Assert.Equal("Channel management", Catalogue.GetCharacteristic("2.3.2").Title);
        Assert.Equal("Digital inclusion", Catalogue.GetCharacteristic("2.3.1").Title);
        Assert.False(Catalogue.TryGetCharacteristic("2.3.3", out _));
        foreach (var code in new[] { "1.4.1", "1.4.2", "2.2.2", "2.3.1", "3.2.3", "4.5", "4.6" })
        {
            Assert.False(string.IsNullOrWhiteSpace(Catalogue.GetCharacteristic(code).SourceNote), $"{code} should say how the source defect was handled");
        }
    }

    [Fact]
    public void Has_the_classes_documents_functions_stages_and_methods()
    {
        Assert.Equal(["a", "b", "c"], Catalogue.Classes.Select(c => c.Code));
        Assert.All(Catalogue.Classes, c => Assert.All(MaturityLevels.All, l => Assert.NotEmpty(c.Levels[l])));

        Assert.Equal(12, Catalogue.Documents.Count);
        Assert.Contains(Catalogue.Documents, d => d.Code == "ISO 18091");
        Assert.All(Catalogue.SubDimensions, s => Assert.Contains(Catalogue.Documents, d => d.SubDimensionCodes.Contains(s.Code)));

        Assert.All(Catalogue.GetDimension("4").Characteristics, purpose => Assert.NotEmpty(Catalogue.LocalGovernmentFunctionsFor(purpose)));
        Assert.Empty(Catalogue.LocalGovernmentFunctionsFor(Catalogue.GetCharacteristic("1.1.1")));

        Assert.Equal(["commitment", "baseline-review", "strategy", "action-plan", "evaluation"], Catalogue.PdcaStages.Select(s => s.Key));
        Assert.Equal(
            ["single-stakeholder", "multi-stakeholder", "moderated-workshop", "cross-city-benchmarking", "external-audit"],
            Catalogue.AssessmentMethods.Select(m => m.Key));
    }

    [Fact]
    public void Dimension_four_purposes_are_their_own_sub_dimensions()
    {
        var resilience = Catalogue.GetCharacteristic("4.3");
        Assert.Equal("4.3", resilience.SubDimensionCode);
        Assert.Equal("Resilience", resilience.Title);
        Assert.Same(resilience, Assert.Single(Catalogue.GetSubDimension("4.3").Characteristics));
    }

    [Fact]
    public void Search_finds_digital_inclusion_first()
    {
        var hits = Catalogue.Search("digital inclusion");

        Assert.Equal("2.3.1", hits[0].Characteristic.Code);
        Assert.True(hits[0].MatchedTitle);
        Assert.All(hits.Skip(1), h => Assert.False(h.MatchedTitle));
    }

    [Theory]
    [InlineData("  ")]
    [InlineData(null)]
    public void Search_with_no_words_finds_nothing(string? query) => Assert.Empty(Catalogue.Search(query));

    [Fact]
    public void Search_matches_criteria_text_and_ignores_case() =>
        Assert.Contains(Catalogue.Search("PROCUREMENT"), h => h.Characteristic.Code == "1.4.2");

    [Fact]
    public void Search_requires_every_word() => Assert.Empty(Catalogue.Search("procurement zebra"));
}
