using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Testing;

/// <summary>Creates organisations and accounts through the app's own services.</summary>
public static class TestAccounts
{
    public const string Password = "correct horse battery staple";

    /// <summary>
    /// <see cref="Password"/> hashed once per test run by the app's own hasher. Every test account stores this hash, so
    /// creating the seven accounts of an access world derives no key (a test run creates accounts by the thousand);
    /// signing in still verifies it the real way, at the test hosts' <see cref="CityMaturityFactory.PasswordIterations"/>.
    /// </summary>
    private static string? _passwordHash;

    public static async Task<AppUser> CreateUserAsync(IServiceProvider services, string email, bool systemAdmin = false)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0], IsSystemAdmin = systemAdmin, CreatedAt = DateTimeOffset.UtcNow };
        user.PasswordHash = _passwordHash ??= users.PasswordHasher.HashPassword(user, Password);
        var result = await users.CreateAsync(user);
        return result.Succeeded ? user : throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    public static async Task<Organisation> CreateOrganisationAsync(IServiceProvider services, string name, params (AppUser User, OrganisationRole Role)[] members)
    {
        await using var scope = services.CreateAsyncScope();
        var organisations = scope.ServiceProvider.GetRequiredService<OrganisationService>();
        var organisation = await organisations.CreateOrganisationAsync(name, OrganisationKind.Community);
        foreach (var (user, role) in members)
        {
            await organisations.AddMemberAsync(organisation.Id, user.Id, role);
        }

        return organisation;
    }
}
