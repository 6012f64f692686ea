
namespace CityMaturity.Web.Components.Workshops;

/// <summary>
/// Keeps a component (console, presenter view) in step with one workshop. Events arrive on the listener's thread; the
/// refresh runs on the component's dispatcher, and bursts fold together: while one refresh waits or runs, further
/// events schedule at most one more. <c>refresh(full)</c> gets false when only votes were cast since the last one
/// (the count is enough), true when anything else changed.
/// </summary>
public sealed class WorkshopSubscription : IDisposable
{
    private readonly WorkshopEvents _events;
    private readonly Guid _workshopId;
    private readonly Func<Func<Task>, Task> _invokeAsync;
    private readonly Func<bool, Task> _refresh;
    private int _scheduled;
    private int _fullPending;

    public WorkshopSubscription(WorkshopEvents events, Guid workshopId, Func<Func<Task>, Task> invokeAsync, Func<bool, Task> refresh)
    {
        (_events, _workshopId, _invokeAsync, _refresh) = (events, workshopId, invokeAsync, refresh);
        _events.Raised += OnEvent;
    }

    private void OnEvent(WorkshopEvent workshopEvent)
    {
        if (!workshopEvent.Concerns(_workshopId))
        {
            return;
        }

        if (workshopEvent.Change != WorkshopChange.Votes)
        {
            Volatile.Write(ref _fullPending, 1);
        }

        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            _ = RunAsync();
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await _invokeAsync(async () =>
            {
                Volatile.Write(ref _scheduled, 0);
                var full = Interlocked.Exchange(ref _fullPending, 0) == 1;
                await _refresh(full);
            });
        }
        catch (ObjectDisposedException)
        {
            // The component went away while a refresh waited.
        }
    }

    public void Dispose() => _events.Raised -= OnEvent;
}
