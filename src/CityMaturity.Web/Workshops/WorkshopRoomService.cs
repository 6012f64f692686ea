using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Workshops;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMaturity.Web.Workshops;

/// <summary>A workshop people can join, as the join page needs it.</summary>
public sealed record LiveWorkshop(Workshop Workshop, string AssessmentName, string Community, IReadOnlyList<(Guid Id, string Name)> Groups);

/// <summary>A phone's session in a workshop.</summary>
public sealed record AttendeeSession(WorkshopAttendee Attendee, Workshop Workshop, string GroupName);

public abstract record VoteOutcome
{
    public sealed record Accepted(LevelAnswer LevelNow, LevelAnswer LevelInTwoYears) : VoteOutcome;

    public sealed record Refused(string Message) : VoteOutcome;
}

/// <summary>
/// The participants' side of a workshop: join by code (as an invited participant or a walk-in), cast and change a
/// vote while the round is open, and read the room's state. A phone is identified by a random session secret in a
/// cookie, stored only as its SHA-256. A vote is acknowledged only after it is committed; the round's row is share-
/// locked while a vote is written, so closing a round waits for votes in flight and a vote after the close is refused.
/// </summary>
public sealed class WorkshopRoomService(IDbContextFactory<CityMaturityDb> dbFactory, NpgsqlDataSource dataSource, MaturityCatalogue catalogue, WorkshopFigures figures, TimeProvider clock)
{
    public const int MaxNameLength = 200;

    public async Task<LiveWorkshop?> FindLiveAsync(string? typedCode)
    {
        if (JoinCodes.Normalise(typedCode) is not { } code)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var found = await (from w in db.Workshops
                           join a in db.Assessments on w.AssessmentId equals a.Id
                           where w.JoinCode == code && w.Status != WorkshopStatus.Ended
                           select new { w, a.Name, a.Community }).AsNoTracking().SingleOrDefaultAsync();
        return found is null ? null : new LiveWorkshop(found.w, found.Name, found.Community, await WorkshopFigures.GroupsAsync(db, found.w.Id));
    }

    /// <summary>The join code of the assessment's live workshop, if one is running or paused (the latest, if several).</summary>
    public async Task<string?> LiveJoinCodeAsync(Guid assessmentId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Workshops.AsNoTracking()
            .Where(w => w.AssessmentId == assessmentId && w.Status != WorkshopStatus.Ended)
            .OrderByDescending(w => w.CreatedAt)
            .Select(w => w.JoinCode)
            .FirstOrDefaultAsync();
    }

    /// <summary>An invited participant joins (again): one attendee per participant; joining again moves the session to this phone.</summary>
    public async Task<(string? Session, JoinRefusal? Refusal)> JoinAsParticipantAsync(LiveWorkshop live, Participant participant)
    {
        if (participant.AssessmentId != live.Workshop.AssessmentId)
        {
            return (null, JoinRefusal.OtherAssessment);
        }

        var (secret, hash) = InvitationTokens.Create();
        await using var db = await dbFactory.CreateDbContextAsync();
        var attendee = await db.WorkshopAttendees.SingleOrDefaultAsync(a => a.WorkshopId == live.Workshop.Id && a.ParticipantId == participant.Id);
        if (attendee?.RemovedAt is not null)
        {
            return (null, JoinRefusal.Removed);
        }

        if (attendee is null)
        {
            db.WorkshopAttendees.Add(new WorkshopAttendee
            {
                Id = Guid.NewGuid(),
                WorkshopId = live.Workshop.Id,
                ParticipantId = participant.Id,
                DisplayName = participant.Name,
                GroupId = participant.GroupId,
                SessionHash = hash,
                JoinedAt = clock.GetUtcNow(),
            });
        }
        else
        {
            attendee.SessionHash = hash;
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same person joined from two phones at the same moment: the other phone won; join again to move here.
            return (null, JoinRefusal.JoinedElsewhere);
        }

        return (Attendee.Encode(live.Workshop.Id, secret), null);
    }

