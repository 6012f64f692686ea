using CityMaturity.Domain.Assessments;

namespace CityMaturity.Domain.Workshops;

/// <summary>
/// What a facilitator may do next, and why not. Each check returns null when the step is allowed, or the sentence to
/// show the facilitator. The service applies these under a row lock, so two consoles cannot both pass a check.
/// </summary>
public static class WorkshopRules
{
    public const int MaxRationaleLength = 4000;
    public static readonly IReadOnlyList<int> TimerChoicesInSeconds = [30, 60, 90, 120, 180, 300];

    public static string? WhyNotOpenRound(Workshop workshop, WorkshopRound? latestRoundOfWorkshop) => workshop.Status switch
    {
        WorkshopStatus.Ended => "The workshop has ended.",
        WorkshopStatus.Paused => "The workshop is paused: resume it first.",
        WorkshopStatus.Running when latestRoundOfWorkshop?.Status == RoundStatus.Open => "A round is already open: close it first.",
        WorkshopStatus.Running => null,
    };

    public static string? WhyNotClose(WorkshopRound? round) => round?.Status switch
    {
        RoundStatus.Open => null,
        null => "No round has been opened.",
        _ => "This round is already closed.",
    };

    public static string? WhyNotReveal(WorkshopRound? round) => round?.Status switch
    {
        RoundStatus.Closed => null,
        RoundStatus.Open => "Close the round before revealing it.",
        RoundStatus.Revealed => "This round is already revealed.",
        null => "No round has been opened.",
    };

    /// <summary>Going to another characteristic (next, back, or any on the agenda) needs no round open.</summary>
    public static string? WhyNotMoveTo(Workshop workshop, WorkshopRound? latestRoundOfWorkshop, int position)
    {
        if (workshop.Status == WorkshopStatus.Ended)
        {
            return "The workshop has ended.";
        }

        if (position < 0 || position >= workshop.Agenda.Count)
        {
            return "There is no characteristic at that place in the agenda.";
        }

        return latestRoundOfWorkshop?.Status == RoundStatus.Open ? "Close the open round first." : null;
    }

    public static string? WhyNotChangeStatus(Workshop workshop, WorkshopStatus to) => (workshop.Status, to) switch
    {
        (WorkshopStatus.Running, WorkshopStatus.Paused) => null,
        (WorkshopStatus.Paused, WorkshopStatus.Running) => null,
        (WorkshopStatus.Running or WorkshopStatus.Paused, WorkshopStatus.Ended) => null,
        (WorkshopStatus.Ended, _) => "The workshop has ended.",
        _ => $"The workshop is already {to.ToString().ToLowerInvariant()}.",
    };

    /// <summary>A decision with a level needs its reasons; "no consensus" needs none but may have a note.</summary>
    public static string? WhyNotRecord(Workshop workshop, WorkshopRound? latestRoundOfWorkshop, ConsensusDecision decision)
    {
        if (workshop.Status == WorkshopStatus.Ended)
        {
            return "The workshop has ended.";
        }

        if (latestRoundOfWorkshop?.Status == RoundStatus.Open)
        {
            return "Close the open round before recording a decision.";
        }

        return WhyNotRationale(decision.IsNoConsensus, decision.Rationale) ?? EvidenceLinks.WhyNot(decision.EvidenceLinks);
    }

    public const string RationaleMissing = "Give the rationale for the consensus level: what the room agreed on, and why.";
    public static readonly string RationaleTooLong = $"The rationale can have at most {MaxRationaleLength} characters.";

    /// <summary>The rationale's part of <see cref="WhyNotRecord"/>: a level needs its reasons, and none is too long.</summary>
    public static string? WhyNotRationale(bool isNoConsensus, string? rationale) =>
        !isNoConsensus && string.IsNullOrWhiteSpace(rationale) ? RationaleMissing
        : (rationale?.Trim().Length ?? 0) > MaxRationaleLength ? RationaleTooLong
        : null;
}
