using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Tests.Assessments;

public class RatingAuditTests
{
    private static readonly DateTimeOffset Earlier = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 14, 15, 0, TimeSpan.Zero);
    private static readonly Guid Editor = Guid.Parse("6f1c1d2e-0000-4000-8000-000000000001");

    private static LevelAnswer L(string code) => LevelAnswer.FromCode(code);

    private static Rating Existing(string now, string inTwoYears, string? comment, params string[] links) => new()
    {
        Id = Guid.Parse("6f1c1d2e-0000-4000-8000-000000000002"),
        AssessmentId = Guid.Parse("6f1c1d2e-0000-4000-8000-000000000003"),
        ParticipantId = Guid.Parse("6f1c1d2e-0000-4000-8000-000000000004"),
        CharacteristicCode = "2.3.1",
        LevelNow = L(now),
        LevelInTwoYears = L(inTwoYears),
        Comment = comment,
        EvidenceLinks = [.. links],
        Version = 3,
        UpdatedAt = Earlier,
    };

    private static RatingValues Values(string now, string inTwoYears, string? comment, params string[] links) =>
        new(L(now), L(inTwoYears), comment, links);

    private static RatingChange? Apply(Rating rating, RatingValues values) =>
        RatingAudit.Apply(rating, values, RatingChangeSource.RatingForm, Editor, changedByParticipant: true, Now);

    [Fact]
    public void A_change_updates_the_rating_and_records_who_when_how_and_both_values()
    {
        var rating = Existing("2", "3", "Old note", "https://example.org/old");

        var change = RatingAudit.Apply(rating, Values("3", "DK", "New note", "https://example.org/a", "https://example.org/b"),
            RatingChangeSource.Import, Editor, changedByParticipant: false, Now);

        Assert.NotNull(change);
        Assert.Equal((L("3"), L("DK"), "New note", Now), (rating.LevelNow, rating.LevelInTwoYears, rating.Comment, rating.UpdatedAt));
        Assert.Equal(["https://example.org/a", "https://example.org/b"], rating.EvidenceLinks);
        Assert.Equal((rating.Id, rating.AssessmentId, rating.ParticipantId, "2.3.1"), (change.RatingId, change.AssessmentId, change.ParticipantId, change.CharacteristicCode));
        Assert.Equal((Now, (Guid?)Editor, false, RatingChangeSource.Import), (change.ChangedAt, change.ChangedByUserId, change.ChangedByParticipant, change.Source));
        Assert.Equal((L("2"), L("3")), (change.OldLevelNow, change.NewLevelNow));
        Assert.Equal((L("3"), L("DK")), (change.OldLevelInTwoYears, change.NewLevelInTwoYears));
        Assert.Equal(("Old note", "New note"), (change.OldComment, change.NewComment));
        Assert.Equal(["https://example.org/old"], change.OldEvidenceLinks!);
        Assert.Equal(["https://example.org/a", "https://example.org/b"], change.NewEvidenceLinks!);
    }

    [Fact]
    public void The_audit_records_the_form_and_the_participant_when_they_come_from_the_rating_form()
    {
        var change = Apply(Existing("", "", null), Values("1", "", null));

        Assert.NotNull(change);
        Assert.Equal((RatingChangeSource.RatingForm, true), (change.Source, change.ChangedByParticipant));
        Assert.Equal((LevelAnswer.Unanswered, L("1")), (change.OldLevelNow, change.NewLevelNow));
    }

    [Fact]
    public void Saving_the_same_values_again_records_nothing_and_leaves_the_rating_alone()
    {
        var rating = Existing("2", "DK", "Same", "https://example.org/a");

        Assert.Null(Apply(rating, Values("2", "DK", "Same", "https://example.org/a")));
        Assert.Equal(Earlier, rating.UpdatedAt);
    }

    [Theory]
    [InlineData("3", "DK", "Same", "https://example.org/a")] // level now
    [InlineData("2", "2", "Same", "https://example.org/a")]  // level in two years
    [InlineData("2", "DK", "same", "https://example.org/a")] // comments compare case by case
    [InlineData("2", "DK", "Same", "https://example.org/A")] // and so do links
    [InlineData("2", "DK", "Same", "")]                      // a link removed
    public void Any_difference_in_one_value_is_a_change(string now, string inTwoYears, string comment, string link)
    {
        var rating = Existing("2", "DK", "Same", "https://example.org/a");

        Assert.NotNull(Apply(rating, Values(now, inTwoYears, comment, link.Length == 0 ? [] : [link])));
        Assert.Equal(Now, rating.UpdatedAt);
    }

    [Fact]
    public void The_order_of_evidence_links_is_part_of_the_rating()
    {
        var rating = Existing("2", "2", null, "https://example.org/a", "https://example.org/b");

        var change = Apply(rating, Values("2", "2", null, "https://example.org/b", "https://example.org/a"));

        Assert.NotNull(change);
        Assert.Equal(["https://example.org/b", "https://example.org/a"], rating.EvidenceLinks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n")]
    public void A_blank_comment_is_no_comment_and_not_a_change(string? blank)
    {
        var rating = Existing("4", "5", null);

        Assert.Null(Apply(rating, Values("4", "5", blank)));
        Assert.Null(rating.Comment);
        Assert.Equal(Earlier, rating.UpdatedAt);
    }

    [Fact]
    public void Clearing_a_comment_with_blanks_stores_no_comment()
    {
        var rating = Existing("4", "5", "Was here");

        var change = Apply(rating, Values("4", "5", "  "));

        Assert.NotNull(change);
        Assert.Null(rating.Comment);
        Assert.Equal(("Was here", (string?)null), (change.OldComment, change.NewComment));
    }

    [Fact]
    public void Empty_values_are_all_unanswered_without_comment_or_links()
    {
        Assert.True(RatingValues.Empty.SameAs(new RatingValues(LevelAnswer.Unanswered, LevelAnswer.Unanswered, "", [])));
        Assert.True(RatingValues.Empty.SameAs(new RatingValues(LevelAnswer.Unanswered, LevelAnswer.Unanswered, " ", [])));
        Assert.False(RatingValues.Empty.SameAs(new RatingValues(LevelAnswer.DontKnow, LevelAnswer.Unanswered, null, [])));
        Assert.False(RatingValues.Empty.SameAs(new RatingValues(LevelAnswer.Unanswered, LevelAnswer.Of(MaturityLevel.Initial), null, [])));
    }

    [Fact]
    public void The_values_of_a_rating_are_a_copy()
    {
        var rating = Existing("1", "2", "Note", "https://example.org/a");

        var values = RatingValues.Of(rating);
        rating.EvidenceLinks.Add("https://example.org/b");

        Assert.Equal(Values("1", "2", "Note", "https://example.org/a").LevelNow, values.LevelNow);
        Assert.Equal((L("2"), "Note"), (values.LevelInTwoYears, values.Comment));
        Assert.Equal(["https://example.org/a"], values.EvidenceLinks);
    }
}