    public async Task<(string? Session, JoinRefusal? Refusal)> JoinAsWalkInAsync(LiveWorkshop live, string? name, Guid groupId)
    {
        if (!live.Workshop.AllowWalkIns)
        {
            return (null, JoinRefusal.WalkInsNotAllowed);
        }

        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
        {
            return (null, JoinRefusal.NameMissing);
        }

        if (live.Groups.All(g => g.Id != groupId))
        {
            return (null, JoinRefusal.GroupMissing);
        }

        var (secret, hash) = InvitationTokens.Create();
        await using var db = await dbFactory.CreateDbContextAsync();
        db.WorkshopAttendees.Add(new WorkshopAttendee
        {
            Id = Guid.NewGuid(),
            WorkshopId = live.Workshop.Id,
            DisplayName = trimmed,
            GroupId = groupId,
            SessionHash = hash,
            JoinedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        return (Attendee.Encode(live.Workshop.Id, secret), null);
    }

    /// <summary>
    /// The attendee behind a session cookie in the workshop with that code; null when unknown, removed, or ended (unless
    /// <paramref name="evenIfEnded"/>: a phone still in the room reads the final state, "ended", and cannot vote any more).
    /// </summary>
    public async Task<AttendeeSession?> FindSessionAsync(string? typedCode, string? cookie, bool evenIfEnded = false, CancellationToken cancellationToken = default)
    {
        if (JoinCodes.Normalise(typedCode) is not { } code || Attendee.Decode(cookie) is not { } session)
        {
            return null;
        }

        var hash = InvitationTokens.Hash(session.Secret);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await (from a in db.WorkshopAttendees
                           join w in db.Workshops on a.WorkshopId equals w.Id
                           join g in db.StakeholderGroups on a.GroupId equals g.Id
                           where a.SessionHash == hash && a.WorkshopId == session.WorkshopId && a.RemovedAt == null
                                 && w.JoinCode == code && (evenIfEnded || w.Status != WorkshopStatus.Ended)
                           select new { a, w, g.Name }).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : new AttendeeSession(found.a, found.w, found.Name);
    }

    /// <summary>
    /// Casts or changes the attendee's vote in that round. Refused — with the reason — when the round is not the open
    /// one of this workshop, its timer ran out, or the workshop is paused. Unanswered views are allowed (a half vote).
    /// </summary>
    public async Task<VoteOutcome> VoteAsync(AttendeeSession session, Guid roundId, LevelAnswer levelNow, LevelAnswer levelInTwoYears, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var check = new NpgsqlCommand(
            """
            SELECT r.status, r.closes_at IS NULL OR r.closes_at > now(), w.status
            FROM workshop_rounds r JOIN workshops w ON w.id = r.workshop_id
            WHERE r.id = $1 AND r.workshop_id = $2
            FOR SHARE OF r
            """, connection, transaction))
        {
            check.Parameters.Add(new NpgsqlParameter { Value = roundId });
            check.Parameters.Add(new NpgsqlParameter { Value = session.Workshop.Id });
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new VoteOutcome.Refused("That vote is not part of this workshop.");
            }

            var (roundStatus, timeLeft, workshopStatus) = (reader.GetString(0), reader.GetBoolean(1), reader.GetString(2));
            if (workshopStatus != "running")
            {
                return new VoteOutcome.Refused(workshopStatus == "paused" ? "The workshop is paused: voting resumes with it." : "The workshop has ended.");
            }

            if (roundStatus != "open" || !timeLeft)
            {
                return new VoteOutcome.Refused("Voting has closed for this round: your last acknowledged vote is the one that counts.");
            }
        }

        await using (var upsert = new NpgsqlCommand(
            """
            INSERT INTO workshop_votes (round_id, attendee_id, workshop_id, level_now, level_in_two_years)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (round_id, attendee_id)
            DO UPDATE SET level_now = EXCLUDED.level_now, level_in_two_years = EXCLUDED.level_in_two_years, updated_at = now()
            """, connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter { Value = roundId });
            upsert.Parameters.Add(new NpgsqlParameter { Value = session.Attendee.Id });
            upsert.Parameters.Add(new NpgsqlParameter { Value = session.Workshop.Id });
            upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)levelNow.StoredCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)levelInTwoYears.StoredCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new VoteOutcome.Accepted(levelNow, levelInTwoYears);
    }

    /// <summary>
    /// What the phone shows now, for a session just found by <see cref="FindSessionAsync"/>. Vote values appear only for
    /// a revealed round (<see cref="WorkshopFigures"/>).
    /// </summary>
    public async Task<RoomState> StateAsync(AttendeeSession session, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The session's workshop row was read a moment ago, in this request (FindSessionAsync): not read again.
        var workshop = session.Workshop;
        var code = workshop.CurrentCharacteristic;
        var attendeeId = session.Attendee.Id;
        // One round trip: the latest round on the characteristic on screen, the phone's own vote in it, and the latest
        // decision on the characteristic (200 phones ask at once after every step, so each round trip counts).
        var rounds = db.WorkshopRounds.Where(r => r.WorkshopId == workshop.Id && r.CharacteristicCode == code).OrderByDescending(r => r.Number);
        var found = await db.Workshops.AsNoTracking()
            .Where(w => w.Id == workshop.Id)
            .Select(w => new
            {
                Round = rounds.FirstOrDefault(),
                OwnVote = db.WorkshopVotes.FirstOrDefault(v => v.AttendeeId == attendeeId && v.RoundId == rounds.Select(r => r.Id).FirstOrDefault()),
                // The assessment too, so the latest-decision index serves it.
                Decision = db.ConsensusDecisions
                    .Where(d => d.AssessmentId == workshop.AssessmentId && d.CharacteristicCode == code && d.WorkshopId == workshop.Id)
                    .OrderByDescending(d => d.RecordedAt)
                    .FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);
        var (round, ownVote, decision) = (found.Round, found.OwnVote, found.Decision);
        var view = round is { IsRevealed: true } ? await figures.RoundViewAsync(db, round, cancellationToken) : null;
        return RoomState.Of(workshop, session, catalogue.GetCharacteristic(code), catalogue.Levels, round, ownVote, view?.Results, decision, clock.GetUtcNow());
    }
}

/// <summary>The session cookie's value: the workshop's id and the phone's secret.</summary>
public static class Attendee
{
    public const string CookieName = "citymaturity.workshop";

    public static string Encode(Guid workshopId, string secret) => $"{workshopId:N}.{secret}";

    public static (Guid WorkshopId, string Secret)? Decode(string? cookie)
    {
        var parts = cookie?.Split('.');
        return parts is [var id, var secret] && Guid.TryParseExact(id, "N", out var workshopId) && secret.Length is > 20 and < 100
            ? (workshopId, secret)
            : null;
    }
}
