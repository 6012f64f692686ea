using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Tests;

public class LevelAnswerTests
{
    [Theory]
    [InlineData("1", AnswerKind.Level, 1)]
    [InlineData(" 5 ", AnswerKind.Level, 5)]
    [InlineData("DK", AnswerKind.DontKnow, 0)]
    [InlineData("dk", AnswerKind.DontKnow, 0)]
    [InlineData("", AnswerKind.Unanswered, 0)]
    [InlineData(null, AnswerKind.Unanswered, 0)]
    public void Parses_the_interchange_spellings(string? text, AnswerKind kind, int level)
    {
        Assert.True(LevelAnswer.TryParse(text, out var answer));
        Assert.Equal(kind, answer.Kind);
        Assert.Equal(level == 0 ? null : (MaturityLevel)level, answer.Level);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("three")]
    [InlineData("3.5")]
    [InlineData("+3")]
    [InlineData("03")]
    public void Rejects_anything_else(string text) => Assert.False(LevelAnswer.TryParse(text, out _));

    [Fact]
    public void Round_trips_through_its_code()
    {
        foreach (var answer in new[] { LevelAnswer.Unanswered, LevelAnswer.DontKnow }.Concat(MaturityLevels.All.Select(LevelAnswer.Of)))
        {
            Assert.True(LevelAnswer.TryParse(answer.Code, out var parsed));
            Assert.Equal(answer, parsed);
        }
    }

    [Fact]
    public void Dont_know_is_answered_but_not_known()
    {
        Assert.True(LevelAnswer.DontKnow.IsAnswered);
        Assert.False(LevelAnswer.DontKnow.IsKnown);
        Assert.False(LevelAnswer.Unanswered.IsAnswered);
    }
}

public class LevelAnswerStorageTests
{
    [Fact]
    public void Stored_codes_are_null_for_unanswered_and_the_interchange_code_otherwise()
    {
        Assert.Null(LevelAnswer.Unanswered.StoredCode);
        Assert.Equal("DK", LevelAnswer.DontKnow.StoredCode);
        Assert.Equal("4", LevelAnswer.Of(MaturityLevel.Improving).StoredCode);
        Assert.Equal(LevelAnswer.Unanswered, LevelAnswer.FromCode(null));
    }

    [Fact]
    public void A_stored_value_that_is_no_answer_is_a_data_fault_naming_the_value()
    {
        var fault = Assert.Throws<FormatException>(() => LevelAnswer.FromCode("7"));

        Assert.Equal("'7' is not a level answer.", fault.Message);
    }

    [Fact]
    public void Reads_as_its_code_or_as_unanswered()
    {
        Assert.Equal("(unanswered)", LevelAnswer.Unanswered.ToString());
        Assert.Equal("DK", LevelAnswer.DontKnow.ToString());
        Assert.Equal("2", LevelAnswer.Of(MaturityLevel.PartiallyFulfilled).ToString());
    }
}
