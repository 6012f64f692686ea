using CityMaturity.Domain.Workshops;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Application.Live;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Workshops;

/// <summary>
/// What every phone in a workshop reads alike: the workshop, the latest round on the characteristic on screen, the
/// latest decision on it, and the stakeholder groups' names. Nothing about anybody's vote.
/// </summary>
public sealed record RoomSnapshot(Workshop Workshop, WorkshopRound? Round, ConsensusDecision? Decision, IReadOnlyDictionary<Guid, string> GroupNames);

/// <summary>
/// Keeps the room's shared state and the phones' sessions in memory between changes, so that when 200 phones ask for
/// the room at once after a step (the reveal), one of them reads the database and the others are answered from
/// memory. Entries are read again once <see cref="WorkshopEvents"/> has counted a change of their kind: from the
/// database's NOTIFY, which reaches every instance, and at once on the instance that made the change
/// (<see cref="WorkshopService"/>, <see cref="WorkshopRoomService"/>). A vote never relies on this cache: it checks the
/// round, the workshop and the session again in its own transaction.
/// </summary>
public sealed class RoomCache(IDbContextFactory<CityMaturityDb> dbFactory, WorkshopEvents events, TimeProvider clock)
{
    /// <summary>Bounds the life of an entry, for changes no event announces (rows deleted with their assessment).</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly MarkedCache<Guid, RoomSnapshot> _rooms = new(clock, Lifetime, capacity: 1_000);
    private readonly MarkedCache<(Guid WorkshopId, string SessionHash), WorkshopAttendee> _sessions = new(clock, Lifetime, capacity: 20_000);

    public Task<RoomSnapshot?> RoomAsync(Guid workshopId, CancellationToken cancellationToken = default) =>
        _rooms.GetAsync(workshopId, events.MarkOf(workshopId, WorkshopChange.State), () => ReadRoomAsync(workshopId), cancellationToken);

    /// <summary>The attendee (not removed) whose session secret hashes to <paramref name="sessionHash"/>, in that workshop.</summary>
    public Task<WorkshopAttendee?> AttendeeAsync(Guid workshopId, byte[] sessionHash, CancellationToken cancellationToken = default) =>
        _sessions.GetAsync(
            (workshopId, Convert.ToHexString(sessionHash)), events.MarkOf(workshopId, WorkshopChange.Attendees), () => ReadAttendeeAsync(workshopId, sessionHash), cancellationToken);

    private async Task<RoomSnapshot?> ReadRoomAsync(Guid workshopId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        // One round trip for the workshop, the latest round on the characteristic on screen and the latest decision on it.
        var found = await db.Workshops.AsNoTracking()
            .Where(w => w.Id == workshopId)
            .Select(w => new
            {
                Workshop = w,
                Round = db.WorkshopRounds
                    .Where(r => r.WorkshopId == w.Id && r.CharacteristicCode == w.Agenda[w.CurrentPosition])
                    .OrderByDescending(r => r.Number)
                    .FirstOrDefault(),
                // The assessment too, so the latest-decision index serves it.
                Decision = db.ConsensusDecisions
                    .Where(d => d.AssessmentId == w.AssessmentId && d.CharacteristicCode == w.Agenda[w.CurrentPosition] && d.WorkshopId == w.Id)
                    .OrderByDescending(d => d.RecordedAt)
                    .FirstOrDefault(),
            })
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return null;
        }

        var groups = await WorkshopFigures.GroupsAsync(db, workshopId);
        return new RoomSnapshot(found.Workshop, found.Round, found.Decision, groups.ToDictionary(g => g.Id, g => g.Name));
    }

    private async Task<WorkshopAttendee?> ReadAttendeeAsync(Guid workshopId, byte[] sessionHash)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.WorkshopAttendees.AsNoTracking()
            .SingleOrDefaultAsync(a => a.SessionHash == sessionHash && a.WorkshopId == workshopId && a.RemovedAt == null);
    }
}
