using CityMaturity.Application.Assessments;
using Npgsql;

namespace CityMaturity.Application.Live;

/// <summary>
/// Holds one PostgreSQL connection per app instance that LISTENs on the channel the database triggers NOTIFY
/// (db/migrations/V0006), and hands each event to the in-process hubs. Payloads carry ids only; the receivers
/// re-query, so an event can never leak a value. NOTIFY is delivered at commit and never replayed: after a lost
/// connection the listener reconnects and tells every receiver to re-query (<see cref="WorkshopChange.Resync"/>).
/// </summary>
public sealed partial class DatabaseEventListener(
    NpgsqlDataSource dataSource,
    WorkshopEvents workshops,
    AssessmentChangeNotifier assessments,
    ILogger<DatabaseEventListener> logger) : BackgroundService
{
    public const string Channel = "citymaturity_events";

    /// <summary>How long a quiet connection waits before it proves itself alive with a round trip.</summary>
    private static readonly TimeSpan LivenessInterval = TimeSpan.FromSeconds(20);

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Start-up waits until the first LISTEN is in place, so no event of the running app is missed.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        await _listening.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reconnecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                await using var unlisten = new StopListeningOnReturn(connection);
                connection.Notification += (_, notification) => Dispatch(notification.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                _listening.TrySetResult();
                if (reconnecting)
                {
                    LogReconnected(logger);
                    workshops.Raise(new WorkshopEvent(Guid.Empty, WorkshopChange.Resync));
                    assessments.NotifyAllChanged();
                }

                reconnecting = true;
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(LivenessInterval, stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
            {
                reconnecting = true;
                LogConnectionLost(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>'assessment:&lt;id&gt;' or 'workshop:&lt;id&gt;:&lt;state|attendees|votes&gt;'; anything else is ignored.</summary>
    private void Dispatch(string payload)
    {
        var parts = payload.Split(':');
        if (parts is ["assessment", var assessmentId] && Guid.TryParse(assessmentId, out var assessment))
        {
            assessments.NotifyChanged(assessment);
        }
        else if (parts is ["workshop", var workshopId, var kind] && Guid.TryParse(workshopId, out var workshop) && ChangeOf(kind) is { } change)
        {
            workshops.Raise(new WorkshopEvent(workshop, change));
        }
    }

    private static WorkshopChange? ChangeOf(string kind) => kind switch
    {
        "state" => WorkshopChange.State,
        "attendees" => WorkshopChange.Attendees,
        "votes" => WorkshopChange.Votes,
        _ => null,
    };

    /// <summary>
    /// Pooled connections are not reset on return (DatabaseSetup's No Reset On Close), so a connection that is still
    /// healthy when the loop leaves it stops listening before it goes back to the pool.
    /// </summary>
    private sealed class StopListeningOnReturn(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection.State != System.Data.ConnectionState.Open)
            {
                return;
            }

            try
            {
                await using var command = new NpgsqlCommand("UNLISTEN *", connection);
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or IOException)
            {
                // A connection that cannot run UNLISTEN is broken, and the pool drops broken connections.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the database event connection; reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for database events again; receivers re-query")]
    private static partial void LogReconnected(ILogger logger);
}
