using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMaturity.Application.Assessments;

/// <summary>
/// The outcome of an import: the counts of what was written, or the problems that stopped it (then nothing was written)
/// and the refusal that sums them up.
/// </summary>
public sealed record RatingImportResult(
    IReadOnlyList<CsvProblem> Problems,
    int ParticipantsCreated,
    int RatingsCreated,
    int RatingsChanged,
    int RatingsUnchanged,
    Refusal? Refusal = null)
{
    public bool Succeeded => Refusal is null;

    /// <param name="kind">
    /// Malformed for a file that cannot be read as the format; RuleBroken for rows that do not fit the assessment, or
    /// an assessment that no longer takes an import (closed, archived, under audit); WrongState when it changed during
    /// the import.
    /// </param>
    public static RatingImportResult Failed(IReadOnlyList<CsvProblem> problems, RefusalKind kind = RefusalKind.Malformed) =>
        new(problems, 0, 0, 0, 0, Refusal.OfFile(kind, problems));
}

/// <summary>
/// Imports and exports the Ratings CSV of an assessment. An import is all-or-nothing: the file is parsed, then
/// checked against the assessment and applied in one transaction; any problem rolls everything back.
/// Callers authorise first; this service keeps the data consistent.
/// </summary>
public sealed class RatingImportService(IDbContextFactory<CityMaturityDb> dbFactory, MaturityCatalogue catalogue, IAuditFacts audits, TimeProvider clock)
{
    /// <summary>
    /// Imports a Ratings CSV into a draft or open assessment. Participants the file names and the assessment lacks
    /// are created (without a rating link); an existing participant (same email, any case) keeps its name and must be
    /// in the group the file gives. Every changed rating gets an audit entry with source "import"; evidence links,
    /// which the file does not carry, are kept. A row with both levels and the comment empty means "unanswered".
    /// </summary>
    public async Task<RatingImportResult> ImportAsync(Guid assessmentId, Stream csv, Guid? importedByUserId, CancellationToken cancellationToken = default)
    {
        var result = await ImportOrRefuseAsync(assessmentId, csv, importedByUserId, cancellationToken);
        CityMaturity.Application.Telemetry.AppMetrics.Imports.Add(1, new KeyValuePair<string, object?>("outcome", result.Succeeded ? "imported" : "refused"));
        return result;
    }

