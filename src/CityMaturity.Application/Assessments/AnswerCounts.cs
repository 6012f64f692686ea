using CityMaturity.Domain.Assessments;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Assessments;

/// <summary>
/// Counting answers the way the participant's page does: each characteristic asks for two (now and in two years),
/// and each view given counts, "don't know" included.
/// </summary>
public static class AnswerCounts
{
    public static int AskedOf(Assessment assessment) => assessment.Scope.Count * 2;

    /// <summary>How many views one participant has answered.</summary>
    public static async Task<int> GivenAsync(CityMaturityDb db, Guid participantId, CancellationToken cancellationToken = default) =>
        await db.Ratings.Where(r => r.ParticipantId == participantId)
            .SumAsync(r => (EF.Property<string?>(r, RatingColumns.LevelNow) != null ? 1 : 0)
                + (EF.Property<string?>(r, RatingColumns.LevelInTwoYears) != null ? 1 : 0), cancellationToken);
}
