using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityMaturity.Integration.Tests;

/// <summary>The connection settings the app adds for speed (DatabaseSetup.WithDefaults), and that an operator's own win.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class DatabaseDefaultsTests(DatabaseFixture database)
{
    [Fact]
    public void Auto_prepare_and_no_reset_are_added_unless_the_connection_string_names_them()
    {
        var added = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithDefaults("Host=db;Database=cm;Username=app"));
        var operatorChoice = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithDefaults("Host=db;Database=cm;Username=app;Max Auto Prepare=0;NoResetOnClose=false"));

        Assert.Equal(20, added.MaxAutoPrepare);
        Assert.True(added.NoResetOnClose);
        Assert.Equal("db", added.Host);
        Assert.Equal(0, operatorChoice.MaxAutoPrepare);
        Assert.False(operatorChoice.NoResetOnClose);
    }

    [Fact]
    public async Task The_apps_data_source_prepares_a_statement_it_runs_often()
    {
        await using var factory = new CityMaturityFactory(await database.Server.CreateMigratedDatabaseAsync());
        var dataSource = factory.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        for (var i = 0; i < 6; i++)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM assessments WHERE organisation_id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
            await command.ExecuteScalarAsync();
        }

        await using var check = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM assessments WHERE organisation_id%'", connection);
        Assert.Equal(1L, await check.ExecuteScalarAsync());
    }
}