    private async Task<RatingImportResult> ImportOrRefuseAsync(Guid assessmentId, Stream csv, Guid? importedByUserId, CancellationToken cancellationToken)
    {
        var parsed = await RatingsCsv.ParseAsync(csv, catalogue, cancellationToken: cancellationToken);
        if (!parsed.Succeeded)
        {
            return RatingImportResult.Failed(parsed.Problems);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The row lock serialises imports into one assessment and holds its status still until we commit.
        // ToList, not SingleOrDefault: EF would wrap the locking query in a subquery.
        var assessment = (await db.Assessments
            .FromSql($"SELECT * FROM assessments WHERE id = {assessmentId} FOR UPDATE")
            .ToListAsync(cancellationToken)).SingleOrDefault();
        if (assessment is null)
        {
            return Failed("the assessment does not exist", RefusalKind.NotFound);
        }

        if (assessment.Status is AssessmentStatus.Closed)
        {
            // Only a closed assessment can be under audit: the freeze is the reason that helps, when there is one.
            return await audits.WhyFrozenAsync(db, assessmentId, cancellationToken) is { } frozen
                ? RatingImportResult.Failed([new CsvProblem(0, string.Empty, frozen)], RefusalKind.RuleBroken)
                : Failed("the assessment is closed; reopen it to import", RefusalKind.RuleBroken);
        }

        if (assessment.Status is AssessmentStatus.Archived)
        {
            return Failed("the assessment is archived and can no longer be changed", RefusalKind.RuleBroken);
        }

        var groups = await db.StakeholderGroups.Where(g => g.AssessmentId == assessmentId).OrderBy(g => g.Position).ToListAsync(cancellationToken);
        var participants = await db.Participants.Where(p => p.AssessmentId == assessmentId).ToListAsync(cancellationToken);
        var ratings = await db.Ratings.Where(r => r.AssessmentId == assessmentId).ToListAsync(cancellationToken);

        var groupsByName = new Dictionary<string, StakeholderGroup>(StringComparer.OrdinalIgnoreCase);
        groups.ForEach(g => groupsByName.TryAdd(g.Name, g));
        var participantsByEmail = new Dictionary<string, Participant>(StringComparer.OrdinalIgnoreCase);
        participants.ForEach(p => participantsByEmail.TryAdd(p.Email, p));

        var problems = Check(parsed.Rows, assessment, groups, groupsByName, participantsByEmail);
        if (problems.Count > 0)
        {
            return RatingImportResult.Failed(problems.ToList(), RefusalKind.RuleBroken);
        }

        var now = clock.GetUtcNow();
        var participantsCreated = 0;
        foreach (var row in parsed.Rows.Select(l => l.Row))
        {
            if (participantsByEmail.ContainsKey(row.ParticipantEmail))
            {
                continue;
            }

            var participant = new Participant
            {
                Id = Guid.NewGuid(),
                AssessmentId = assessmentId,
                GroupId = groupsByName[row.StakeholderGroup].Id,
                Name = row.ParticipantName,
                Email = row.ParticipantEmail,
                CreatedAt = now,
            };
            participantsByEmail.Add(participant.Email, participant);
            db.Participants.Add(participant);
            participantsCreated++;
        }

        var ratingsByKey = ratings.ToDictionary(r => (r.ParticipantId, r.CharacteristicCode));
        var changes = new List<RatingChange>();
        int created = 0, changed = 0, unchanged = 0;
        foreach (var row in parsed.Rows.Select(l => l.Row))
        {
            var participantId = participantsByEmail[row.ParticipantEmail].Id;
            if (!ratingsByKey.TryGetValue((participantId, row.CharacteristicCode), out var rating))
            {
                var values = new RatingValues(row.LevelNow, row.LevelInTwoYears, row.Comment, []);
                if (values.SameAs(RatingValues.Empty))
                {
                    // "Unanswered" for a rating that does not exist: nothing to record, and nothing that was "unchanged" either.
                    continue;
                }

                rating = new Rating
                {
                    Id = Guid.NewGuid(),
                    AssessmentId = assessmentId,
                    ParticipantId = participantId,
                    CharacteristicCode = row.CharacteristicCode,
                    Version = 1,
                    UpdatedAt = now,
                };
                changes.Add(RatingAudit.Apply(rating, values, RatingChangeSource.Import, importedByUserId, changedByParticipant: false, now)!);
                db.Ratings.Add(rating);
                created++;
                continue;
            }

            var change = RatingAudit.Apply(rating, new RatingValues(row.LevelNow, row.LevelInTwoYears, row.Comment, rating.EvidenceLinks),
                RatingChangeSource.Import, importedByUserId, changedByParticipant: false, now);
            if (change is null)
            {
                unchanged++;
                continue;
            }

            rating.Version++;
            changes.Add(change);
            changed++;
        }

        try
        {
            // The model declares no relationships, so the order of inserts is ours to keep: participants, ratings, changes.
            await db.SaveChangesAsync(cancellationToken);
            db.RatingChanges.AddRange(changes);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Failed("participants or ratings of the assessment changed while the file was imported; nothing was imported, import the file again", RefusalKind.WrongState);
        }

        return new RatingImportResult([], participantsCreated, created, changed, unchanged);
    }

    /// <summary>
    /// Writes the assessment's ratings as a Ratings CSV: one row per existing rating, ordered by group (position),
    /// participant name and catalogue order. False, with nothing written, when the assessment does not exist.
    /// </summary>
    public async Task<bool> ExportAsync(Guid assessmentId, TextWriter writer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Assessments.AnyAsync(a => a.Id == assessmentId, cancellationToken))
        {
            return false;
        }

        var rows = await (from r in db.Ratings
                          join p in db.Participants on r.ParticipantId equals p.Id
                          join g in db.StakeholderGroups on p.GroupId equals g.Id
                          where r.AssessmentId == assessmentId
                          select new { GroupPosition = g.Position, GroupName = g.Name, p.Name, p.Email, Rating = r })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var catalogueOrder = catalogue.Characteristics.Select((c, index) => (c.Code, index)).ToDictionary(x => x.Code, x => x.index, StringComparer.Ordinal);
        var ordered = rows
            .OrderBy(x => x.GroupPosition)
            .ThenBy(x => x.Name, StringComparer.InvariantCultureIgnoreCase)
            .ThenBy(x => x.Email, StringComparer.OrdinalIgnoreCase)
            .ThenBy(x => catalogueOrder.GetValueOrDefault(x.Rating.CharacteristicCode, int.MaxValue))
            .ThenBy(x => x.Rating.CharacteristicCode, StringComparer.Ordinal)
            .Select(x => new RatingsCsvRow(x.Email, x.Name, x.GroupName, x.Rating.CharacteristicCode, x.Rating.LevelNow, x.Rating.LevelInTwoYears, x.Rating.Comment));
        await RatingsCsv.WriteAsync(writer, ordered, cancellationToken);
        return true;
    }

    private static CsvProblemList Check(
        IReadOnlyList<RatingsCsvLine> rows,
        Assessment assessment,
        List<StakeholderGroup> groups,
        Dictionary<string, StakeholderGroup> groupsByName,
        Dictionary<string, Participant> participantsByEmail)
    {
        var problems = new CsvProblemList();
        var scope = assessment.Scope.ToHashSet(StringComparer.Ordinal);
        var checkedParticipants = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, row) in rows)
        {
            // The parser made sure a participant has one name and group in the file: check them once, where they first appear.
            if (checkedParticipants.Add(row.ParticipantEmail))
            {
                if (!groupsByName.TryGetValue(row.StakeholderGroup, out var group))
                {
                    problems.Add(line, "stakeholder_group",
                        $"\"{row.StakeholderGroup}\" is not a stakeholder group of this assessment; its groups are: {string.Join(", ", groups.Select(g => g.Name))}");
                }
                else if (participantsByEmail.TryGetValue(row.ParticipantEmail, out var existing) && existing.GroupId != group.Id)
                {
                    var current = groups.FirstOrDefault(g => g.Id == existing.GroupId)?.Name ?? "another group";
                    problems.Add(line, "stakeholder_group",
                        $"{row.ParticipantEmail} is already a participant in \"{current}\", not \"{group.Name}\"; correct the group in the file or move the participant first");
                }
            }

            if (!scope.Contains(row.CharacteristicCode))
            {
                problems.Add(line, "characteristic", $"{row.CharacteristicCode} is not in this assessment's scope");
            }
        }

        return problems;
    }

    private static RatingImportResult Failed(string message, RefusalKind kind = RefusalKind.Malformed) =>
        RatingImportResult.Failed([new CsvProblem(0, string.Empty, message)], kind);
}
