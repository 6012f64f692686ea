using System.Net;
using CityMaturity.Domain.Organisations;
using CityMaturity.Testing;
using CityMaturity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Security;

/// <summary>
/// For each role and protected action, the expected outcome — including reaching City A's data as the
/// administrator of City B by putting City A's address or id in the request (IDOR).
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class AuthorizationMatrixTests(DatabaseFixture database) : IAsyncLifetime
{
    // Shared read-only by every row of the matrix; tests that change memberships build their own world.
    private AccessWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("authorization-matrix", server => AccessWorld.CreateAsync(server));

    public Task DisposeAsync() => Task.CompletedTask;

    public enum Outcome { Allowed, SignInRequired, Forbidden, NotFound }

    // Pages of City A. Unknown and forbidden organisations both answer 404, so addresses reveal nothing.
    public static TheoryData<string, string, Outcome> PageMatrix => new()
    {
        { "anonymous", "/orgs/city-a", Outcome.SignInRequired },
        { "member", "/orgs/city-a", Outcome.Allowed },
        { "leader", "/orgs/city-a", Outcome.Allowed },
        { "facilitator", "/orgs/city-a", Outcome.Allowed },
        { "org_admin", "/orgs/city-a", Outcome.Allowed },
        { "other_org_admin", "/orgs/city-a", Outcome.NotFound },
        { "system_admin", "/orgs/city-a", Outcome.NotFound },
        { "anonymous", "/orgs/city-a/members", Outcome.SignInRequired },
        { "member", "/orgs/city-a/members", Outcome.NotFound },
        { "leader", "/orgs/city-a/members", Outcome.NotFound },
        { "facilitator", "/orgs/city-a/members", Outcome.NotFound },
        { "org_admin", "/orgs/city-a/members", Outcome.Allowed },
        { "other_org_admin", "/orgs/city-a/members", Outcome.NotFound },
        { "other_org_admin", "/orgs/city-b/members", Outcome.Allowed },
        { "system_admin", "/orgs/city-a/members", Outcome.NotFound },
        { "anonymous", "/admin/organisations", Outcome.SignInRequired },
        { "org_admin", "/admin/organisations", Outcome.Forbidden },
        { "facilitator", "/admin/organisations", Outcome.Forbidden },
        { "system_admin", "/admin/organisations", Outcome.Allowed },
        { "anonymous", "/admin/outbox", Outcome.SignInRequired },
        { "member", "/admin/outbox", Outcome.Forbidden },
        { "org_admin", "/admin/outbox", Outcome.Forbidden },
        { "system_admin", "/admin/outbox", Outcome.Allowed },
        // Indicator data: every member reads (editing is checked per action, see IndicatorDataAccessTests); other organisations get 404.
        { "anonymous", "/orgs/city-a/indicators", Outcome.SignInRequired },
        { "member", "/orgs/city-a/indicators", Outcome.Allowed },
        { "leader", "/orgs/city-a/indicators", Outcome.Allowed },
        { "data_officer", "/orgs/city-a/indicators", Outcome.Allowed },
        { "facilitator", "/orgs/city-a/indicators", Outcome.Allowed },
        { "org_admin", "/orgs/city-a/indicators", Outcome.Allowed },
        { "other_org_admin", "/orgs/city-a/indicators", Outcome.NotFound },
        { "system_admin", "/orgs/city-a/indicators", Outcome.NotFound },
        { "anonymous", "/orgs", Outcome.SignInRequired },
        { "member", "/orgs", Outcome.Allowed },
        { "anonymous", "/account/change-password", Outcome.SignInRequired },
        { "leader", "/account/change-password", Outcome.Allowed },
    };

    [Theory]
    [MemberData(nameof(PageMatrix))]
    public async Task Pages_answer_each_role_as_intended(string role, string path, Outcome expected)
    {
        using var client = await _world.ClientAsync(role);

        var response = await client.Http.GetAsync(path);

        Assert.Equal(expected, Classify(response));
        if (expected != Outcome.Allowed)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("member@example.org", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_members_page_shows_members_only_to_their_administrator()
    {
        using var admin = await _world.ClientAsync("org_admin");

        var html = await admin.Http.GetStringAsync("/orgs/city-a/members");

        Assert.Contains("member@example.org", html, StringComparison.Ordinal);
        Assert.DoesNotContain("other-org-admin@example.org", html, StringComparison.Ordinal);
    }

    /// <summary>The role table itself, through the same authorization service every page and endpoint uses.</summary>
    public static TheoryData<string, Permission, bool> PermissionMatrix()
    {
        var data = new TheoryData<string, Permission, bool>();
        var granted = new Dictionary<string, Permission[]>
        {
            ["member"] = [Permission.ViewOrganisation, Permission.RateAssessments],
            ["leader"] = [Permission.ViewOrganisation, Permission.RateAssessments, Permission.ViewResults],
            ["data_officer"] = [Permission.ViewOrganisation, Permission.RateAssessments, Permission.EditIndicatorData],
            ["facilitator"] = [Permission.ViewOrganisation, Permission.RateAssessments, Permission.ViewResults, Permission.ManageAssessments, Permission.EditIndicatorData],
            ["org_admin"] = Enum.GetValues<Permission>(),
            ["other_org_admin"] = [],
            ["system_admin"] = [],
        };
        foreach (var (role, permissions) in granted)
        {
            foreach (var permission in Enum.GetValues<Permission>())
            {
                data.Add(role, permission, permissions.Contains(permission));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PermissionMatrix))]
    public async Task Each_role_holds_exactly_its_permissions_in_city_a(string role, Permission permission, bool allowed)
    {
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        var principal = await PrincipalAsync(scope.ServiceProvider, _world.Users[role]);

        var result = await authorization.AuthorizeAsync(principal, new OrganisationResource(_world.CityA.Id), Policies.For(permission));

        Assert.Equal(allowed, result.Succeeded);
    }

    [Fact]
    public async Task A_removed_member_loses_access_at_once()
    {
        await using var world = await AccessWorld.CreateAsync(database.Server);
        using var client = await world.ClientAsync("leader");
        Assert.Equal(Outcome.Allowed, Classify(await client.Http.GetAsync("/orgs/city-a")));

        await using (var scope = world.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CityMaturity.Application.Organisations.OrganisationService>()
                .RemoveMemberAsync(world.CityA.Id, world.Users["leader"].Id);
        }

        Assert.Equal(Outcome.NotFound, Classify(await client.Http.GetAsync("/orgs/city-a")));
    }

    private static async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(IServiceProvider services, CityMaturity.Infrastructure.Accounts.AppUser user)
    {
        var factory = services.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<CityMaturity.Infrastructure.Accounts.AppUser>>();
        return await factory.CreateAsync(user);
    }

    internal static Outcome Classify(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK => Outcome.Allowed,
        HttpStatusCode.NotFound => Outcome.NotFound,
        HttpStatusCode.Redirect when response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.Ordinal) => Outcome.SignInRequired,
        HttpStatusCode.Redirect when response.Headers.Location!.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal) => Outcome.Forbidden,
        HttpStatusCode.Forbidden => Outcome.Forbidden,
        var other => throw new InvalidOperationException($"Unexpected {(int)other} {response.Headers.Location}"),
    };

    // ------------------------------------------------------------ evidence and indicator data (issue 15)

    private static int _matrixRow;

    private static readonly string[] Members = ["member", "leader", "data_officer", "facilitator", "org_admin"];

    /// <summary>
    /// Every indicator-data and evidence endpoint for every role. Reading indicator data: any member; importing: the roles
    /// with EditIndicatorData (others of City A get 403, the rest 404). Evidence of an assessment: reading needs its
    /// results (leader, facilitator, administrator), adding needs manage; everyone else gets 404, never a hint. A rating
    /// card's evidence (ADR 0052) answers only a participant of the assessment (the member rates in it), under its own
    /// organisation's address; City B's administrator gets 404 under either organisation's address.
    /// </summary>
    public static TheoryData<string, string, string, HttpStatusCode> EvidenceAndIndicatorEndpoints()
    {
        var data = new TheoryData<string, string, string, HttpStatusCode>();
        string[] roles = ["anonymous", .. AccessWorld.Roles];
        foreach (var role in roles)
        {
            var member = Members.Contains(role);
            var outsider = role == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.NotFound;
            foreach (var path in new[] { "/api/orgs/city-a/indicator-values", "/api/orgs/city-a/indicator-values.csv", "/api/orgs/city-a/indicator-values.xlsx" })
            {
                data.Add(role, "GET", path, member ? HttpStatusCode.OK : outsider);
            }

            data.Add(role, "POST", "/api/orgs/city-a/indicator-values/import",
                role is "data_officer" or "facilitator" or "org_admin" ? HttpStatusCode.OK : member ? HttpStatusCode.Forbidden : outsider);

            var readsResults = role is "leader" or "facilitator" or "org_admin";
            var manages = role is "facilitator" or "org_admin";
            data.Add(role, "GET", "/api/assessments/{assessment}/evidence", readsResults ? HttpStatusCode.OK : outsider);
            data.Add(role, "GET", "/api/assessments/{assessment}/evidence/{item}/file", readsResults ? HttpStatusCode.OK : outsider);
            data.Add(role, "POST", "/api/assessments/{assessment}/evidence/link", manages ? HttpStatusCode.Created : outsider);
            data.Add(role, "POST", "/api/assessments/{assessment}/evidence/indicator", manages ? HttpStatusCode.Created : outsider);
            data.Add(role, "POST", "/api/assessments/{assessment}/evidence/document?code=1.1.2&name=added.pdf", manages ? HttpStatusCode.Created : outsider);
            data.Add(role, "DELETE", "/api/assessments/{assessment}/evidence/{item}", manages ? HttpStatusCode.OK : outsider);
            data.Add(role, "GET", "/orgs/city-a/assessments/{assessment}/rate/evidence?code=1.1.2",
                role == "member" ? HttpStatusCode.OK : role == "anonymous" ? HttpStatusCode.Redirect : HttpStatusCode.NotFound);
        }

        data.Add("other_org_admin", "GET", "/orgs/city-b/assessments/{assessment}/rate/evidence?code=1.1.2", HttpStatusCode.NotFound);

        return data;
    }

    [Theory]
    [MemberData(nameof(EvidenceAndIndicatorEndpoints))]
    public async Task Evidence_and_indicator_data_endpoints_answer_each_role_as_intended(string role, string method, string template, HttpStatusCode expected)
    {
        var world = await database.SharedAsync("authorization-matrix-evidence", MatrixWorldAsync);
        // A fresh document per row, so a removal in one row leaves the next row something to read and remove; spread over
        // the characteristics, as one holds at most 50 items.
        var code = world.Assessment.Scope[Interlocked.Increment(ref _matrixRow) % world.Assessment.Scope.Count];
        var item = await world.WithAsync(async services =>
        {
            var added = await services.GetRequiredService<EvidenceService>().AddDocumentAsync(
                new EvidenceTarget(world.Assessment, code), new MemoryStream(Evidence.SampleFiles.Pdf()), null, "matrix.pdf",
                EvidenceActor.Manager(world.Access.Users["facilitator"].Id), CancellationToken.None);
            return Assert.IsType<EvidenceOutcome.Added>(added).Item.Id;
        });
        var path = template.Replace("{assessment}", world.Assessment.Id.ToString(), StringComparison.Ordinal).Replace("{item}", item.ToString(), StringComparison.Ordinal);
        using var client = await world.Access.ClientAsync(role);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = BodyFor(template) };

        var response = await client.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if ((int)expected >= 400 && expected != HttpStatusCode.Unauthorized)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("matrix.pdf", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>City A's open assessment, in which the member (and nobody else of the roles) is a participant.</summary>
    private static async Task<Assessments.AssessmentWorld> MatrixWorldAsync(TestDatabaseServer server)
    {
        var world = await Assessments.AssessmentWorld.CreateAsync(server);
        await world.WithAsync(async services =>
        {
            var assessments = services.GetRequiredService<AssessmentService>();
            var groups = (await assessments.OverviewAsync(world.Assessment.Id)).Groups;
            return await assessments.AddParticipantAsync(world.Assessment.Id, "Max Member", world.Access.Users["member"].Email!, groups[1].Id);
        });
        return world;
    }

    private static HttpContent? BodyFor(string template) => template switch
    {
        _ when template.EndsWith("/import", StringComparison.Ordinal) => new StringContent(
            "indicator_code,year,value,unit,numerator,denominator,source,note\r\nL1.1.1,2024,45,%,,,Register,\r\n", System.Text.Encoding.UTF8, "text/csv"),
        _ when template.EndsWith("/link", StringComparison.Ordinal) => System.Net.Http.Json.JsonContent.Create(new { code = "1.1.2", url = "https://example.org/matrix" }),
        _ when template.EndsWith("/indicator", StringComparison.Ordinal) => System.Net.Http.Json.JsonContent.Create(new { code = "1.1.2", indicatorCode = "L1.1.1", year = 2024 }),
        _ when template.Contains("/evidence/document", StringComparison.Ordinal) => Document(),
        _ => null,
    };

    private static ByteArrayContent Document()
    {
        var content = new ByteArrayContent(Evidence.SampleFiles.Pdf());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        return content;
    }
}
