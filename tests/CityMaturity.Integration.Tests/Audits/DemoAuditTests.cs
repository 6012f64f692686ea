using System.Net;
using CityMaturity.Application.Audits;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Integration.Tests.Results;
using CityMaturity.Testing;
using CityMaturity.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Audits;

/// <summary>The demo audit run.sh shows (issue 17: "Demo Verification Ltd" with a closed audit of a Demoville assessment).</summary>
[Collection(DatabaseCollection.Name)]
public sealed class DemoAuditTests(DatabaseFixture database) : IAsyncLifetime
{
    private DemoResultsWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("demo-results", DemoResultsWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_demo_auditor_sees_a_closed_audit_of_baseline_2022_whose_attestation_anyone_can_check()
    {
        using var auditor = TestClient.Create(_world.Factory);
        await auditor.SignInOrFailAsync(AccountSeeder.DemoAuditor.Email, AccountSeeder.DemoAuditor.Password);
        var audit = Assert.Single((await AuditWorld.JsonAsync(await auditor.Http.GetAsync("/api/audits"))).EnumerateArray());
        Assert.Equal(("closed", "verified_with_reservations", DemoAuditSeeder.AuditBodyName, DemoAuditSeeder.AuditedAssessmentName),
            (audit.GetProperty("status").GetString(), audit.GetProperty("opinion").GetString(), audit.GetProperty("auditBody").GetString(), audit.GetProperty("assessmentName").GetString()));
        Assert.Equal(2, audit.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("examinedInDepth").GetBoolean()));
        var code = audit.GetProperty("attestationCode").GetString()!;

        // Seeded through the service: the record's chain holds and ends in "closed".
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        var audits = scope.ServiceProvider.GetRequiredService<AuditService>();
        var auditId = audit.GetProperty("id").GetGuid();
        Assert.True((await audits.VerifyChainAsync(auditId)).Holds);
        Assert.Equal("closed", (await audits.RecordAsync(auditId))[^1].Kind);

        // Anyone: the public page says it is in force under the body's own key, and the PDF prints the code.
        using var anonymous = TestClient.Create(_world.Factory);
        var html = await anonymous.Http.GetStringAsync($"/verify/{code}");
        Assert.Contains("In force", html, StringComparison.Ordinal);
        Assert.Contains($"{DemoAuditSeeder.AuditBodyName}&#x27;s key", html, StringComparison.Ordinal);
        var pdf = await anonymous.Http.GetAsync($"/verify/{code}/attestation.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Contains($"Verification code {code}", await PdfText.ExtractAsync(await pdf.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);

        // The audited levels count for Baseline 2022.
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var assessmentId = await db.Assessments.Where(a => a.OrganisationId == _world.DemovilleId && a.Name == DemoAuditSeeder.AuditedAssessmentName).Select(a => a.Id).SingleAsync();
        var levels = await AuditService.AuditedLevelsAsync(db, assessmentId, CancellationToken.None);
        Assert.NotEmpty(levels);
    }

    [Fact]
    public async Task Seeding_again_adds_no_audit_and_the_auditor_belongs_only_to_the_audit_body()
    {
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var body = await db.Organisations.SingleAsync(o => o.Name == DemoAuditSeeder.AuditBodyName);
        var auditor = await db.Users.SingleAsync(u => u.Email == AccountSeeder.DemoAuditor.Email);
        var admin = await db.Users.SingleAsync(u => u.Email == AccountSeeder.DemoAccounts[2].Email);
        var before = await db.Audits.CountAsync();

        Assert.Null(await scope.ServiceProvider.GetRequiredService<DemoAuditSeeder>().SeedAsync(_world.DemovilleId, body.Id, admin.Id, auditor.Id));

        Assert.Equal(1, before);
        Assert.Equal(before, await db.Audits.CountAsync());
        Assert.Equal([body.Id], await db.Memberships.Where(m => m.UserId == auditor.Id).Select(m => m.OrganisationId).ToListAsync());
    }
}
