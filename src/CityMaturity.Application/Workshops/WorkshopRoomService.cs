using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Workshops;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Application.Accounts;
using CityMaturity.Application.Live;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMaturity.Application.Workshops;

/// <summary>A workshop people can join, as the join page needs it.</summary>
public sealed record LiveWorkshop(Workshop Workshop, string AssessmentName, string Community, IReadOnlyList<(Guid Id, string Name)> Groups);

/// <summary>A phone's session in a workshop, with the room's shared state as it was when the session was found.</summary>
public sealed record AttendeeSession(WorkshopAttendee Attendee, RoomSnapshot Room, string GroupName)
{
    public Workshop Workshop => Room.Workshop;
}

public abstract record VoteOutcome
{
    public sealed record Accepted(LevelAnswer LevelNow, LevelAnswer LevelInTwoYears) : VoteOutcome;

    /// <summary>Refused: the refusal's kind gives the room endpoint's status, its message is the sentence the phone shows.</summary>
    public sealed record Refused(Refusal Refusal) : VoteOutcome;
}

/// <summary>
/// The participants' side of a workshop: join by code (as an invited participant or a walk-in), cast and change a
/// vote while the round is open, and read the room's state. A phone is identified by a random session secret in a
/// cookie, stored only as its SHA-256. A vote is acknowledged only after it is committed; the round's row is share-
/// locked while a vote is written, so closing a round waits for votes in flight and a vote after the close is refused.
/// Sessions and the room's shared state come from <see cref="RoomCache"/>; a vote checks them again in its transaction.
/// </summary>
public sealed class WorkshopRoomService(
    IDbContextFactory<CityMaturityDb> dbFactory, NpgsqlDataSource dataSource, MaturityCatalogue catalogue, WorkshopFigures figures, RoomCache rooms, WorkshopEvents events, TimeProvider clock)
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

        // When the session moved from another phone, that phone's session ends now on this instance, not at the NOTIFY.
        events.Count(live.Workshop.Id, WorkshopChange.Attendees);

        return (Attendee.Encode(live.Workshop.Id, secret), null);
    }

    public async Task<(string? Session, JoinRefusal? Refusal)> JoinAsWalkInAsync(LiveWorkshop live, string? name, Guid groupId)
    {
        if (!live.Workshop.AllowWalkIns)
        {
            return (null, JoinRefusal.WalkInsNotAllowed);
        }

        var trimmed = PersonNames.Clean(name);
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

        var attendee = await rooms.AttendeeAsync(session.WorkshopId, InvitationTokens.Hash(session.Secret), cancellationToken);
        var room = attendee is null ? null : await rooms.RoomAsync(attendee.WorkshopId, cancellationToken);
        if (attendee is null || room is null || room.Workshop.JoinCode != code || (!evenIfEnded && room.Workshop.Status == WorkshopStatus.Ended))
        {
            return null;
        }

        return new AttendeeSession(attendee, room, room.GroupNames.GetValueOrDefault(attendee.GroupId, string.Empty));
    }

    /// <summary>
    /// Casts or changes the attendee's vote in that round. Refused — with the reason — when the round is not the open
    /// one of this workshop, its timer ran out, the workshop is paused, or the session is no longer the attendee's (removed,
    /// or moved to another phone). These are checked in the vote's own transaction, never taken from a cache; the round
    /// and the attendee are share-locked, so a close or a removal waits for the vote in flight. Unanswered views are
    /// allowed (a half vote).
    /// </summary>
    public async Task<VoteOutcome> VoteAsync(AttendeeSession session, Guid roundId, LevelAnswer levelNow, LevelAnswer levelInTwoYears, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var check = new NpgsqlCommand(
            """
            SELECT r.status, r.closes_at IS NULL OR r.closes_at > now(), w.status,
                   EXISTS (SELECT FROM workshop_attendees a
                           WHERE a.id = $3 AND a.workshop_id = $2 AND a.session_hash = $4 AND a.removed_at IS NULL
                           FOR SHARE)
            FROM workshop_rounds r JOIN workshops w ON w.id = r.workshop_id
            WHERE r.id = $1 AND r.workshop_id = $2
            FOR SHARE OF r
            """, connection, transaction))
        {
            check.Parameters.Add(new NpgsqlParameter { Value = roundId });
            check.Parameters.Add(new NpgsqlParameter { Value = session.Workshop.Id });
            check.Parameters.Add(new NpgsqlParameter { Value = session.Attendee.Id });
            check.Parameters.Add(new NpgsqlParameter { Value = session.Attendee.SessionHash });
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new VoteOutcome.Refused(new Refusal(RefusalKind.WrongState, "That vote is not part of this workshop."));
            }

            var (roundStatus, timeLeft, workshopStatus, stillAttending) = (reader.GetString(0), reader.GetBoolean(1), reader.GetString(2), reader.GetBoolean(3));
            if (!stillAttending)
            {
                return new VoteOutcome.Refused(new Refusal(RefusalKind.WrongState, "You are not in this workshop (any more). Join again with the code on the screen."));
            }

            if (workshopStatus != "running")
            {
                return new VoteOutcome.Refused(new Refusal(RefusalKind.WrongState, workshopStatus == "paused" ? "The workshop is paused: voting resumes with it." : "The workshop has ended."));
            }

            if (roundStatus != "open" || !timeLeft)
            {
                return new VoteOutcome.Refused(new Refusal(RefusalKind.WrongState, "Voting has closed for this round: your last acknowledged vote is the one that counts."));
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
        CityMaturity.Application.Telemetry.AppMetrics.Votes.Add(1);
        return new VoteOutcome.Accepted(levelNow, levelInTwoYears);
    }

    /// <summary>
    /// What the phone shows now, for a session just found by <see cref="FindSessionAsync"/>. Vote values appear only for
    /// a revealed round (<see cref="WorkshopFigures"/>).
    /// </summary>
    public async Task<RoomState> StateAsync(AttendeeSession session, CancellationToken cancellationToken = default)
    {
        // The room's shared state came with the session (RoomCache): when every phone asks after a reveal, the only
        // database work left is one read of the revealed votes, shared by all of them.
        var (round, attendeeId) = (session.Room.Round, session.Attendee.Id);
        var (ownVote, revealed) = ((WorkshopVote?)null, (AnswerFigures?)null);
        if (round is not null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            (revealed, ownVote) = round.IsRevealed
                ? await figures.RevealedWithOwnVoteAsync(db, round, attendeeId, cancellationToken)
                : (null, await db.WorkshopVotes.AsNoTracking().SingleOrDefaultAsync(v => v.RoundId == round.Id && v.AttendeeId == attendeeId, cancellationToken));
        }

        var workshop = session.Workshop;
        return RoomState.Of(
            workshop, session, catalogue.GetCharacteristic(workshop.CurrentCharacteristic), catalogue.Levels, round, ownVote, revealed, session.Room.Decision, clock.GetUtcNow());
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
