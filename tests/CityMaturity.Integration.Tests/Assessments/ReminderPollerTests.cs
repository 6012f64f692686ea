using CityMaturity.Web.Assessments;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityMaturity.Integration.Tests.Assessments;

/// <summary>
/// When the poller makes its first pass: only once the host says it has started (the listening addresses are the links'
/// fallback), and never when the host stops first. No database: the scope holds no scheduler, so a pass shows itself
/// as the logged "pass failed" warning, which is all these tests need to see.
/// </summary>
public sealed class ReminderPollerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_first_pass_waits_for_the_host_to_have_started()
    {
        var lifetime = new HostLifetime();
        var log = new PassLog();
        using var poller = NewPoller(lifetime, log);

        await poller.StartAsync(CancellationToken.None);
        Assert.Equal(0, log.Passes);

        lifetime.Start();
        await log.FirstPass.WaitAsync(Bound);
        Assert.Equal(1, log.Passes);

        await poller.StopAsync(CancellationToken.None);
        Assert.True(poller.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_host_that_has_already_started_gets_its_pass_at_once()
    {
        var lifetime = new HostLifetime();
        lifetime.Start();
        var log = new PassLog();
        using var poller = NewPoller(lifetime, log);

        await poller.StartAsync(CancellationToken.None);
        await log.FirstPass.WaitAsync(Bound);

        await poller.StopAsync(CancellationToken.None);
        Assert.Equal(1, log.Passes);
    }

    [Fact]
    public async Task A_host_stopped_before_it_started_ends_the_poller_without_a_pass()
    {
        var lifetime = new HostLifetime();
        var log = new PassLog();
        using var poller = NewPoller(lifetime, log);

        await poller.StartAsync(CancellationToken.None);
        await poller.StopAsync(CancellationToken.None);

        // Canceled is fine (since .NET 10 the host may cancel ExecuteAsync before its thread starts), faulted is not.
        Assert.True(poller.ExecuteTask!.IsCompleted, "the poller ended with the host");
        Assert.False(poller.ExecuteTask.IsFaulted, "stopping is not a failure");
        Assert.Equal(0, log.Passes);
    }

    private static ReminderPoller NewPoller(HostLifetime lifetime, PassLog log) => new(
        new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
        new ReminderSettings { PollInterval = TimeSpan.FromHours(1), PublicUrl = "https://maturity.example.org/" },
        new NoServer(), lifetime, TimeProvider.System, log);

    private sealed class HostLifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _started = new();

        public CancellationToken ApplicationStarted => _started.Token;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Start() => _started.Cancel();

        public void StopApplication() { }
    }

    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull =>
            Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() { }
    }

    /// <summary>Counts the poller's warnings: each is one pass that found no scheduler in its scope.</summary>
    private sealed class PassLog : ILogger<ReminderPoller>
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _passes;

        public int Passes => Volatile.Read(ref _passes);
        public Task FirstPass => _first.Task;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning && exception is InvalidOperationException)
            {
                Interlocked.Increment(ref _passes);
                _first.TrySetResult();
            }
        }
    }
}
