using CityMaturity.Infrastructure.Migrations;
using CityMaturity.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CityMaturity.Integration.Tests;

[Collection(DatabaseCollection.Name)]
public class MigratorTests(DatabaseFixture database)
{
    private static readonly SqlMigrator Migrator = new(NullLogger<SqlMigrator>.Instance);

    private static readonly MigrationScript[] TwoScripts =
    [
        new(1, "create_things", "CREATE TABLE things (id integer PRIMARY KEY, name text NOT NULL);"),
        new(2, "add_thing", "INSERT INTO things VALUES (1, 'first');"),
    ];

    private async Task<NpgsqlDataSource> EmptyDatabaseAsync() =>
        NpgsqlDataSource.Create(await database.Server.CreateEmptyDatabaseAsync());

    private static async Task<T?> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T?)await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Applies_the_real_migrations_to_an_empty_database_and_journals_them()
    {
        await using var dataSource = await EmptyDatabaseAsync();
        var scripts = SqlMigrator.EmbeddedScripts();

        var applied = await Migrator.MigrateAsync(dataSource, scripts);

        Assert.Equal(scripts.Select(s => s.Version), applied.Select(s => s.Version));
        Assert.Equal(1, scripts[0].Version);
        Assert.Equal((long)scripts.Count, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM schema_migrations"));
        Assert.Equal(scripts[0].Checksum, await ScalarAsync<string>(dataSource, "SELECT checksum FROM schema_migrations WHERE version = 1"));
        Assert.Equal(1L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'data_protection_keys'"));
    }

    [Fact]
    public async Task Running_again_applies_nothing()
    {
        await using var dataSource = await EmptyDatabaseAsync();
        await Migrator.MigrateAsync(dataSource, TwoScripts);

        var second = await Migrator.MigrateAsync(dataSource, TwoScripts);

        Assert.Empty(second);
        Assert.Equal(1L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM things"));
    }

    [Fact]
    public async Task Applies_only_the_new_file_of_a_later_release()
    {
        await using var dataSource = await EmptyDatabaseAsync();
        await Migrator.MigrateAsync(dataSource, TwoScripts[..1]);

        var applied = await Migrator.MigrateAsync(dataSource, TwoScripts);

        Assert.Equal([2], applied.Select(s => s.Version));
    }

    [Fact]
    public async Task A_changed_applied_file_stops_with_a_clear_error()
    {
        await using var dataSource = await EmptyDatabaseAsync();
        await Migrator.MigrateAsync(dataSource, TwoScripts);
        MigrationScript[] edited = [TwoScripts[0] with { Sql = TwoScripts[0].Sql + " -- edited" }, TwoScripts[1]];

        var error = await Assert.ThrowsAsync<MigrationException>(() => Migrator.MigrateAsync(dataSource, edited));

        Assert.Contains("V0001__create_things.sql has changed since it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Line_endings_alone_do_not_count_as_a_change()
    {
        await using var dataSource = await EmptyDatabaseAsync();
        MigrationScript[] unix = [new(1, "multi_line", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n")];
        await Migrator.MigrateAsync(dataSource, unix);

        var applied = await Migrator.MigrateAsync(dataSource, [unix[0] with { Sql = unix[0].Sql.Replace("\n", "\r\n", StringComparison.Ordinal) }]);

        Assert.Empty(applied);
    }

    [Fact]
    public async Task A_failing_file_is_rolled_back_whole_and_not_journaled()
    {
        await using var dataSource = await EmptyDatabaseAsync();
        MigrationScript[] broken = [new(1, "half", "CREATE TABLE half_done (id int); INSERT INTO no_such_table VALUES (1);")];

        var error = await Assert.ThrowsAsync<MigrationException>(() => Migrator.MigrateAsync(dataSource, broken));

        Assert.Contains("V0001__half.sql failed and was rolled back", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'half_done'"));
        Assert.Equal(0L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Two_migrators_started_at_once_apply_each_file_exactly_once()
    {
        await using var dataSource = await EmptyDatabaseAsync();
        // pg_sleep widens the window in which the second migrator would interleave without the advisory lock;
        // the non-idempotent CREATE/INSERT would then fail or double.
        MigrationScript[] slow =
        [
            new(1, "slow_create", "SELECT pg_sleep(0.3); CREATE TABLE once_only (id int PRIMARY KEY);"),
            new(2, "slow_insert", "SELECT pg_sleep(0.3); INSERT INTO once_only VALUES (1);"),
        ];

        var results = await Task.WhenAll(
            Task.Run(() => Migrator.MigrateAsync(dataSource, slow)),
            Task.Run(() => Migrator.MigrateAsync(dataSource, slow)));

        Assert.Equal(2, results.Sum(r => r.Count));
        Assert.Equal(1L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM once_only"));
        Assert.Equal(2L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_release_is_refused()
    {
        await using var dataSource = await EmptyDatabaseAsync();
        await Migrator.MigrateAsync(dataSource, TwoScripts);

        var error = await Assert.ThrowsAsync<MigrationException>(() => Migrator.MigrateAsync(dataSource, TwoScripts[..1]));

        Assert.Contains("V0002__add_thing.sql", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("V1__short.sql")]
    [InlineData("V0001_one_underscore.sql")]
    [InlineData("V0001__Upper.sql")]
    [InlineData("0001__no_v.sql")]
    public void Badly_named_files_are_refused(string fileName) =>
        Assert.Throws<MigrationException>(() => MigrationScript.FromFile(fileName, "SELECT 1"));
}
