using System.Net;
using System.Text.RegularExpressions;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Security;

[Collection(DatabaseCollection.Name)]
public sealed partial class AccountFlowTests(DatabaseFixture database) : IAsyncLifetime
{
    private AccessWorld _world = null!;

    // One world for the class: each test works on its own accounts (lockout: member; reset: facilitator; …).
    public async Task InitializeAsync() => _world = await database.SharedAsync("account-flows", server => AccessWorld.CreateAsync(server));

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> LatestMailBodyToAsync(string address)
    {
        await using var db = await _world.Factory.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var message = await db.OutboxMessages.Where(m => m.ToAddress == address).OrderByDescending(m => m.CreatedAt).FirstAsync();
        return message.Body;
    }

    private static string LinkIn(string body) => LinkPattern().Match(body).Value;

    [Fact]
    public async Task Sign_in_reaches_the_organisations_and_sign_out_ends_the_session()
    {
        using var client = TestClient.Create(_world.Factory);
        await client.SignInOrFailAsync("leader@example.org", TestAccounts.Password);
        Assert.Contains("City A", await client.Http.GetStringAsync("/orgs"), StringComparison.Ordinal);

        var token = await client.AntiforgeryTokenAsync("/orgs");
        var signOut = await client.PostFormAsync("/account/logout", token, []);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(AuthorizationMatrixTests.Outcome.SignInRequired, AuthorizationMatrixTests.Classify(await client.Http.GetAsync("/orgs")));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_account_get_the_same_answer()
    {
        using var client = TestClient.Create(_world.Factory);

        var wrongPassword = await client.SignInAsync("leader@example.org", "not the password at all");
        var unknownAccount = await client.SignInAsync("nobody@example.org", "not the password at all");

        Assert.Equal(HttpStatusCode.Redirect, wrongPassword.StatusCode);
        Assert.Equal(wrongPassword.Headers.Location, unknownAccount.Headers.Location);
        var page = await client.Http.GetStringAsync(wrongPassword.Headers.Location!.OriginalString);
        Assert.Contains("The email or password is not right", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        using var client = TestClient.Create(_world.Factory);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await client.SignInAsync("member@example.org", "wrong password " + attempt);
        }

        var rightPassword = await client.SignInAsync("member@example.org", TestAccounts.Password);

        Assert.Contains("error=invalid", rightPassword.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_without_the_antiforgery_token_is_refused()
    {
        using var client = TestClient.Create(_world.Factory);

        var response = await client.PostFormAsync("/account/login", null, new() { ["email"] = "leader@example.org", ["password"] = TestAccounts.Password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_never_redirects_off_site(string returnUrl)
    {
        using var client = TestClient.Create(_world.Factory);
        var token = await client.AntiforgeryTokenAsync("/account/login");

        var response = await client.PostFormAsync("/account/login", token, new() { ["email"] = "leader@example.org", ["password"] = TestAccounts.Password, ["returnUrl"] = returnUrl });

        Assert.Equal("/orgs", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Password_reset_goes_through_the_outbox_and_works_once()
    {
        using var client = TestClient.Create(_world.Factory);
        var forgot = await client.PostFormAsync("/account/forgot-password", await client.AntiforgeryTokenAsync("/account/forgot-password"), new() { ["email"] = "facilitator@example.org" });
        var unknown = await client.PostFormAsync("/account/forgot-password", await client.AntiforgeryTokenAsync("/account/forgot-password"), new() { ["email"] = "nobody@example.org" });
        Assert.Equal(forgot.Headers.Location, unknown.Headers.Location);

        var link = new Uri(LinkIn(await LatestMailBodyToAsync("facilitator@example.org")));
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var resetToken = await client.AntiforgeryTokenAsync(link.PathAndQuery);
        var fields = new Dictionary<string, string> { ["email"] = query["email"]!, ["code"] = query["code"]!, ["password"] = "a brand new passphrase", ["confirmPassword"] = "a brand new passphrase" };
        var reset = await client.PostFormAsync("/account/reset-password", resetToken, new(fields));
        var again = await client.PostFormAsync("/account/reset-password", resetToken, new(fields) { ["password"] = "yet another passphrase", ["confirmPassword"] = "yet another passphrase" });

        Assert.Equal("/account/login?reset=1", reset.Headers.Location!.OriginalString);
        Assert.Contains("error=invalid-link", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await client.SignInOrFailAsync("facilitator@example.org", "a brand new passphrase");
    }

    [Fact]
    public async Task A_short_password_is_refused_with_the_rule()
    {
        using var client = await _world.ClientAsync("leader");
        var token = await client.AntiforgeryTokenAsync("/account/change-password");

        var response = await client.PostFormAsync("/account/change-password", token, new() { ["currentPassword"] = TestAccounts.Password, ["password"] = "short", ["confirmPassword"] = "short" });

        Assert.Contains("error=weak", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await client.Http.GetStringAsync(response.Headers.Location.OriginalString);
        Assert.Contains("at least 10 characters", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invitation_creates_the_account_and_membership_and_its_token_is_stored_hashed()
    {
        InvitationLink link;
        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            link = await scope.ServiceProvider.GetRequiredService<OrganisationService>()
                .InviteAsync(_world.CityA, "New.Person@Example.org", OrganisationRole.Leader, _world.Users["org_admin"].Id, new Uri("http://localhost/"));
        }

        var token = System.Web.HttpUtility.ParseQueryString(new Uri(link.Url).Query)["token"]!;
        Assert.True(token.Length >= 43, "the token should carry 256 bits");
        Assert.Contains(link.Url, await LatestMailBodyToAsync("new.person@example.org"), StringComparison.Ordinal);
        await using (var db = await _world.Factory.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync())
        {
            var stored = await db.Invitations.SingleAsync(i => i.Id == link.InvitationId);
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)), stored.TokenHash);
            Assert.DoesNotContain(token, System.Text.Encoding.UTF8.GetString(stored.TokenHash), StringComparison.Ordinal);
        }

        using var client = TestClient.Create(_world.Factory);
        var page = $"/account/invitation?token={token}";
        var accept = await client.PostFormAsync("/account/invitation", await client.AntiforgeryTokenAsync(page),
            new() { ["token"] = token, ["displayName"] = "New Person", ["password"] = "a long enough passphrase", ["confirmPassword"] = "a long enough passphrase" });

        Assert.Equal("/orgs/city-a", accept.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/orgs/city-a")).StatusCode);
        var reuse = await client.Http.GetStringAsync(page);
        Assert.Contains("This link is not valid any more", reuse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_invitation_no_longer_works()
    {
        InvitationLink link;
        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            var organisations = scope.ServiceProvider.GetRequiredService<OrganisationService>();
            link = await organisations.InviteAsync(_world.CityA, "withdrawn@example.org", OrganisationRole.Member, null, new Uri("http://localhost/"));
            await organisations.RevokeInvitationAsync(_world.CityA.Id, link.InvitationId);
        }

        using var client = TestClient.Create(_world.Factory);
        var token = System.Web.HttpUtility.ParseQueryString(new Uri(link.Url).Query)["token"]!;
        var accept = await client.PostFormAsync("/account/invitation", await client.AntiforgeryTokenAsync("/account/login"),
            new() { ["token"] = token, ["displayName"] = "X", ["password"] = "a long enough passphrase", ["confirmPassword"] = "a long enough passphrase" });

        Assert.Contains("error=invalid-link", accept.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invitation_for_an_existing_account_needs_its_owner_signed_in()
    {
        InvitationLink link;
        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            link = await scope.ServiceProvider.GetRequiredService<OrganisationService>()
                .InviteAsync(_world.CityB, "leader@example.org", OrganisationRole.Member, null, new Uri("http://localhost/"));
        }

        var token = System.Web.HttpUtility.ParseQueryString(new Uri(link.Url).Query)["token"]!;
        using var stranger = TestClient.Create(_world.Factory);
        var anonymousAccept = await stranger.PostFormAsync("/account/invitation", await stranger.AntiforgeryTokenAsync("/account/login"), new() { ["token"] = token });
        Assert.Contains("sign-in-to-accept", anonymousAccept.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var owner = await _world.ClientAsync("leader");
        var accept = await owner.PostFormAsync("/account/invitation", await owner.AntiforgeryTokenAsync("/orgs"), new() { ["token"] = token });
        Assert.Equal("/orgs/city-b", accept.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_services_refuse_with_the_sentences_of_the_validators_their_forms_run()
    {
        // The forms check first (FieldErrors); a caller that skips the form meets the same rule and sentence here.
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        var organisations = scope.ServiceProvider.GetRequiredService<OrganisationService>();
        var tokens = scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>();

        var badAddress = await Assert.ThrowsAsync<ValidationException>(() =>
            organisations.InviteAsync(_world.CityA, "not an address", OrganisationRole.Member, null, new Uri("http://localhost/")));
        var noName = await Assert.ThrowsAsync<ValidationException>(() => organisations.CreateOrganisationAsync("   ", OrganisationKind.Community));
        var (token, tokenError) = await tokens.CreateAsync(_world.Users["member"].Id, " ");

        Assert.Equal(EmailRules.NotAnAddress("not an address"), badAddress.Message);
        Assert.Equal(new NewOrganisationValidator().Validate(new NewOrganisation(" ", OrganisationKind.Community, "a@example.org")).Errors.Single().ErrorMessage, noName.Message);
        Assert.Null(token);
        Assert.Equal(new NewTokenValidator().Validate(new NewToken(" ")).Errors.Single().ErrorMessage, tokenError);
    }

    [Fact]
    public async Task Two_different_new_passwords_are_refused_with_the_message_under_the_repeated_field()
    {
        using var client = await _world.ClientAsync("leader");
        var token = await client.AntiforgeryTokenAsync("/account/change-password");

        var response = await client.PostFormAsync("/account/change-password", token,
            new() { ["currentPassword"] = TestAccounts.Password, ["password"] = "a long enough passphrase", ["confirmPassword"] = "a long enough passphrasE" });

        Assert.Equal("/account/change-password?error=mismatch", response.Headers.Location!.OriginalString);
        var page = await client.Http.GetStringAsync(response.Headers.Location.OriginalString);
        Assert.Contains($"<p id=\"confirm-error\" class=\"field-message\">{NewPasswordValidator.NotTheSameMessage}</p>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"password-error\"", page, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"http://\S+")]
    private static partial Regex LinkPattern();
}
