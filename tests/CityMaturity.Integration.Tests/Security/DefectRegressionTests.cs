using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Testing;
using CityMaturity.Web.Accounts;
using CityMaturity.Web.Assessments;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Security;

/// <summary>The defects that testing as a new user and as an attacker found (issue 14), each pinned by a test.</summary>
[Collection(DatabaseCollection.Name)]
public class DefectRegressionTests(DatabaseFixture database)
{
    private Task<AssessmentWorld> WorldAsync() =>
        database.SharedAsync(nameof(DefectRegressionTests), server => AssessmentWorld.CreateAsync(server));

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/x\r\nSet-Cookie: stolen=1")]
    [InlineData("/\\evil.example")]
    [InlineData("/orgs\\..\\evil")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    public async Task An_unusable_return_address_falls_back_to_home_and_the_sign_in_works(string returnUrl)
    {
        var world = await WorldAsync();
        using var client = TestClient.Create(world.Access.Factory);
        var page = await client.Http.GetAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = await client.AntiforgeryTokenAsync("/account/login");

        var response = await client.PostFormAsync("/account/login", token,
            new() { ["email"] = "leader@example.org", ["password"] = TestAccounts.Password, ["returnUrl"] = returnUrl });

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("/orgs", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("citymaturity.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_nul_character_in_a_form_is_refused_with_a_4xx_not_a_500()
    {
        var world = await WorldAsync();
        using var client = TestClient.Create(world.Access.Factory);
        var token = await client.AntiforgeryTokenAsync("/account/login");

        var response = await client.PostFormAsync("/account/login", token,
            new() { ["email"] = "leader@example.org", ["password"] = TestAccounts.Password, ["returnUrl"] = "/\u0000" });

        Assert.InRange((int)response.StatusCode, 300, 499);
    }

    [Fact]
    public async Task A_usable_return_address_is_kept()
    {
        var world = await WorldAsync();
        using var client = TestClient.Create(world.Access.Factory);
        var token = await client.AntiforgeryTokenAsync("/account/login");

        var response = await client.PostFormAsync("/account/login", token,
            new() { ["email"] = "leader@example.org", ["password"] = TestAccounts.Password, ["returnUrl"] = "/orgs/city-a?tab=1" });

        Assert.Equal("/orgs/city-a?tab=1", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_locked_account_costs_the_same_password_work_as_an_unknown_or_a_known_one()
    {
        // Timing is not asserted (no timed tests): the work that dominates it, one password hash, is counted instead.
        var hasher = new CountingPasswordHasher();
        await using var factory = new CityMaturityFactory(await database.Server.CreateMigratedDatabaseAsync())
            .WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<IPasswordHasher<AppUser>>(_ => hasher)));
        var locked = await TestAccounts.CreateUserAsync(factory.Services, "locked@example.org");
        await TestAccounts.CreateUserAsync(factory.Services, "known@example.org");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(locked.Id.ToString()))!, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        using var client = new TestClient(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var token = await client.AntiforgeryTokenAsync("/account/login");
        var work = new Dictionary<string, int>();
        foreach (var email in new[] { "nobody@example.org", "known@example.org", "locked@example.org" })
        {
            hasher.Reset();
            var response = await client.PostFormAsync("/account/login", token, new() { ["email"] = email, ["password"] = "a wrong password" });
            Assert.Equal("/account/login?error=invalid", response.Headers.Location?.OriginalString);
            work[email] = hasher.Calls;
        }

        Assert.Equal(1, work["nobody@example.org"]);
        Assert.Equal(1, work["known@example.org"]);
        Assert.Equal(1, work["locked@example.org"]);
    }

    [Theory]
    [InlineData("/w/ABC123/vote", "application/json; charset=bogus-42", "{\"roundId\":\"00000000-0000-0000-0000-000000000000\",\"now\":\"3\",\"inTwoYears\":\"4\"}")]
    [InlineData("/w/ABC123/vote", "application/json; charset=\"\"", "{}")]
    [InlineData("/w/ABC123/join", "application/x-www-form-urlencoded; charset=bogus-42", "mode=walk-in&name=Eve")]
    [InlineData("/account/login", "application/x-www-form-urlencoded; charset=bogus-42", "email=a%40b.c&password=x")]
    [InlineData("/account/login", "multipart/form-data; charset=utf-99; boundary=x", "--x--")]
    public async Task A_bogus_charset_is_refused_with_a_4xx(string path, string contentType, string body)
    {
        // As scripts/run.sh runs the app: in Development, minimal APIs throw on a body they cannot read.
        var factory = await database.SharedAsync("development-app", async server =>
            new CityMaturityFactory(await server.CreateMigratedDatabaseAsync(), new Dictionary<string, string?> { ["environment"] = "Development" }));
        using var client = TestClient.Create(factory);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await client.Http.PostAsync(path, content);

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Theory]
    [InlineData("ratings.csv")]
    [InlineData("history.csv")]
    [InlineData("report.pdf")]
    [InlineData("summary")]
    public async Task A_personal_access_token_reads_every_api_download(string what)
    {
        var world = await WorldAsync();
        var token = await world.WithAsync(async sp =>
            (await sp.GetRequiredService<PersonalAccessTokenService>().CreateAsync(world.Access.Users["facilitator"].Id, "test " + what)).Token!);
        using var client = world.Access.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync($"/api/assessments/{world.Assessment.Id}/{what}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("anonymous", "/api/assessments/{id}/summary", HttpStatusCode.Unauthorized)]
    [InlineData("anonymous", "/api/assessments/{id}/ratings.csv", HttpStatusCode.Unauthorized)]
    [InlineData("anonymous", "/api/assessments/{id}/report.pdf", HttpStatusCode.Unauthorized)]
    [InlineData("member", "/api/assessments/{id}/ratings.csv", HttpStatusCode.NotFound)]
    [InlineData("other_org_admin", "/api/assessments/{id}/report.pdf", HttpStatusCode.NotFound)]
    [InlineData("leader", "/api/assessments/00000000-0000-0000-0000-000000000001/history.csv", HttpStatusCode.NotFound)]
    [InlineData("leader", "/api/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("leader", "/api/assessments/not-a-guid/summary", HttpStatusCode.NotFound)]
    public async Task Every_api_error_is_json_problem_details(string role, string path, HttpStatusCode expected)
    {
        var world = await WorldAsync();
        using var client = await world.Access.ClientAsync(role);

        using var response = await client.Http.GetAsync(path.Replace("{id}", world.Assessment.Id.ToString(), StringComparison.Ordinal));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"\"status\":{(int)expected}", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_bearer_token_gets_json_problem_details()
    {
        var world = await WorldAsync();
        using var client = world.Access.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "cm_pat_forged");

        using var response = await client.GetAsync($"/api/assessments/{world.Assessment.Id}/ratings.csv");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Signing_out_needs_the_form_token_so_a_foreign_page_cannot_sign_anyone_out()
    {
        var world = await WorldAsync();
        using var client = await world.Access.ClientAsync("leader");
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/account/logout") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Origin", "https://evil.example");

        using var refused = await client.Http.SendAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/orgs/city-a")).StatusCode);

        // The app's own sign-out form (with its token) still works.
        var token = await client.AntiforgeryTokenAsync("/orgs/city-a");
        var signedOut = await client.PostFormAsync("/account/logout", token, []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/orgs/city-a")).StatusCode);
    }

    [Theory]
    [InlineData("ratings.csv")]
    [InlineData("history.csv")]
    [InlineData("summary.csv")]
    [InlineData("export.xlsx")]
    [InlineData("report.pdf")]
    public async Task Downloads_are_never_stored_by_caches_and_follow_one_file_name_pattern(string what)
    {
        var world = await WorldAsync();
        using var client = await world.Access.ClientAsync("facilitator");

        using var response = await client.Http.GetAsync($"/api/assessments/{world.Assessment.Id}/{what}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{what}: Cache-Control {response.Headers.CacheControl}");
        var fileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
        var extension = Path.GetExtension(what);
        Assert.Matches($@"^city-a-baseline-[a-z]+-\d{{4}}-\d{{2}}-\d{{2}}\{extension}$", fileName);
    }

    [Theory]
    [InlineData("Eve\u202Egnp.exe", "Evegnp.exe")]
    [InlineData("  Dana\u0007\u0000 Smith\u2066 ", "Dana Smith")]
    [InlineData("Zoë\r\nO'Neil", "Zoë O'Neil")]
    public async Task Participant_names_lose_control_characters_and_direction_overrides(string typed, string stored)
    {
        var world = await WorldAsync();
        var email = $"p{Guid.NewGuid():N}@example.org";

        var participant = await world.WithAsync(sp => sp.GetRequiredService<AssessmentService>().AddParticipantAsync(world.Assessment.Id, typed, email, world.Ana.GroupId));

        Assert.Equal(stored, participant.Name);
    }

    [Fact]
    public async Task A_walk_in_name_loses_control_characters_and_direction_overrides()
    {
        var world = await WorldAsync();
        var workshop = await world.WithAsync(async sp =>
        {
            var workshops = sp.GetRequiredService<CityMaturity.Application.Workshops.WorkshopService>();
            var (started, refusal) = await workshops.StartAsync(world.Assessment.Id, ["1.1.1"], allowWalkIns: true, world.Access.Users["facilitator"].Id);
            return started ?? throw new InvalidOperationException(refusal?.Message);
        });
        using var phone = new CityMaturity.Integration.Tests.Workshops.Phone(TestClient.Create(world.Access.Factory), workshop.JoinCode);

        CityMaturity.Integration.Tests.Workshops.Phone.AssertJoined(await phone.JoinAsWalkInAsync("Eve\u202Egnp.exe\u0007", world.Ana.GroupId), workshop.JoinCode);
        using var other = new CityMaturity.Integration.Tests.Workshops.Phone(TestClient.Create(world.Access.Factory), workshop.JoinCode);
        var refused = await other.JoinAsWalkInAsync("\u202E\u200F", world.Ana.GroupId);

        Assert.Equal($"/w/{workshop.JoinCode}?error=name", refused.Headers.Location?.OriginalString);
        var console = await world.WithAsync(sp => sp.GetRequiredService<CityMaturity.Application.Workshops.WorkshopService>().ConsoleAsync(world.Assessment.Id, workshop.Id));
        Assert.Equal("Evegnp.exe", Assert.Single(console!.Attendees).Name);
    }

    [Fact]
    public async Task A_name_of_nothing_but_control_characters_is_refused_with_a_clear_message()
    {
        var world = await WorldAsync();

        var refused = await Assert.ThrowsAsync<CityMaturity.Application.Organisations.ValidationException>(() =>
            world.WithAsync(sp => sp.GetRequiredService<AssessmentService>().AddParticipantAsync(world.Assessment.Id, "\u202E\u0007", "ctl@example.org", world.Ana.GroupId)));

        Assert.Contains("name", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _calls;

        public int Calls => _calls;

        public void Reset() => _calls = 0;

        public string HashPassword(AppUser user, string password)
        {
            Interlocked.Increment(ref _calls);
            return _inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _calls);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
