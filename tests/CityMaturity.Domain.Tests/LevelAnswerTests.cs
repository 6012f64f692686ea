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
