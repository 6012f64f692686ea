using CityMaturity.Infrastructure.Migrations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityMaturity.Infrastructure.Database;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "CityMaturity";
    public const string DevelopmentDatabaseName = "citymaturity";

    /// <summary>
    /// Registers the data source, the (pooled) DbContext factory, the migrator and the data-protection key ring.
    /// The connection string is read from configuration when first needed, so that hosts and tests can set it late.
    /// </summary>
    public static IServiceCollection AddCityMaturityDatabase(this IServiceCollection services)
    {
        services.AddSingleton<EmbeddedPostgresHolder>();
        services.AddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"No database configured: set ConnectionStrings__{ConnectionStringName} (an embedded PostgreSQL is only started in Development).");
            }

            return new NpgsqlDataSourceBuilder(WithDefaults(connectionString)).Build();
        });
        // Pooled contexts (ADR 0064): a page's reads each take a context of their own so their round trips overlap, and
        // a new context's internal services cost more than its query; a pooled one is reset and handed out again.
        services.AddPooledDbContextFactory<CityMaturityDb>((sp, options) =>
        {
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>());
            options.UseModel(ProcessModel((DbContextOptions<CityMaturityDb>)options.Options));
        });
        // Identity's stores and the data-protection key ring take the context from the request's scope: leased from the
        // same pool, returned when the scope ends.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContext());
        services.AddSingleton<SqlMigrator>();
        services.AddDataProtection().SetApplicationName("CityMaturity").PersistKeysToDbContext<CityMaturityDb>();
        return services;
    }

    private static readonly Lock ModelGate = new();
    private static Microsoft.EntityFrameworkCore.Metadata.IModel? _model;

    /// <summary>
    /// EF Core's model of <see cref="CityMaturityDb"/>, built once per process from the first host's options and shared by
    /// every later host. EF keys its internal services, the model among them, on the options' data source, so each new
    /// <see cref="NpgsqlDataSource"/> (every app host, and the tests start hundreds in one process) built the same model
    /// again. It depends only on the code and on the provider, which every host configures the same way here.
    /// The schema itself comes from the SQL migrations (db/migrations), not from this model.
    /// </summary>
    private static Microsoft.EntityFrameworkCore.Metadata.IModel ProcessModel(DbContextOptions<CityMaturityDb> firstOptions)
    {
        lock (ModelGate)
        {
            if (_model is null)
            {
                using var db = new CityMaturityDb(firstOptions);
                _model = db.Model;
            }

            return _model;
        }
    }

    /// <summary>
    /// The connection string with the two settings the app's speed relies on, unless it names them itself:
    /// <c>Max Auto Prepare=20</c> — statements run often (every API request's token and access checks) are prepared on
    /// each pooled connection, so PostgreSQL stops parsing and planning them — and <c>No Reset On Close=true</c> — a
    /// connection going back to the pool is not reset with DISCARD ALL. The latter is safe because the app keeps no
    /// session state on pooled connections (no SET, temporary tables or LISTEN; the migrator releases its advisory lock
    /// explicitly). Behind PgBouncer in transaction mode before 1.21, set <c>Max Auto Prepare=0</c> in the connection string.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var names = given.Keys.Cast<string>().Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!names.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 20;
        }

        if (!names.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// In Development without a configured connection string, starts the embedded cluster under
    /// Database:EmbeddedDirectory (default .data/postgres, kept between runs) and points configuration at it.
    /// </summary>
    public static async Task StartEmbeddedPostgresIfUnconfiguredAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName))
            || !services.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            return;
        }

        var directory = configuration["Database:EmbeddedDirectory"] ?? Path.Combine(Directory.GetCurrentDirectory(), ".data", "postgres");
        var embedded = await EmbeddedPostgres.StartAsync(directory, cancellationToken: cancellationToken);
        await embedded.EnsureDatabaseAsync(DevelopmentDatabaseName, cancellationToken: cancellationToken);
        services.GetRequiredService<EmbeddedPostgresHolder>().Instance = embedded;
        configuration[$"ConnectionStrings:{ConnectionStringName}"] = embedded.ConnectionString(DevelopmentDatabaseName);
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup))
            .LogInformation("Using the embedded PostgreSQL in {Directory} on port {Port}", directory, embedded.Port);
    }

    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var migrator = services.GetRequiredService<SqlMigrator>();
        var applied = await migrator.MigrateAsync(dataSource, SqlMigrator.EmbeddedScripts(), cancellationToken);
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup))
            .LogInformation("Database schema is up to date ({Count} migrations applied now)", applied.Count);
    }
}

/// <summary>The development cluster this process started, if any; stopped with the app.</summary>
public sealed class EmbeddedPostgresHolder
{
    public EmbeddedPostgres? Instance { get; set; }
}
