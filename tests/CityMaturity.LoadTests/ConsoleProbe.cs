using System.Diagnostics;
using CityMaturity.Domain.Workshops;
using CityMaturity.Web.Components.Workshops;
using CityMaturity.Web.Workshops;
using Microsoft.AspNetCore.Components;

namespace CityMaturity.LoadTests;

/// <summary>
/// The facilitator console's live path without its browser: the console's own <see cref="WorkshopSubscription"/> on the
/// app's <see cref="WorkshopEvents"/> hub (fed by PostgreSQL NOTIFY through the app's listener), refreshing on a
/// Blazor renderer dispatcher (<see cref="Dispatcher.CreateDefault"/>, the kind a circuit's components run on, so
/// refreshes are serialised as on the console), and the refresh the console does (WorkshopConsole.razor.cs): after
/// votes only, <see cref="WorkshopService.OpenRoundVoteCountAsync"/>; after anything else, the full
/// <see cref="WorkshopService.ConsoleAsync"/> and the open round's count from it. Each count is recorded with when its
/// query began and ended; what it leaves out is the render diff and its trip over the circuit's WebSocket.
/// </summary>
internal sealed class ConsoleProbe : IDisposable
{
    private readonly WorkshopEvents _events;
    private readonly WorkshopService _workshops;
    private readonly Guid _assessmentId;
    private readonly Guid _workshopId;
    private readonly WorkshopSubscription _subscription;
    private readonly List<CountSeen> _counts = [];
    private int _voteEvents;
    private int _otherEvents;
    private int _refreshes;
    private int _fullRefreshes;

    public ConsoleProbe(WorkshopEvents events, WorkshopService workshops, Guid assessmentId, Guid workshopId)
    {
        (_events, _workshops, _assessmentId, _workshopId) = (events, workshops, assessmentId, workshopId);
        _events.Raised += Count;
        _subscription = new WorkshopSubscription(events, workshopId, Dispatcher.CreateDefault().InvokeAsync, RefreshAsync);
    }

    public int VoteEvents => Volatile.Read(ref _voteEvents);
    public int OtherEvents => Volatile.Read(ref _otherEvents);
    public int Refreshes => Volatile.Read(ref _refreshes);
    public int FullRefreshes => Volatile.Read(ref _fullRefreshes);
    public string? Failure { get; private set; }

    /// <summary>The count the console would show now (null: no round open, or not refreshed yet).</summary>
    public int? LatestCount { get; private set; }

    /// <summary>The counts whose query ended in the window (Stopwatch timestamps), in order.</summary>
    public IReadOnlyList<CountSeen> CountsBetween(long from, long to)
    {
        lock (_counts)
        {
            return [.. _counts.Where(c => c.QueryEnded >= from && c.QueryEnded <= to && c.Count is not null)];
        }
    }

    /// <summary>Waits (polling; not measured) until the console shows at least this count.</summary>
    public async Task<bool> WaitForCountAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            if (LatestCount >= count)
            {
                return true;
            }

            await Task.Delay(5, cancellationToken);
        }

        return false;
    }

    private void Count(WorkshopEvent workshopEvent)
    {
        if (workshopEvent.Concerns(_workshopId))
        {
            if (workshopEvent.Change == WorkshopChange.Votes)
            {
                Interlocked.Increment(ref _voteEvents);
            }
            else
            {
                Interlocked.Increment(ref _otherEvents);
            }
        }
    }

    private async Task RefreshAsync(bool full)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            int? count;
            if (full)
            {
                var view = await _workshops.ConsoleAsync(_assessmentId, _workshopId);
                count = view?.CurrentRound is { Round.Status: RoundStatus.Open } round ? round.VoteCount : null;
                Interlocked.Increment(ref _fullRefreshes);
            }
            else
            {
                count = await _workshops.OpenRoundVoteCountAsync(_workshopId);
            }

            var ended = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _refreshes);
            LatestCount = count;
            lock (_counts)
            {
                _counts.Add(new CountSeen(started, ended, count, full));
            }
        }
        catch (Exception exception)
        {
            // On the console an exception here would end the circuit; here it fails the run.
            Failure ??= $"console refresh: {exception.GetType().Name}: {exception.Message}";
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _events.Raised -= Count;
    }
}

/// <summary>One count the console showed: when its query began and ended (Stopwatch timestamps), the count, full reload or not.</summary>
internal sealed record CountSeen(long QueryStarted, long QueryEnded, int? Count, bool Full);
