using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
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

    /// <param name="settings">App settings for the factory (e.g. environment=Development).</param>
    /// <param name="clock">The app's clock; null: the system's.</param>
    public static async Task<AccessWorld> CreateAsync(TestDatabaseServer database, string? connectionString = null, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var factory = new CityMaturityFactory(connectionString ?? await database.CreateMigratedDatabaseAsync(), settings) { Clock = clock };
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
