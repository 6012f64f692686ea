using System.Diagnostics;
using System.Net;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Testing;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>
    /// Evidence files live in PostgreSQL (ADR 0025) so that this backup carries them: a megabyte of incompressible bytes
    /// (stored out of line, uncompressed) comes back byte for byte after the file row was deleted and the backup restored.
    /// </summary>
    [Fact]
    public async Task A_backup_carries_evidence_files_and_a_restore_brings_back_the_same_bytes()
    {
        var connectionString = await database.Server.CreateMigratedDatabaseAsync();
        var content = new byte[1024 * 1024];
        new Random(25).NextBytes(content);
        "%PDF-1.7\n"u8.CopyTo(content);
        Guid assessmentId, evidenceId;
        await using (var world = await AssessmentWorld.CreateAsync(database.Server, connectionString))
        {
            await using var scope = world.Services.CreateAsyncScope();
            var added = await scope.ServiceProvider.GetRequiredService<EvidenceService>().AddDocumentAsync(
                new EvidenceTarget(world.Assessment, world.Assessment.Scope[0]), new MemoryStream(content), content.Length, "Budget 2026.pdf",
                EvidenceActor.Manager(world.Access.Users["facilitator"].Id), CancellationToken.None);
            var item = Assert.IsType<EvidenceOutcome.Added>(added).Item;
            (assessmentId, evidenceId) = (world.Assessment.Id, item.Id);
        }

        var file = Path.Combine(Path.GetTempPath(), $"cm-backup-{Guid.NewGuid():N}.dump");
        try
        {
            await AdminAsync(connectionString, "backup", file);
            await ExecuteAsync(connectionString, "DELETE FROM evidence_files");

            await AdminAsync(connectionString, "restore", file);

            await using var restarted = new CityMaturityFactory(connectionString);
            await using var scope = restarted.Services.CreateAsyncScope();
            var opened = await scope.ServiceProvider.GetRequiredService<EvidenceService>().OpenDocumentAsync(assessmentId, evidenceId);
            Assert.NotNull(opened);
            Assert.True(content.AsSpan().SequenceEqual(opened.Value.Content), "the restored file differs from the uploaded one");
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(content), opened.Value.Item.Sha256);
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
