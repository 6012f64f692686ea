using System.Threading.Channels;
using CityMaturity.Application.Live;
using Npgsql;

namespace CityMaturity.Application.Workshops;

/// <summary>
/// Closes rounds whose timer has run out, on every instance (the update is idempotent, and the close reaches every
/// screen through the database's NOTIFY). Votes already stop at the deadline on their own
/// (<see cref="WorkshopRoomService.VoteAsync"/> checks it); this makes the round read "closed" everywhere. It sleeps
/// until the earliest deadline of an open round, measured by the database's clock, and looks again whenever a
/// workshop's state changes on any instance (a round opened with a timer) — so it sends no query while no timer runs.
/// </summary>
public sealed partial class RoundTimer(NpgsqlDataSource dataSource, WorkshopEvents events, ILogger<RoundTimer> logger) : BackgroundService
{
    /// <summary>A look now and then all the same, in case an event was missed.</summary>
    private static readonly TimeSpan LookAgainAtLeastEvery = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    /// <summary>Wakes a little after the deadline, so the database's clock has certainly passed it.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stateChanged = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        void OnEvent(WorkshopEvent workshopEvent)
        {
            if (workshopEvent.Change is WorkshopChange.State or WorkshopChange.Resync)
            {
                stateChanged.Writer.TryWrite(true);
            }
        }

        events.Raised += OnEvent;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = await CloseExpiredRoundsAsync(stoppingToken);
                try
                {
                    await stateChanged.Reader.WaitToReadAsync(stoppingToken).AsTask().WaitAsync(wait, stoppingToken);
                    stateChanged.Reader.TryRead(out _);
                }
                catch (TimeoutException)
                {
                    // The next deadline (or the periodic look) has come.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            events.Raised -= OnEvent;
        }
    }

    /// <summary>Closes the rounds whose time is up; returns how long to sleep until the next deadline.</summary>
    private async Task<TimeSpan> CloseExpiredRoundsAsync(CancellationToken stoppingToken)
    {
        try
        {
            // One statement: the UPDATE and the SELECT share now(); rounds closed here are past their deadline, so the
            // SELECT (which sees the rows as before the UPDATE) leaves them out.
            await using var command = dataSource.CreateCommand(
                """
                WITH closed AS (
                    UPDATE workshop_rounds SET status = 'closed', closed_at = closes_at
                    WHERE status = 'open' AND closes_at <= now()
                    RETURNING id)
                SELECT min(closes_at) - now() FROM workshop_rounds WHERE status = 'open' AND closes_at > now()
                """);
            var untilNext = await command.ExecuteScalarAsync(stoppingToken);
            return untilNext is TimeSpan time && time + Margin < LookAgainAtLeastEvery ? time + Margin : LookAgainAtLeastEvery;
        }
        catch (NpgsqlException exception)
        {
            LogTickFailed(logger, exception);
            return RetryAfterFailure;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not close timed-out workshop rounds; trying again in a second")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
