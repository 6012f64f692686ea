using CityMaturity.Infrastructure.Database;

namespace CityMaturity.Web.Hosting;

/// <summary>Stops the development cluster when the app stops (the data stays under .data/postgres).</summary>
internal sealed class EmbeddedPostgresLifetime(EmbeddedPostgresHolder holder) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => holder.Instance?.StopAsync() ?? Task.CompletedTask;
}
