using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CityMaturity.Web.Assessments;

/// <summary>
/// Runs <see cref="ReminderScheduler"/> once the app has started and then every <see cref="ReminderSettings.PollInterval"/>,
/// on every instance: the scheduler's claim in the database keeps two instances from sending the same reminder, so no
/// leader election is needed (ADR 0026).
/// </summary>
public sealed partial class ReminderPoller(
    IServiceScopeFactory scopes, ReminderSettings settings, IServer server, IHostApplicationLifetime lifetime, TimeProvider clock,
    ILogger<ReminderPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            return;
        }

        try
        {
            // The listening addresses (the fallback for links) are known only once the server has started.
            await ApplicationStartedAsync(stoppingToken);
            while (true)
            {
                await SendDueAsync(stoppingToken);
                await Task.Delay(settings.PollInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; a pass cut short left no half-sent reminder (each is one transaction).
        }
    }

    /// <summary>
    /// Completes when the host has started (at once if it already has), or throws when it stops first. A callback on the
    /// started token completes a task; no timer or swallowed cancellation stands in for the event.
    /// </summary>
    private async Task ApplicationStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    private async Task SendDueAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sent = await scope.ServiceProvider.GetRequiredService<ReminderScheduler>().SendDueAsync(PublicBaseUri(), stoppingToken);
            if (sent > 0)
            {
                LogPass(logger, sent);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A failed pass (database away, SMTP refusing) must not stop the host; the next pass tries again, and what
            // was sent is in the table.
            LogPassFailed(logger, exception);
        }
    }

    /// <summary>The configured public address, else the first address the server listens on (fine on one box, wrong behind a proxy).</summary>
    private Uri PublicBaseUri()
    {
        if (!string.IsNullOrWhiteSpace(settings.PublicUrl))
        {
            return new Uri(settings.PublicUrl.EndsWith('/') ? settings.PublicUrl : settings.PublicUrl + "/");
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost/";
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        uri.Path = "/";
        return uri.Uri;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled reminders: {Count} sent")]
    private static partial void LogPass(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled reminders: the pass failed; the next one tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
