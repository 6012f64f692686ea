using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Scoring;
using CityMaturity.Domain.Workshops;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Assessments;

/// <summary>
/// The consensus decisions that count — the latest per characteristic, from any workshop of the assessment — and the
/// scoring input they make. Part of the assessment's figures, so it lives here: workshops record decisions and read
/// them back through this class, while Assessments never names a Workshops type (LayeringTests keeps it so).
/// </summary>
public static class LatestConsensus
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
}
