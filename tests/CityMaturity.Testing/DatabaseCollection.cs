using System.Collections.Concurrent;

namespace CityMaturity.Testing;

/// <summary>
/// xunit collection fixture owning the test run's PostgreSQL server, and expensive worlds (an app with
/// accounts) that the tests of one class share read-only. xunit makes a class instance per test, so
/// per-instance set-up would rebuild them for every theory row.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IAsyncDisposable>>> _shared = new();
    private TestDatabaseServer? _server;

    public TestDatabaseServer Server => _server ?? throw new InvalidOperationException("The database server has not started.");

    public async Task InitializeAsync() => _server = await TestDatabaseServer.StartAsync();

    /// <summary>Creates the value once per key and run; it is disposed when the collection ends.</summary>
    public async Task<T> SharedAsync<T>(string key, Func<TestDatabaseServer, Task<T>> create)
        where T : IAsyncDisposable =>
        (T)await _shared.GetOrAdd(key, _ => new Lazy<Task<IAsyncDisposable>>(async () => await create(Server))).Value;

    public async Task DisposeAsync()
    {
        foreach (var shared in _shared.Values.Where(v => v.IsValueCreated))
        {
            await (await shared.Value).DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
