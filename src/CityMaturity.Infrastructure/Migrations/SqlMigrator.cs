using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityMaturity.Infrastructure.Migrations;

/// <summary>One file of db/migrations: V0001__initial.sql is version 1, named "initial".</summary>
public sealed partial record MigrationScript(int Version, string Name, string Sql)
{
    public string FileName => $"V{Version:D4}__{Name}.sql";

    /// <summary>SHA-256 of the text with line endings normalised, so a checkout with CRLF does not look "changed".</summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    public static MigrationScript FromFile(string fileName, string sql)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new MigrationException($"Migration file '{fileName}' is not named V<4 digits>__<lower_snake_name>.sql.");
        }

        return new MigrationScript(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, sql);
    }

    [GeneratedRegex(@"^V(\d{4})__([a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}

public sealed class MigrationException : Exception
{
    public MigrationException(string message) : base(message) { }
    public MigrationException(string message, Exception inner) : base(message, inner) { }
    public MigrationException() { }
}

/// <summary>
/// Applies pending db/migrations files at start-up. Several app instances may start at once: a PostgreSQL
/// advisory lock serialises them, each file runs in its own transaction, and a journal with checksums
/// records what ran. An applied file that has since changed is an error, never silently re-run.
/// </summary>
public sealed class SqlMigrator(ILogger<SqlMigrator> logger)
{
    /// <summary>Arbitrary constant identifying "CityMaturity schema migration" among advisory locks.</summary>
    private const long AdvisoryLockKey = 0x43_4D_5F_4D_49_47_52; // "CM_MIGR"

    public static IReadOnlyList<MigrationScript> EmbeddedScripts()
    {
        var assembly = typeof(SqlMigrator).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("migrations/", StringComparison.Ordinal))
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return MigrationScript.FromFile(n["migrations/".Length..], reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)];
    }

    /// <returns>The scripts that this call applied (empty when the database was up to date).</returns>
    public async Task<IReadOnlyList<MigrationScript>> MigrateAsync(NpgsqlDataSource dataSource, IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken = default)
    {
        CheckVersionsAreUnique(scripts);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version     integer     PRIMARY KEY,
                    name        text        NOT NULL,
                    checksum    text        NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now(),
                    duration_ms integer     NOT NULL)
                """, cancellationToken);
            var applied = await ReadJournalAsync(connection, cancellationToken);
            CheckAppliedScriptsAreUnchanged(scripts, applied);

            var pending = scripts.Where(s => !applied.ContainsKey(s.Version)).OrderBy(s => s.Version).ToList();
            foreach (var script in pending)
            {
                await ApplyAsync(connection, script, cancellationToken);
            }

            return pending;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
        }
        catch (PostgresException e)
        {
            throw new MigrationException($"Migration {script.FileName} failed and was rolled back: {e.MessageText} (at position {e.Position}).", e);
        }

        await using var journal = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, name, checksum, duration_ms) VALUES (@version, @name, @checksum, @duration)", connection, transaction);
        journal.Parameters.AddWithValue("version", script.Version);
        journal.Parameters.AddWithValue("name", script.Name);
        journal.Parameters.AddWithValue("checksum", script.Checksum);
        journal.Parameters.AddWithValue("duration", (int)stopwatch.ElapsedMilliseconds);
        await journal.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Applied migration {File} in {Elapsed} ms", script.FileName, stopwatch.ElapsedMilliseconds);
    }

    private static void CheckVersionsAreUnique(IReadOnlyList<MigrationScript> scripts)
    {
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MigrationException($"Two migration files share version {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.FileName))}.");
        }
    }

    private static void CheckAppliedScriptsAreUnchanged(IReadOnlyList<MigrationScript> scripts, Dictionary<int, (string Name, string Checksum)> applied)
    {
        foreach (var script in scripts)
        {
            if (applied.TryGetValue(script.Version, out var entry) && entry.Checksum != script.Checksum)
            {
                throw new MigrationException(
                    $"Migration {script.FileName} has changed since it was applied to this database (checksum {entry.Checksum[..12]}… is now {script.Checksum[..12]}…). " +
                    "Never edit an applied migration: restore the file and put the change in a new V<next>__*.sql file.");
            }
        }

        var unknown = applied.Keys.Except(scripts.Select(s => s.Version)).Order().ToList();
        if (unknown.Count > 0)
        {
            throw new MigrationException(
                $"The database has migrations this build does not know ({string.Join(", ", unknown.Select(v => $"V{v:D4}__{applied[v].Name}.sql"))}); it was migrated by a newer version of CityMaturity.");
        }
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadJournalAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<int, (string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return result;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
