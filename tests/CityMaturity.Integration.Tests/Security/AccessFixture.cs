using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CityMaturity.Testing;

namespace CityMaturity.Integration.Tests.Security;

/// <summary>Two organisations and one account per role, shared by the access tests of a class.</summary>
public sealed class AccessWorld : IAsyncDisposable
{
    public required CityMaturityFactory Factory { get; init; }
    public required Organisation CityA { get; init; }
    public required Organisation CityB { get; init; }
    public required IReadOnlyDictionary<string, AppUser> Users { get; init; }

    public static readonly string[] Roles = ["member", "leader", "data_officer", "facilitator", "org_admin", "other_org_admin", "system_admin"];

    /// <param name="connectionString">A database to use (to run a second app instance on it too); a fresh copy when null.</param>
    /// <param name="settings">App settings for the factory (e.g. environment=Development).</param>
    /// <param name="clock">The app's clock; null: the system's.</param>
    public static async Task<AccessWorld> CreateAsync(TestDatabaseServer database, string? connectionString = null, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        if (connectionString is null && clock is null && !SeedingSettingsIn(settings))
        {
            // The usual case: a copy of a world seeded once per run, under the system clock and the default settings.
            var (copy, ids) = await database.CreateSeededDatabaseAsync(nameof(AccessWorld), async seedOn =>
            {
                await using var seeding = new CityMaturityFactory(seedOn);
                return (await SeedAsync(seeding)).Ids;
            });
            return await OpenAsync(new CityMaturityFactory(copy, settings), ids);
        }

        var factory = new CityMaturityFactory(connectionString ?? await database.CreateMigratedDatabaseAsync(), settings) { Clock = clock };
        return await SeedAsync(factory);
    }

    /// <summary>The ids of a seeded world, which hold in every copy of its database.</summary>
    public sealed record WorldIds(Guid CityA, Guid CityB, IReadOnlyDictionary<string, Guid> Users);

    public WorldIds Ids => new(CityA.Id, CityB.Id, Users.ToDictionary(u => u.Key, u => u.Value.Id));

    // Settings read while the app starts on an empty database (its system administrator, the demo data): a world
    // copied from the seeded template would already hold what they decide, so those worlds are seeded afresh.
    internal static bool SeedingSettingsIn(IReadOnlyDictionary<string, string?>? settings) =>
        settings?.Keys.Any(key => key.StartsWith("Admin:", StringComparison.OrdinalIgnoreCase) || key.StartsWith("DemoData:", StringComparison.OrdinalIgnoreCase)) == true;

    private static async Task<AccessWorld> SeedAsync(CityMaturityFactory factory)
    {
        var services = factory.Services;
        var users = new Dictionary<string, AppUser>();
        foreach (var role in Roles)
        {
            users[role] = await TestAccounts.CreateUserAsync(services, $"{role.Replace('_', '-')}@example.org", systemAdmin: role == "system_admin");
        }

        var cityA = await TestAccounts.CreateOrganisationAsync(services, "City A",
            (users["member"], OrganisationRole.Member), (users["leader"], OrganisationRole.Leader), (users["data_officer"], OrganisationRole.DataOfficer),
            (users["facilitator"], OrganisationRole.Facilitator), (users["org_admin"], OrganisationRole.OrganisationAdministrator));
        var cityB = await TestAccounts.CreateOrganisationAsync(services, "City B", (users["other_org_admin"], OrganisationRole.OrganisationAdministrator));
        return new AccessWorld { Factory = factory, CityA = cityA, CityB = cityB, Users = users };
    }

    /// <summary>The world a copy of a seeded database holds, read back by its ids.</summary>
    public static async Task<AccessWorld> OpenAsync(CityMaturityFactory factory, WorldIds ids)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var users = await db.Users.AsNoTracking().Where(u => ids.Users.Values.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        var cities = await db.Organisations.AsNoTracking().Where(o => o.Id == ids.CityA || o.Id == ids.CityB).ToDictionaryAsync(o => o.Id);
        return new AccessWorld
        {
            Factory = factory, CityA = cities[ids.CityA], CityB = cities[ids.CityB],
            Users = ids.Users.ToDictionary(role => role.Key, role => users[role.Value]),
        };
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();

    public async Task<TestClient> ClientAsync(string role)
    {
        var client = TestClient.Create(Factory);
        if (role != "anonymous")
        {
            await client.SignInOrFailAsync(Users[role].Email!, TestAccounts.Password);
        }

        return client;
    }
}
