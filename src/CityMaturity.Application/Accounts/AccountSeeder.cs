using System.Security.Cryptography;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Application.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Accounts;

public sealed class AdminSettings
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}

/// <summary>
/// Start-up data: the system administrator (from Admin:Email/Admin:Password, or generated with its password
/// logged once), and, when DemoData:Enabled, the demo organisations and accounts whose sign-ins scripts/run.sh prints.
/// </summary>
public sealed class AccountSeeder(
    UserManager<AppUser> users,
    OrganisationService organisations,
    IDbContextFactory<CityMaturityDb> dbFactory,
    CityMaturity.Application.Assessments.DemoAssessmentSeeder demoAssessments,
    CityMaturity.Application.Indicators.DemoIndicatorSeeder demoIndicators,
    CityMaturity.Application.Evidence.DemoEvidenceSeeder demoEvidence,
    CityMaturity.Application.Benchmarking.DemoBenchmarkSeeder demoBenchmark,
    CityMaturity.Application.Plans.DemoPlanSeeder demoPlans,
    CityMaturity.Application.Audits.DemoAuditSeeder demoAudits,
    AdminSettings admin,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<AccountSeeder> logger)
{
    public const string DemoCityName = "Demoville";
    public const string DemoNetworkName = "Regional Smart Cities Network";

    /// <summary>Demo accounts: well-known on purpose, created only when DemoData:Enabled is true.</summary>
    public static readonly (string Email, string Name, string Password, OrganisationRole CityRole)[] DemoAccounts =
    [
        ("facilitator@demoville.example", "Fatima Facilitator", "demo-facilitator-2026", OrganisationRole.Facilitator),
        ("leader@demoville.example", "Leo Leader", "demo-leader-2026", OrganisationRole.Leader),
        ("admin@demoville.example", "Ada Administrator", "demo-admin-2026", OrganisationRole.OrganisationAdministrator),
        ("member@demoville.example", "Max Member", "demo-member-2026", OrganisationRole.Member),
        ("data@demoville.example", "Dara Data", "demo-data-2026", OrganisationRole.DataOfficer),
    ];

    /// <summary>The demo audit body's auditor (a member of "Demo Verification Ltd", not of Demoville).</summary>
    public static readonly (string Email, string Name, string Password) DemoAuditor = ("auditor@demo-verification.example", "Avery Auditor", "demo-auditor-2026");

    public const string DemoSystemAdminEmail = "sysadmin@citymaturity.example";
    public const string DemoSystemAdminPassword = "demo-sysadmin-2026";

    public async Task SeedAsync()
    {
        var demo = configuration.GetValue<bool>("DemoData:Enabled");
        await EnsureSystemAdministratorAsync(demo);
        if (demo)
        {
            await SeedDemoAsync();
        }
    }

    private async Task EnsureSystemAdministratorAsync(bool demo)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Users.AnyAsync(u => u.IsSystemAdmin))
        {
            return;
        }

        var email = admin.Email ?? (demo ? DemoSystemAdminEmail : "admin@citymaturity.local");
        var password = admin.Password ?? (demo ? DemoSystemAdminPassword : RandomPassword());
        await CreateUserAsync(email, "System administrator", password, isSystemAdmin: true);
        if (admin.Password is null && !demo)
        {
            // Printed once: the only time this password is visible. Change it after the first sign-in.
            logger.LogWarning("INITIAL-ADMIN created the system administrator {Email} with password {Password}", email, password);
        }
    }

    private async Task SeedDemoAsync()
    {
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            if (!await db.Organisations.AnyAsync(o => o.Name == DemoCityName))
            {
                var city = await organisations.CreateOrganisationAsync(DemoCityName, OrganisationKind.Community);
                var network = await organisations.CreateOrganisationAsync(DemoNetworkName, OrganisationKind.FacilitatingBody);
                foreach (var (email, name, password, role) in DemoAccounts)
                {
                    var user = await CreateUserAsync(email, name, password, isSystemAdmin: false);
                    await organisations.AddMemberAsync(city.Id, user.Id, role);
                }

                var facilitator = await users.FindByEmailAsync(DemoAccounts[0].Email);
                await organisations.AddMemberAsync(network.Id, facilitator!.Id, OrganisationRole.OrganisationAdministrator);
            }

            // Idempotent on its own, so installations seeded before assessments existed get them too.
            var demoCity = await db.Organisations.SingleAsync(o => o.Name == DemoCityName);
            var demoFacilitator = await users.FindByEmailAsync(DemoAccounts[0].Email);
            var demoMember = await users.FindByEmailAsync(DemoAccounts[3].Email);
            await demoAssessments.SeedAsync(demoCity.Id, demoFacilitator?.Id, demoMember?.Id, demoMember?.DisplayName ?? "Member", demoMember?.Email ?? DemoAccounts[3].Email);
            var demoDataOfficer = await users.FindByEmailAsync(DemoAccounts[4].Email);
            await demoIndicators.SeedAsync(demoCity.Id, demoDataOfficer?.Id ?? demoFacilitator?.Id);
            await demoEvidence.SeedAsync(demoCity.Id, demoFacilitator?.Id);
            await demoPlans.SeedAsync(demoCity.Id, demoFacilitator?.Id);
            if (await users.FindByEmailAsync(DemoAccounts[2].Email) is { } demoAdministrator)
            {
                await demoBenchmark.SeedAsync(demoCity.Id, demoAdministrator.Id, CityMaturity.Application.Assessments.DemoAssessmentSeeder.ClosedAssessmentName);
                await SeedDemoAuditAsync(db, demoCity.Id, demoAdministrator.Id);
            }
        }

        logger.LogInformation("DEMO-LOGIN {Email} / {Password}  (system administrator)", admin.Email ?? DemoSystemAdminEmail, admin.Password ?? DemoSystemAdminPassword);
        foreach (var (email, _, password, role) in DemoAccounts)
        {
            logger.LogInformation("DEMO-LOGIN {Email} / {Password}  ({Role} of {City})", email, password, role.DisplayName().ToLowerInvariant(), DemoCityName);
        }

        logger.LogInformation("DEMO-LOGIN {Email} / {Password}  (auditor of {Body})", DemoAuditor.Email, DemoAuditor.Password, CityMaturity.Application.Audits.DemoAuditSeeder.AuditBodyName);
    }

    /// <summary>The demo audit body and its auditor (made once), then the demo audit through the audit service.</summary>
    private async Task SeedDemoAuditAsync(CityMaturityDb db, Guid cityId, Guid cityAdministratorId)
    {
        var body = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Name == CityMaturity.Application.Audits.DemoAuditSeeder.AuditBodyName && o.Kind == OrganisationKind.AuditBody)
            ?? await organisations.CreateOrganisationAsync(CityMaturity.Application.Audits.DemoAuditSeeder.AuditBodyName, OrganisationKind.AuditBody);
        var auditor = await users.FindByEmailAsync(DemoAuditor.Email);
        if (auditor is null)
        {
            auditor = await CreateUserAsync(DemoAuditor.Email, DemoAuditor.Name, DemoAuditor.Password, isSystemAdmin: false);
            await organisations.AddMemberAsync(body.Id, auditor.Id, OrganisationRole.Member);
        }

        var code = await demoAudits.SeedAsync(cityId, body.Id, cityAdministratorId, auditor.Id);
        if (code is not null)
        {
            logger.LogInformation("DEMO-ATTESTATION /verify/{Code}", code);
        }
    }

    private async Task<AppUser> CreateUserAsync(string email, string name, string password, bool isSystemAdmin)
    {
        var user = new AppUser
        {
            Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = name,
            IsSystemAdmin = isSystemAdmin, CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }

        return user;
    }

    private static string RandomPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('/', '-').Replace('+', '_');
}
