using System.Globalization;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Domain.Assessments;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Assessments;

/// <summary>
/// The audit trail of an assessment's answers as CSV: every change, oldest first, with who made it, through what,
/// and every field before and after (docs/api.md). The manage page shows the latest changes; this is the whole trail,
/// for an auditor or an archive. Streamed from the database, so its length does not matter.
/// </summary>
public sealed class RatingHistoryCsv(IDbContextFactory<CityMaturityDb> dbFactory)
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "changed_at_utc", "participant_email", "participant_name", "stakeholder_group", "characteristic", "through",
        "by_participant", "by_user_email", "old_level_now", "new_level_now", "old_level_in_two_years", "new_level_in_two_years",
        "old_comment", "new_comment", "old_evidence_links", "new_evidence_links",
    ];

    public async Task WriteAsync(Guid assessmentId, TextWriter writer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var changes = from c in db.RatingChanges.AsNoTracking()
                      join p in db.Participants on c.ParticipantId equals p.Id
                      join g in db.StakeholderGroups on p.GroupId equals g.Id
                      join u in db.Users on c.ChangedByUserId equals u.Id into users
                      from u in users.DefaultIfEmpty()
                      where c.AssessmentId == assessmentId
                      orderby c.ChangedAt, c.Id
                      select new { Change = c, p.Email, p.Name, Group = g.Name, UserEmail = u == null ? null : u.Email };
        await writer.WriteAsync(CsvText.Line(Columns).AsMemory(), cancellationToken);
        await foreach (var row in changes.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var change = row.Change;
            await writer.WriteAsync(CsvText.Line(
            [
                change.ChangedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                row.Email, row.Name, row.Group, change.CharacteristicCode,
                change.Source == Domain.Assessments.RatingChangeSource.Import ? "import" : "rating_form",
                change.ChangedByParticipant ? "true" : "false", row.UserEmail,
                change.OldLevelNow.Code, change.NewLevelNow.Code, change.OldLevelInTwoYears.Code, change.NewLevelInTwoYears.Code,
                change.OldComment, change.NewComment, Links(change.OldEvidenceLinks), Links(change.NewEvidenceLinks),
            ]).AsMemory(), cancellationToken);
        }
    }

    /// <summary>Links separated by spaces (a URL never contains one).</summary>
    private static string Links(List<string>? links) => links is null ? string.Empty : string.Join(' ', links);
}
