using System.Diagnostics;
using System.Net;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Testing;
using Npgsql;

namespace CityMaturity.Integration.Tests.Operations;

/// <summary>scripts/admin.sh backup FILE / restore FILE, as an operator runs them, round-trip the whole database.</summary>
[Collection(DatabaseCollection.Name)]
public class BackupRestoreTests(DatabaseFixture database)
{
    [Fact]
    public async Task A_backup_restores_the_database_exactly_and_the_app_starts_on_it()
    {
        var connectionString = await database.Server.CreateMigratedDatabaseAsync();
        await using (var world = await AssessmentWorld.CreateAsync(database.Server, connectionString))
        {
            using var client = await world.Access.ClientAsync("facilitator");
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"/api/assessments/{world.Assessment.Id}/ratings.csv")).StatusCode);
        }

        var original = await ContentsAsync(connectionString);
        var file = Path.Combine(Path.GetTempPath(), $"cm-backup-{Guid.NewGuid():N}.dump");
        try
        {
            await AdminAsync(connectionString, "backup", file);
            await ExecuteAsync(connectionString, "DELETE FROM participants; UPDATE assessments SET name = 'changed after the backup'");
            Assert.NotEqual(original, await ContentsAsync(connectionString));

            await AdminAsync(connectionString, "restore", file);

            Assert.Equal(original, await ContentsAsync(connectionString));
            await using var restarted = new CityMaturityFactory(connectionString);
            using var http = restarted.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_restore_from_a_missing_file_fails_and_says_so()
    {
        var connectionString = await database.Server.CreateMigratedDatabaseAsync();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => AdminAsync(connectionString, "restore", "/nonexistent/backup.dump"));

        Assert.Contains("No such backup file", failure.Message, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CityMaturity.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (CityMaturity.sln) was not found above the test assembly.");
    }

    private static async Task AdminAsync(string connectionString, string command, string file)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "admin.sh"), command, file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        start.Environment["ConnectionStrings__CityMaturity"] = connectionString;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"admin.sh {command} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every table of the app's schema with a hash of all its rows: equal only when the contents are.</summary>
    private static async Task<string> ContentsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        var tables = await SchemaTables.ListAsync(connection);

        var contents = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var hash = new NpgsqlCommand($"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t", connection);
            contents.Append(table).Append('=').Append(await hash.ExecuteScalarAsync()).Append('\n');
        }

        return contents.ToString();
    }
}
