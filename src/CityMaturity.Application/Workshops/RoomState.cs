using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;
using CityMaturity.Domain.Workshops;

namespace CityMaturity.Application.Workshops;

/// <summary>
/// The JSON a participant's phone renders (GET /w/{code}/state). <see cref="Results"/> is filled only for a revealed
/// round; before that the state holds nothing about anybody's vote but the phone's own.
/// </summary>
public sealed record RoomState(
    string Status,
    string Code,
    string You,
    string YourGroup,
    RoomCharacteristic Characteristic,
    RoomRound? Round,
    RoomVote? YourVote,
    RoomResults? Results,
    RoomDecision? Decision,
    DateTimeOffset ServerTime)
{
    public static RoomState Of(
        Workshop workshop, AttendeeSession session, Characteristic characteristic, IReadOnlyList<LevelDefinition> levels,
        WorkshopRound? round, WorkshopVote? ownVote, AnswerFigures? revealed, ConsensusDecision? decision, DateTimeOffset now) => new(
            StatusKey(workshop.Status),
            JoinCodes.Display(workshop.JoinCode),
            session.Attendee.DisplayName,
            session.GroupName,
            new RoomCharacteristic(
                characteristic.Code,
                characteristic.Title,
                workshop.CurrentPosition + 1,
                workshop.Agenda.Count,
                [.. levels.Select(l => new RoomCriterion(l.Level.Number(), l.Name, characteristic.Criteria[l.Level]))]),
            round is null ? null : new RoomRound(round.Id, round.Number, RoundKey(round.Status), round.ClosesAt),
            ownVote is null ? null : new RoomVote(ownVote.LevelNow.Code, ownVote.LevelInTwoYears.Code),
            revealed is null || round is not { IsRevealed: true } ? null : RoomResults.Of(revealed),
            decision is null ? null : new RoomDecision(decision.LevelNow?.Number(), decision.LevelInTwoYears?.Number(), decision.IsNoConsensus),
            now);

    public static string StatusKey(WorkshopStatus status) => status switch
    {
        WorkshopStatus.Running => "running",
        WorkshopStatus.Paused => "paused",
        WorkshopStatus.Ended => "ended",
    };

    public static string RoundKey(RoundStatus status) => status switch
    {
        RoundStatus.Open => "open",
        RoundStatus.Closed => "closed",
        RoundStatus.Revealed => "revealed",
    };
}

public sealed record RoomCharacteristic(string Code, string Title, int Position, int Of, IReadOnlyList<RoomCriterion> Criteria);

public sealed record RoomCriterion(int Level, string Name, string Text);

public sealed record RoomRound(Guid Id, int Number, string Status, DateTimeOffset? ClosesAt);

/// <summary>The phone's own vote: "1"–"5", "DK", or "" for a view not answered.</summary>
public sealed record RoomVote(string Now, string InTwoYears);

public sealed record RoomResults(int Voters, RoomView Now, RoomView InTwoYears)
{
    public static RoomResults Of(AnswerFigures figures) => new(figures.Voters, RoomView.Of(figures.Now), RoomView.Of(figures.InTwoYears));
}

/// <summary>One view's reveal: the five counts (level 1 first), don't-know count and the methodology's figures.</summary>
public sealed record RoomView(IReadOnlyList<int> Distribution, int DontKnow, decimal? Median, decimal? Iqr, decimal? Agreement, string Consensus)
{
    public static RoomView Of(ViewStatistics statistics) => new(
        [.. statistics.Distribution],
        statistics.DontKnowCount,
        statistics.Median,
        statistics.Iqr,
        statistics.AgreementPercent,
        Results.ResultFormat.Consensus(statistics.Consensus));
}

public sealed record RoomDecision(int? LevelNow, int? LevelInTwoYears, bool NoConsensus);
