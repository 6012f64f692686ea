using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMaturity.Integration.Tests;

/// <summary>EF Core never creates the schema, so every mapped table and column must exist in the migrated database.</summary>
[Collection(DatabaseCollection.Name)]
public class SchemaMappingTests(DatabaseFixture database)
{
    [Fact]
    public async Task Every_entity_maps_to_real_tables_and_columns()
    {
        var connectionString = await database.Server.CreateMigratedDatabaseAsync();
        var options = new DbContextOptionsBuilder<CityMaturityDb>().UseNpgsql(connectionString).Options;
        await using var db = new CityMaturityDb(options);
        var columns = await ReadColumnsAsync(connectionString);

        var mapped = db.Model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null)
            .SelectMany(e => e.GetProperties().Select(p => (
                Table: e.GetTableName()!,
                Column: p.GetColumnName(),
                p.IsNullable,
                Entity: e.DisplayName())))
            .ToList();

        Assert.NotEmpty(mapped);
        var missing = mapped.Where(m => !columns.ContainsKey((m.Table, m.Column))).Select(m => $"{m.Entity}: {m.Table}.{m.Column}").ToList();
        Assert.Empty(missing);
        var nullabilityMismatch = mapped
            .Where(m => !m.IsNullable && columns[(m.Table, m.Column)])
            .Select(m => $"{m.Entity}: {m.Table}.{m.Column} is required in the model but nullable in the database")
            .ToList();
        Assert.Empty(nullabilityMismatch);
    }

    [Fact]
    public async Task The_mapping_check_sees_a_missing_column()
    {
        // The check above is only worth something if a wrong name would be noticed.
        var columns = await ReadColumnsAsync(await database.Server.CreateMigratedDatabaseAsync());
        Assert.True(columns.ContainsKey(("data_protection_keys", "xml")));
        Assert.False(columns.ContainsKey(("data_protection_keys", "Xml")));
    }

    private static async Task<Dictionary<(string Table, string Column), bool>> ReadColumnsAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT table_name, column_name, is_nullable = 'YES' FROM information_schema.columns WHERE table_schema = 'public'");
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new Dictionary<(string, string), bool>();
        while (await reader.ReadAsync())
        {
            columns[(reader.GetString(0), reader.GetString(1))] = reader.GetBoolean(2);
        }

        return columns;
    }
}
