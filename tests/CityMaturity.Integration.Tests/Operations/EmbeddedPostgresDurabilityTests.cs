using CityMaturity.Infrastructure.Database;
using Npgsql;

namespace CityMaturity.Integration.Tests.Operations;

/// <summary>
/// The cluster scripts/run.sh starts holds what people enter: it must survive a power loss. Only the throwaway clusters
/// of test runs may trade durability for speed.
/// </summary>
public class EmbeddedPostgresDurabilityTests
{
    [Fact]
    public async Task A_kept_cluster_runs_with_durable_settings()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"cm-durable-{Guid.NewGuid():N}"[..32]);
        try
        {
            await using var cluster = await EmbeddedPostgres.StartAsync(directory);

            var settings = await SettingsAsync(cluster);

            Assert.Equal("on", settings["fsync"]);
            Assert.Equal("on", settings["synchronous_commit"]);
            Assert.Equal("on", settings["full_page_writes"]);
            Assert.Equal("on", settings["autovacuum"]);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_throwaway_cluster_trades_durability_for_speed()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"cm-throwaway-{Guid.NewGuid():N}"[..32]);
        await using var cluster = await EmbeddedPostgres.StartAsync(directory, deleteOnDispose: true);

        var settings = await SettingsAsync(cluster);

        Assert.Equal("off", settings["fsync"]);
        Assert.Equal("off", settings["autovacuum"]);
        Assert.Equal("off", settings["jit"]);
    }

    private static async Task<Dictionary<string, string>> SettingsAsync(EmbeddedPostgres cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'autovacuum', 'jit')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var settings = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            settings[reader.GetString(0)] = reader.GetString(1);
        }

        return settings;
    }
}
