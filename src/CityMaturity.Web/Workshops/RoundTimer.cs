using Npgsql;

namespace CityMaturity.Web.Workshops;

/// <summary>
/// Closes rounds whose timer has run out, once a second, on every instance (the update is idempotent, and the close
/// reaches every screen through the database's NOTIFY). Votes already stop at the deadline on their own
/// (<see cref="WorkshopRoomService.VoteAsync"/> checks it); this makes the round read "closed" everywhere.
/// </summary>
public sealed partial class RoundTimer(NpgsqlDataSource dataSource, ILogger<RoundTimer> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var close = dataSource.CreateCommand(
                    "UPDATE workshop_rounds SET status = 'closed', closed_at = closes_at WHERE status = 'open' AND closes_at <= now()");
                await close.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (NpgsqlException exception)
            {
                LogTickFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not close timed-out workshop rounds; trying again in a second")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
