namespace CityMaturity.Web.Live;

public enum WorkshopChange
{
    /// <summary>The workshop, its agenda position or a round changed (opened, closed, revealed).</summary>
    State,

    /// <summary>Someone joined or was removed.</summary>
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
/// In-process fan-out of workshop news to the consoles, presenter views and participant event streams of this
/// instance. Fed by <see cref="DatabaseEventListener"/> from PostgreSQL NOTIFY, so it carries what every instance
/// wrote. Handlers run on the listener's thread: they must return at once (queue work, never query inline).
/// </summary>
public sealed class WorkshopEvents
{
    public event Action<WorkshopEvent>? Raised;

    public void Raise(WorkshopEvent workshopEvent) => Raised?.Invoke(workshopEvent);
}
