using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Workshops;

namespace CityMaturity.Application.Workshops;

/// <summary>A workshop in the assessment's list.</summary>
public sealed record WorkshopListRow(Workshop Workshop, int Attendees, int RoundsHeld);

public sealed record AttendeeRow(Guid Id, string Name, string GroupName, bool IsWalkIn, DateTimeOffset JoinedAt);

/// <summary>
/// A round as the console and the presenter see it: how many have voted, always; the figures only once revealed.
/// Constructed only by <see cref="WorkshopFigures.RoundViewAsync"/>, which enforces that rule.
/// </summary>
public sealed record RoundView(WorkshopRound Round, int VoteCount, AnswerFigures? Results);

/// <summary>Everything the facilitator console shows, read in one go.</summary>
public sealed record ConsoleView(
    Workshop Workshop,
    Characteristic Current,
    IReadOnlyList<AttendeeRow> Attendees,
    IReadOnlyList<RoundView> RoundsOfCurrent,
    AnswerFigures BeforeWorkshop,
    IReadOnlyDictionary<string, ConsensusDecision> LatestDecisions)
{
    /// <summary>The latest round on the characteristic on screen, if it has had one.</summary>
    public RoundView? CurrentRound => RoundsOfCurrent.Count == 0 ? null : RoundsOfCurrent[^1];

    public ConsensusDecision? CurrentDecision => LatestDecisions.GetValueOrDefault(Current.Code);
}

/// <summary>What the projector shows: no names, no controls.</summary>
public sealed record PresenterView(
    Workshop Workshop,
    Assessment Assessment,
    Characteristic Current,
    int AttendeeCount,
    RoundView? CurrentRound,
    ConsensusDecision? CurrentDecision);
