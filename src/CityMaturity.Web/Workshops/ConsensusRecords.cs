using System.Globalization;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Reporting;
using CityMaturity.Domain.Scoring;
using CityMaturity.Domain.Workshops;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Web.Workshops;

/// <summary>
/// The consensus decisions that count — the latest per characteristic, from any workshop of the assessment — as the
/// scoring input (<see cref="ConsensusInput"/>) and as the report's appendix notes with their round history.
/// </summary>
public static class ConsensusRecords
{
    public static async Task<IReadOnlyDictionary<string, ConsensusDecision>> LatestAsync(CityMaturityDb db, Guid assessmentId, CancellationToken cancellationToken = default)
    {
        var decisions = await db.ConsensusDecisions.AsNoTracking()
            .Where(d => d.AssessmentId == assessmentId)
            .OrderBy(d => d.RecordedAt)
            .ToListAsync(cancellationToken);
        var latest = new Dictionary<string, ConsensusDecision>(StringComparer.Ordinal);
        foreach (var decision in decisions)
        {
            latest[decision.CharacteristicCode] = decision;
        }

        return latest;
    }

    /// <summary>One input per view with an agreed level; "no consensus" adds none, so the median stays the score.</summary>
    public static IReadOnlyList<ConsensusInput> ScoringInputs(IEnumerable<ConsensusDecision> decisions) =>
    [
        .. decisions.SelectMany(d => new[] { (RatingView.Now, d.LevelNow), (RatingView.InTwoYears, d.LevelInTwoYears) }
            .Where(v => v.Item2 is not null)
            .Select(v => new ConsensusInput(d.CharacteristicCode, v.Item1, v.Item2!.Value))),
    ];

    /// <summary>The appendix rows: per decided characteristic in catalogue order, one row per view, the round history on the first.</summary>
    public static async Task<IReadOnlyList<ConsensusDecisionNote>> NotesAsync(CityMaturityDb db, MaturityCatalogue catalogue, Guid assessmentId, CancellationToken cancellationToken = default)
    {
        var latest = await LatestAsync(db, assessmentId, cancellationToken);
        var workshopIds = latest.Values.Select(d => d.WorkshopId).OfType<Guid>().Distinct().ToList();
        var revealedRounds = await db.WorkshopRounds.AsNoTracking()
            .Where(r => workshopIds.Contains(r.WorkshopId) && r.Status == RoundStatus.Revealed)
            .OrderBy(r => r.Number)
            .ToListAsync(cancellationToken);
        var votes = await (from v in db.WorkshopVotes
                           join r in db.WorkshopRounds on v.RoundId equals r.Id
                           where workshopIds.Contains(r.WorkshopId) && r.Status == RoundStatus.Revealed
                           select new { v.RoundId, Now = EF.Property<string?>(v, WorkshopVoteColumns.LevelNow), InTwoYears = EF.Property<string?>(v, WorkshopVoteColumns.LevelInTwoYears) })
            .ToListAsync(cancellationToken);
        var votesByRound = votes.ToLookup(v => v.RoundId);

        var notes = new List<ConsensusDecisionNote>();
        foreach (var characteristic in catalogue.Characteristics.Where(c => latest.ContainsKey(c.Code)))
        {
            var decision = latest[characteristic.Code];
            var history = string.Join("; ", revealedRounds
                .Where(r => r.WorkshopId == decision.WorkshopId && r.CharacteristicCode == characteristic.Code)
                .Select(r => RoundLine(r, votesByRound[r.Id].Select(v => (LevelAnswer.FromCode(v.Now), LevelAnswer.FromCode(v.InTwoYears))).ToList())));
            notes.Add(new ConsensusDecisionNote(characteristic.Code, characteristic.Title, RatingView.Now, decision.LevelNow, decision.Rationale)
            {
                RoundHistory = history.Length == 0 ? "" : $"Rounds: {history}.",
            });
            notes.Add(new ConsensusDecisionNote(characteristic.Code, characteristic.Title, RatingView.InTwoYears, decision.LevelInTwoYears, decision.Rationale));
        }

        return notes;
    }

    private static string RoundLine(WorkshopRound round, List<(LevelAnswer Now, LevelAnswer InTwoYears)> votes)
    {
        var now = ViewStatistics.Of(votes.Select(v => v.Now));
        var inTwoYears = ViewStatistics.Of(votes.Select(v => v.InTwoYears));
        return string.Create(CultureInfo.InvariantCulture,
            $"{round.Number}) {votes.Count} votes, now median {Components.Results.ResultFormat.Figure(now.Median)} IQR {Components.Results.ResultFormat.Figure(now.Iqr)}, " +
            $"in 2 years median {Components.Results.ResultFormat.Figure(inTwoYears.Median)} IQR {Components.Results.ResultFormat.Figure(inTwoYears.Iqr)}");
    }
}
