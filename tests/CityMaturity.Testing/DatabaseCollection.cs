namespace CityMaturity.Testing;

/// <summary>xunit collection fixture owning the test run's PostgreSQL server.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private TestDatabaseServer? _server;

    public TestDatabaseServer Server => _server ?? throw new InvalidOperationException("The database server has not started.");

    public async Task InitializeAsync() => _server = await TestDatabaseServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
