using System.Collections.Concurrent;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Infrastructure.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CityMaturity.Testing;

/// <summary>
/// One PostgreSQL server for a test run: the configured one (ConnectionStrings__CityMaturity) or a throwaway
/// cluster started from the machine's binaries. The schema is migrated once into a template database;
/// each test class gets a fresh copy, so tests never see each other's data.
/// </summary>
public sealed class TestDatabaseServer : IAsyncDisposable
{
    private readonly EmbeddedPostgres? _embedded;
    private readonly string _adminConnectionString;
    private readonly string _templateName;
    private readonly List<string> _created = [];
    private readonly ConcurrentDictionary<string, Lazy<Task<SeededTemplate>>> _seeded = new();

    // How a copy of the template is made. PostgreSQL 15+ defaults to WAL_LOG, which writes every block of the template
    // to the WAL; FILE_COPY copies the files and checkpoints, which on a throwaway cluster (fsync off) took 0.45× the
    // time (median of 16 alternated creations each way, 247 against 553 ms, on a loaded machine; docs/testing.md).
    private string _copyClause = string.Empty;

    private TestDatabaseServer(EmbeddedPostgres? embedded, string adminConnectionString, string templateName)
    {
        _embedded = embedded;
        _adminConnectionString = adminConnectionString;
        _templateName = templateName;
    }

    public static async Task<TestDatabaseServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ConnectionStrings__CityMaturity");
        EmbeddedPostgres? embedded = null;
        string admin;
        if (string.IsNullOrWhiteSpace(configured))
        {
            var directory = Path.Combine(Path.GetTempPath(), $"citymaturity-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
            embedded = await EmbeddedPostgres.StartAsync(directory, deleteOnDispose: true);
            admin = embedded.ConnectionString("postgres");
        }
        else
        {
            admin = new NpgsqlConnectionStringBuilder(configured) { Database = "postgres" }.ConnectionString;
        }

        var server = new TestDatabaseServer(embedded, admin, $"cm_template_{Guid.NewGuid():N}"[..24]);
        await server.ExecuteAdminAsync($"CREATE DATABASE \"{server._templateName}\"");
        server._created.Add(server._templateName);
        server._copyClause = await server.ServerVersionAsync() >= 150000 ? " STRATEGY = FILE_COPY" : string.Empty;
        await using (var template = new NpgsqlDataSourceBuilder(server.ConnectionString(server._templateName) + ";Pooling=false").Build())
        {
            await new SqlMigrator(NullLogger<SqlMigrator>.Instance).MigrateAsync(template, SqlMigrator.EmbeddedScripts());
        }

        return server;
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = database }.ConnectionString;

    /// <summary>A new database holding the migrated schema and no data.</summary>
    public Task<string> CreateMigratedDatabaseAsync() => CreateAsync(_templateName);

    /// <summary>
    /// A new database copied from a template that <paramref name="seed"/> filled once per <paramref name="key"/> and
    /// run, with what the seeding returned. Seeding a world through the app's services (accounts, organisations, an
    /// assessment) costs about as much as starting its app; copying it costs a database copy, as an empty one does.
    /// The seeding must close every connection it opened and return only values (ids, tokens), never tracked entities.
    /// </summary>
    public async Task<(string ConnectionString, T Seeded)> CreateSeededDatabaseAsync<T>(string key, Func<string, Task<T>> seed)
        where T : notnull
    {
        var template = await _seeded.GetOrAdd(key, _ => new Lazy<Task<SeededTemplate>>(() => SeedTemplateAsync(seed))).Value;
        return (await CreateAsync(template.Name), (T)template.Seeded);
    }

    private async Task<SeededTemplate> SeedTemplateAsync<T>(Func<string, Task<T>> seed)
        where T : notnull
    {
        var connectionString = await CreateAsync(_templateName);
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var seeded = await seed(connectionString);
        // A template cannot be copied while anything is connected to it; pooled connections of the seeding may linger.
        await ExecuteAdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
        return new SeededTemplate(name, seeded);
    }

    private sealed record SeededTemplate(string Name, object Seeded);

    /// <summary>A new database with nothing in it, for migrator tests.</summary>
    public Task<string> CreateEmptyDatabaseAsync() => CreateAsync(null);

    private async Task<string> CreateAsync(string? template)
    {
        var name = $"cm_test_{Guid.NewGuid():N}"[..24];
        await ExecuteAdminAsync(template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"{_copyClause}");
        lock (_created)
        {
            _created.Add(name);
        }

        return ConnectionString(name);
    }

    private async Task<int> ServerVersionAsync()
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW server_version_num", connection);
        return int.Parse((string)(await command.ExecuteScalarAsync())!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
            return;
        }

        foreach (var database in _created)
        {
            await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }
}
