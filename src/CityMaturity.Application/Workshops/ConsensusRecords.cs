using System.Globalization;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Reporting;
using CityMaturity.Domain.Scoring;
using CityMaturity.Application.Assessments;
using CityMaturity.Domain.Workshops;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Application.Results;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Workshops;

/// <summary>
/// The consensus decisions that count (read by <see cref="LatestConsensus"/>) as the report's appendix notes with their
/// round history.
/// </summary>
public static class ConsensusRecords
{
    /// <summary>
    /// The appendix rows: per decided characteristic in catalogue order, one row per view, the round history on the first.
    /// The rounds' figures come from <see cref="WorkshopFigures"/>, the one reader of vote values (revealed rounds only).
    /// </summary>
    public static async Task<IReadOnlyList<ConsensusDecisionNote>> NotesAsync(
        CityMaturityDb db, MaturityCatalogue catalogue, WorkshopFigures figures, IReadOnlyDictionary<string, ConsensusDecision> latest, CancellationToken cancellationToken = default)
    {
        var workshopIds = latest.Values.Select(d => d.WorkshopId).OfType<Guid>().Distinct().ToList();
        var revealedRounds = await db.WorkshopRounds.AsNoTracking()
            .Where(r => workshopIds.Contains(r.WorkshopId) && r.Status == RoundStatus.Revealed)
            .OrderBy(r => r.Number)
            .ToListAsync(cancellationToken);

        var notes = new List<ConsensusDecisionNote>();
        foreach (var characteristic in catalogue.Characteristics.Where(c => latest.ContainsKey(c.Code)))
        {
            var decision = latest[characteristic.Code];
            var lines = new List<string>();
            foreach (var round in revealedRounds.Where(r => r.WorkshopId == decision.WorkshopId && r.CharacteristicCode == characteristic.Code))
            {
                lines.Add(RoundLine(round.Number, (await figures.RoundViewAsync(db, round, cancellationToken)).Results!));
            }

            notes.Add(new ConsensusDecisionNote(characteristic.Code, characteristic.Title, RatingView.Now, decision.LevelNow, decision.Rationale)
            {
                RoundHistory = lines.Count == 0 ? "" : $"Rounds: {string.Join("; ", lines)}.",
            });
            notes.Add(new ConsensusDecisionNote(characteristic.Code, characteristic.Title, RatingView.InTwoYears, decision.LevelInTwoYears, decision.Rationale));
        }

        return notes;
    }

    private static string RoundLine(int number, AnswerFigures results) => string.Create(CultureInfo.InvariantCulture,
        $"{number}) {results.Voters} votes, now median {ResultFormat.Figure(results.Now.Median)} IQR {ResultFormat.Figure(results.Now.Iqr)}, " +
        $"in 2 years median {ResultFormat.Figure(results.InTwoYears.Median)} IQR {ResultFormat.Figure(results.InTwoYears.Iqr)}");
}
