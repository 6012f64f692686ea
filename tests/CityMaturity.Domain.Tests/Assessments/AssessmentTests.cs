using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Tests.Assessments;

public class AssessmentTests
{
    private static readonly MaturityCatalogue Catalogue = CatalogueLoader.LoadEmbedded();

    [Fact]
    public void Purposes_are_the_catalogues_ISO_37104_stages_in_order()
    {
        Assert.Equal(Catalogue.PdcaStages.Select(s => s.Key), AssessmentVocabulary.PurposeKeys);
    }

    [Fact]
    public void A_new_assessment_starts_with_the_methodologys_six_stakeholder_groups()
    {
        Assert.Equal(
            ["Local government", "Wider public sector", "Private sector", "Civil society", "Academia and research", "Citizens"],
            AssessmentVocabulary.DefaultGroups);
    }

    [Theory]
    [InlineData(AssessmentMethod.SingleStakeholder, "single-stakeholder")]
    [InlineData(AssessmentMethod.MultiStakeholder, "multi-stakeholder")]
    [InlineData(AssessmentMethod.ModeratedWorkshop, "moderated-workshop")]
    public void Methods_are_stored_by_the_catalogues_key(AssessmentMethod method, string key)
    {
        // The key is what the schema's CHECK constraint allows and what the catalogue names the method by.
        Assert.Equal(key, method.Key());
        Assert.Equal(method, AssessmentVocabulary.ParseMethod(key));
        Assert.Contains(Catalogue.AssessmentMethods, m => m.Key == key);
    }

    [Theory]
    [InlineData(AssessmentStatus.Draft, "draft", "Draft")]
    [InlineData(AssessmentStatus.Open, "open", "Open for rating")]
    [InlineData(AssessmentStatus.Closed, "closed", "Closed")]
    [InlineData(AssessmentStatus.Archived, "archived", "Archived")]
    public void Statuses_have_a_stored_key_and_a_display_name(AssessmentStatus status, string key, string displayName)
    {
        Assert.Equal(key, status.Key());
        Assert.Equal(status, AssessmentVocabulary.ParseStatus(key));
        Assert.Equal(displayName, status.DisplayName());
    }

    [Theory]
    [InlineData("Draft")]
    [InlineData("workshop")]
    [InlineData("")]
    public void An_unknown_stored_key_is_a_data_fault(string key)
    {
        Assert.Throws<InvalidOperationException>(() => AssessmentVocabulary.ParseStatus(key));
        Assert.Throws<InvalidOperationException>(() => AssessmentVocabulary.ParseMethod(key));
    }

    public static TheoryData<AssessmentStatus, AssessmentStatus> AllowedMoves => new()
    {
        { AssessmentStatus.Draft, AssessmentStatus.Open },
        { AssessmentStatus.Open, AssessmentStatus.Closed },
        { AssessmentStatus.Closed, AssessmentStatus.Open },
        { AssessmentStatus.Closed, AssessmentStatus.Archived },
    };

    [Fact]
    public void Status_moves_forward_draft_open_closed_archived_and_a_closed_one_may_reopen()
    {
        var allowed = AllowedMoves.Select(row => ((AssessmentStatus)row[0], (AssessmentStatus)row[1])).ToHashSet();
        foreach (var from in Enum.GetValues<AssessmentStatus>())
        {
            foreach (var to in Enum.GetValues<AssessmentStatus>())
            {
                Assert.True(allowed.Contains((from, to)) == from.CanMoveTo(to), $"{from} → {to}");
            }
        }
    }

    [Theory]
    [InlineData(AssessmentStatus.Draft, false)]
    [InlineData(AssessmentStatus.Open, true)]
    [InlineData(AssessmentStatus.Closed, false)]
    [InlineData(AssessmentStatus.Archived, false)]
    public void Only_an_open_assessment_accepts_ratings(AssessmentStatus status, bool accepts)
    {
        var assessment = new Assessment { Name = "Baseline", Community = "Demoville", Purpose = "baseline-review", Status = status };

        Assert.Equal(accepts, assessment.AcceptsRatings);
    }
}

public class RatingTests
{
    private static Rating Rated(string now, string inTwoYears) =>
        new() { CharacteristicCode = "2.3.1", LevelNow = LevelAnswer.FromCode(now), LevelInTwoYears = LevelAnswer.FromCode(inTwoYears) };

    [Theory]
    [InlineData("3", "4", true)]
    [InlineData("DK", "DK", true)]
    [InlineData("3", "", false)]
    [InlineData("", "4", false)]
    [InlineData("", "", false)]
    public void A_rating_is_complete_when_both_views_are_answered_dont_know_included(string now, string inTwoYears, bool complete)
    {
        Assert.Equal(complete, Rated(now, inTwoYears).IsComplete);
    }

    [Theory]
    [InlineData("4", "3", true)]
    [InlineData("2", "1", true)]
    [InlineData("3", "3", false)]
    [InlineData("3", "4", false)]
    [InlineData("4", "DK", false)]
    [InlineData("DK", "1", false)]
    [InlineData("", "1", false)]
    [InlineData("4", "", false)]
    public void Plans_regress_only_when_both_levels_are_known_and_the_plan_is_lower(string now, string inTwoYears, bool regress)
    {
        Assert.Equal(regress, Rated(now, inTwoYears).PlansRegress);
    }

    [Fact]
    public void Answers_are_kept_as_given_in_both_views()
    {
        var rating = Rated("DK", "5");

        Assert.Equal(LevelAnswer.DontKnow, rating.LevelNow);
        Assert.Equal(LevelAnswer.Of(MaturityLevel.SustainablyOptimising), rating.LevelInTwoYears);
        Assert.Equal(LevelAnswer.Unanswered, new Rating { CharacteristicCode = "2.3.1" }.LevelNow);
    }
}
