using System.Collections.Concurrent;

namespace CityMaturity.Application.Live;

public enum WorkshopChange
{
    /// <summary>The workshop, its agenda position, a round (opened, closed, revealed) or a decision changed.</summary>
    State,

    /// <summary>Someone joined, moved their session to another phone, or was removed.</summary>
    Attendees,

    /// <summary>A vote was cast or changed. Never says which or what: listeners re-query the count.</summary>
    Votes,

    /// <summary>Events may have been missed (the listening connection was lost): re-query everything.</summary>
    Resync,
}

/// <summary>News about one workshop; <see cref="WorkshopId"/> is empty for <see cref="WorkshopChange.Resync"/>, which concerns all.</summary>
public readonly record struct WorkshopEvent(Guid WorkshopId, WorkshopChange Change)
{
    public bool Concerns(Guid workshopId) => WorkshopId == workshopId || Change == WorkshopChange.Resync;
}

/// <summary>
/// How many changes of one kind this instance has heard of for one workshop, and how many resyncs. A value read from
/// the database at one mark is still current while the mark has not moved (<see cref="WorkshopEvents.MarkOf"/>).
/// </summary>
public readonly record struct ChangeMark(long Resyncs, long Changes);

/// <summary>
/// In-process fan-out of workshop news to the consoles, presenter views and participant event streams of this
/// instance. Fed by <see cref="DatabaseEventListener"/> from PostgreSQL NOTIFY, so it carries what every instance
/// wrote. Handlers run on the listener's thread: they must return at once (queue work, never query inline).
/// It also counts the changes it hears of, per workshop and kind, for the caches that keep room state between changes
/// (<see cref="Workshops.RoomCache"/>).
/// </summary>
public sealed class WorkshopEvents
{
    private readonly ConcurrentDictionary<(Guid WorkshopId, WorkshopChange Change), long> _changes = new();
    private long _resyncs;

    public event Action<WorkshopEvent>? Raised;

    /// <summary>Counts the change first, so a handler that re-queries never gets a value cached before it.</summary>
    public void Raise(WorkshopEvent workshopEvent)
    {
        Count(workshopEvent.WorkshopId, workshopEvent.Change);
        Raised?.Invoke(workshopEvent);
    }

    /// <summary>
    /// Counts a change this instance has just committed, before its NOTIFY comes back (which counts it again): a
    /// request on this instance then never reads a value cached before its own instance's write.
    /// </summary>
    public void Count(Guid workshopId, WorkshopChange change)
    {
        if (change == WorkshopChange.Resync)
        {
            Interlocked.Increment(ref _resyncs);
        }
        else if (change != WorkshopChange.Votes)
        {
            // Votes are not counted: no cache keeps anything a vote changes.
            _changes.AddOrUpdate((workshopId, change), 1, (_, count) => count + 1);
        }
    }

    public ChangeMark MarkOf(Guid workshopId, WorkshopChange change) =>
        new(Interlocked.Read(ref _resyncs), _changes.GetValueOrDefault((workshopId, change)));
}
