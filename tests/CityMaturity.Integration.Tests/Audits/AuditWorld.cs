using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Integration.Tests.Security;
using CityMaturity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Audits;

/// <summary>
/// City A's assessment (Ana and Ben rated 1.1.1 as 2 and 4, then it was closed), two audit bodies with one auditor
/// each (Verify Ltd also has an administrator), and helpers that drive an audit through the HTTP API as the city's administrator and the auditor would.
/// </summary>
public sealed class AuditWorld : IAsyncDisposable
{
    public required AssessmentWorld World { get; init; }
    public required Organisation VerifyLtd { get; init; }
    public required Organisation OtherBody { get; init; }
    public required AppUser Auditor { get; init; }
    public required AppUser OtherAuditor { get; init; }
    public required AppUser BodyAdmin { get; init; }

    public AccessWorld Access => World.Access;

    public Guid AssessmentId => World.Assessment.Id;

    public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public static async Task<AuditWorld> CreateAsync(TestDatabaseServer database, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var world = await AssessmentWorld.CreateAsync(database, settings: settings, clock: clock);
        var services = world.Services;
        await RateAsync(world, world.AnaToken, 2);
        await RateAsync(world, world.BenToken, 4);
        await world.WithAsync(async sp => { await sp.GetRequiredService<AssessmentService>().MoveToAsync(world.Assessment.Id, AssessmentStatus.Closed); return 0; });

        var auditor = await TestAccounts.CreateUserAsync(services, "auditor@example.org");
        var otherAuditor = await TestAccounts.CreateUserAsync(services, "other-auditor@example.org");
        var bodyAdmin = await TestAccounts.CreateUserAsync(services, "body-admin@example.org");
        var (verifyLtd, otherBody) = await world.WithAsync(async sp =>
        {
            var organisations = sp.GetRequiredService<OrganisationService>();
            var first = await organisations.CreateOrganisationAsync("Verify Ltd", OrganisationKind.AuditBody);
            await organisations.AddMemberAsync(first.Id, auditor.Id, OrganisationRole.Member);
            await organisations.AddMemberAsync(first.Id, bodyAdmin.Id, OrganisationRole.OrganisationAdministrator);
            var second = await organisations.CreateOrganisationAsync("Other Audit", OrganisationKind.AuditBody);
            await organisations.AddMemberAsync(second.Id, otherAuditor.Id, OrganisationRole.Member);
            return (first, second);
        });
        return new AuditWorld { World = world, VerifyLtd = verifyLtd, OtherBody = otherBody, Auditor = auditor, OtherAuditor = otherAuditor, BodyAdmin = bodyAdmin };
    }

    private static async Task RateAsync(AssessmentWorld world, string token, int level)
    {
        var session = await world.SessionAsync(token);
        var values = new RatingValues(LevelAnswer.Of(MaturityLevels.FromNumber(level)), LevelAnswer.Of(MaturityLevels.FromNumber(level)), null, []);
        Assert.IsType<SaveOutcome.Saved>(await world.WithAsync(sp => sp.GetRequiredService<RatingService>().SaveAsync(session, "1.1.1", values, 0, null)));
    }

    public ValueTask DisposeAsync() => World.DisposeAsync();

    public Task<TestClient> ClientAsync(string role) => role switch
    {
        "auditor" => SignedInAsync(Auditor.Email!),
        "other_auditor" => SignedInAsync(OtherAuditor.Email!),
        "body_admin" => SignedInAsync(BodyAdmin.Email!),
        _ => Access.ClientAsync(role),
    };

    private async Task<TestClient> SignedInAsync(string email)
    {
        var client = TestClient.Create(Access.Factory);
        await client.SignInOrFailAsync(email, TestAccounts.Password);
        return client;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>The city's administrator engages Verify Ltd on <paramref name="assessmentId"/> (this world's by default).</summary>
    public async Task<Guid> EngageAsync(TestClient admin, Guid? assessmentId = null, DateOnly? from = null, DateOnly? until = null, bool showPersonalData = false, string body = "verify-ltd")
    {
        var response = await admin.Http.PostAsJsonAsync($"/api/assessments/{assessmentId ?? AssessmentId}/audits",
            new { auditBody = body, from = from ?? Today.AddDays(-1), until = until ?? Today.AddDays(30), indicatorYears = new[] { 2025 }, showPersonalData });
        return (await JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> PostAsync(TestClient client, string path, object? body = null) =>
        client.Http.PostAsJsonAsync(path, body ?? new { });

    /// <summary>
    /// Drives an engaged audit to "closed" through the API: start, a finding on every characteristic (1.1.1 verified at 3
    /// and examined in depth, 1.1.2 not verifiable, the rest at 2), an evidence request the city answers, findings
    /// issued, the city's response, closing with reservations. Returns the attestation's code.
    /// </summary>
    public async Task<string> RunToClosedAsync(Guid auditId, TestClient admin, TestClient auditor)
    {
        var api = $"/api/audits/{auditId}";
        await JsonAsync(await PostAsync(auditor, $"{api}/start"));
        foreach (var code in MaturityCatalogue().Characteristics.Select(c => c.Code))
        {
            object finding = code switch
            {
                "1.1.1" => new { code, verifiedLevel = 3, finding = "minor_gap", evidenceExamined = "Council minutes 2025; the strategy", note = "Plans are older than two years.", examinedInDepth = true, samplingReason = "Largest spread between groups" },
                "1.1.2" => new { code, verifiedLevel = (int?)null, finding = "not_evidenced", evidenceExamined = "Nothing was supplied", examinedInDepth = false },
                _ => new { code, verifiedLevel = 2, finding = "conforms", evidenceExamined = "The consensus rationale", examinedInDepth = false },
            };
            await JsonAsync(await PostAsync(auditor, $"{api}/findings", finding));
        }

        var asked = await JsonAsync(await PostAsync(auditor, $"{api}/requests", new { code = "1.1.2", question = "Please send the published plan." }));
        var requestId = asked.GetProperty("requests")[0].GetProperty("id").GetGuid();
        var cityApi = $"/api/assessments/{AssessmentId}/audits/{auditId}";
        await JsonAsync(await PostAsync(admin, $"{cityApi}/requests/{requestId}/answer", new { text = "Attached to 1.1.2 as evidence." }));
        await JsonAsync(await PostAsync(auditor, $"{api}/issue-findings"));
        await JsonAsync(await PostAsync(admin, $"{cityApi}/respond", new { text = "We accept the findings." }));
        var closed = await JsonAsync(await PostAsync(auditor, $"{api}/close", new { opinion = "verified_with_reservations", reservations = "1.1.2 could not be verified." }));
        return closed.GetProperty("attestationCode").GetString()!;
    }

    private static MaturityCatalogue? _catalogue;

    public static MaturityCatalogue MaturityCatalogue() => _catalogue ??= CatalogueLoader.LoadEmbedded();
}
