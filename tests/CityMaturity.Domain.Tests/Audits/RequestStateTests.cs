using CityMaturity.Domain.Audits;

namespace CityMaturity.Domain.Tests.Audits;

public class RequestStateTests
{
    private static readonly DateTimeOffset Answered = new(2026, 3, 12, 10, 0, 0, TimeSpan.Zero);

    private static AuditRequestMessage By(AuditParty party, int minutesAfterAnswer) =>
        new() { Party = party, AuthorName = "someone", Body = "text", PostedAt = Answered.AddMinutes(minutesAfterAnswer) };

    [Fact]
    public void Open_until_the_first_answer_whoever_followed_up()
    {
        Assert.Equal(RequestState.Open, RequestStates.Of(null, closed: false, lastFollowUp: null));
        Assert.Equal(RequestState.Open, RequestStates.Of(null, closed: false, By(AuditParty.City, -5)));
    }

    [Fact]
    public void After_the_answer_whoever_wrote_last_decides()
    {
        Assert.Equal(RequestState.Answered, RequestStates.Of(Answered, closed: false, lastFollowUp: null));
        Assert.Equal(RequestState.Open, RequestStates.Of(Answered, closed: false, By(AuditParty.AuditBody, 1)));
        Assert.Equal(RequestState.Answered, RequestStates.Of(Answered, closed: false, By(AuditParty.City, 2)));
        // The auditor's follow-up before the answer was answered by it.
        Assert.Equal(RequestState.Answered, RequestStates.Of(Answered, closed: false, By(AuditParty.AuditBody, -1)));
    }

    [Fact]
    public void Closed_wins_over_everything()
    {
        Assert.Equal(RequestState.Closed, RequestStates.Of(null, closed: true, lastFollowUp: null));
        Assert.Equal(RequestState.Closed, RequestStates.Of(Answered, closed: true, By(AuditParty.AuditBody, 1)));
        Assert.Equal(["open", "answered", "closed"], Enum.GetValues<RequestState>().Select(s => s.Code()));
    }
}
