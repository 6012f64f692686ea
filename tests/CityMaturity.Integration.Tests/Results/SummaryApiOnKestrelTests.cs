using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using CityMaturity.Web.Accounts;
using CityMaturity.Web.Assessments;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Results;

/// <summary>
/// The summary API's fast path — one query for access, status and data version; a token checked on every request with
/// only its user's claims reused; entity tags — on the real app over Kestrel and PostgreSQL, with personal access tokens
/// as integrations use them. Each test makes its own users, so revoking, locking and role changes touch no other test.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class SummaryApiOnKestrelTests(DatabaseFixture database) : IAsyncLifetime
{
    private KestrelResultsWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("summary-api-kestrel", KestrelResultsWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    private string SummaryPath(Guid? id = null) => $"/api/assessments/{id ?? _world.BaselineId}/summary";

    private async Task<HttpResponseMessage> GetAsync(string token, string path, string? ifNoneMatch = null, string? acceptEncoding = null)
    {
        using var http = _world.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [Fact]
    public async Task A_revoked_token_is_refused_on_its_very_next_request_although_its_users_claims_are_reused()
    {
        var (user, token) = await _world.MemberWithTokenAsync(OrganisationRole.Leader);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token, SummaryPath())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token, SummaryPath())).StatusCode);

        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>();
            var entry = Assert.Single(await tokens.ListAsync(user.Id));
            Assert.True(await tokens.RevokeAsync(user.Id, entry.Id));
        }

        var refused = await GetAsync(token, SummaryPath());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain("Baseline 2026", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_locked_out_users_token_is_refused_at_once()
    {
        var (user, token) = await _world.MemberWithTokenAsync(OrganisationRole.Leader);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token, SummaryPath())).StatusCode);

        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var stored = await users.FindByIdAsync(user.Id.ToString());
            Assert.True((await users.SetLockoutEndDateAsync(stored!, DateTimeOffset.UtcNow.AddHours(1))).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(token, SummaryPath())).StatusCode);
    }

    [Fact]
    public async Task A_role_change_takes_effect_on_the_tokens_next_request()
    {
        var (user, token) = await _world.MemberWithTokenAsync(OrganisationRole.Leader);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token, SummaryPath())).StatusCode);

        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OrganisationService>().ChangeRoleAsync(_world.DemovilleId, user.Id, OrganisationRole.Member);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(token, SummaryPath())).StatusCode);
    }

    // The token's statement reads a narrow row (id, stamps, lockout) and its claims come from a cache: what a polling
    // integration sends (If-None-Match of the current tag) must still meet every change on its very next request.
    [Fact]
    public async Task A_token_revoked_between_two_polls_gets_401_not_304()
    {
        var (user, token) = await _world.MemberWithTokenAsync(OrganisationRole.Leader);
        var etag = (await GetAsync(token, SummaryPath())).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(token, SummaryPath(), etag)).StatusCode);

        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>();
            Assert.True(await tokens.RevokeAsync(user.Id, Assert.Single(await tokens.ListAsync(user.Id)).Id));
        }

        var refused = await GetAsync(token, SummaryPath(), etag);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Null(refused.Headers.ETag);
    }

    [Fact]
    public async Task A_lowered_role_or_a_removed_membership_gets_404_on_the_next_poll_not_304()
    {
        var (lowered, loweredToken) = await _world.MemberWithTokenAsync(OrganisationRole.Leader);
        var (removed, removedToken) = await _world.MemberWithTokenAsync(OrganisationRole.Facilitator);
        var etag = (await GetAsync(loweredToken, SummaryPath())).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(loweredToken, SummaryPath(), etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(removedToken, SummaryPath(), etag)).StatusCode);

        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            var organisations = scope.ServiceProvider.GetRequiredService<OrganisationService>();
            await organisations.ChangeRoleAsync(_world.DemovilleId, lowered.Id, OrganisationRole.Member);
            await organisations.RemoveMemberAsync(_world.DemovilleId, removed.Id);
        }

        var afterLowering = await GetAsync(loweredToken, SummaryPath(), etag);
        var afterRemoval = await GetAsync(removedToken, SummaryPath(), etag);
        Assert.Equal(HttpStatusCode.NotFound, afterLowering.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterRemoval.StatusCode);
        Assert.Null(afterRemoval.Headers.ETag);
    }

    [Fact]
    public async Task A_lockout_refuses_the_token_only_while_it_lasts_as_identity_decides()
    {
        var (user, token) = await _world.MemberWithTokenAsync(OrganisationRole.Leader);
        var etag = (await GetAsync(token, SummaryPath())).Headers.ETag!.Tag;

        async Task LockUntilAsync(DateTimeOffset? end, bool enabled = true)
        {
            await using var scope = _world.Factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var stored = await users.FindByIdAsync(user.Id.ToString());
            // Identity sets an end only while lockout is enabled; switching it off afterwards keeps the end.
            Assert.True((await users.SetLockoutEnabledAsync(stored!, true)).Succeeded);
            Assert.True((await users.SetLockoutEndDateAsync(stored!, end)).Succeeded);
            Assert.True((await users.SetLockoutEnabledAsync(stored!, enabled)).Succeeded);
            Assert.Equal(enabled && end > DateTimeOffset.UtcNow, await users.IsLockedOutAsync(stored!));
        }

        await LockUntilAsync(DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(token, SummaryPath(), etag)).StatusCode);

        await LockUntilAsync(DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(token, SummaryPath(), etag)).StatusCode);

        // Identity ignores a lockout end while lockout is switched off for the user.
        await LockUntilAsync(DateTimeOffset.UtcNow.AddHours(1), enabled: false);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(token, SummaryPath(), etag)).StatusCode);
    }

    [Fact]
    public async Task The_one_query_check_grants_a_members_per_assessment_role_for_that_assessment_only()
    {
        var (user, token) = await _world.MemberWithTokenAsync(OrganisationRole.Member);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(token, SummaryPath())).StatusCode);

        Guid other;
        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            var assessments = scope.ServiceProvider.GetRequiredService<AssessmentService>();
            await assessments.AssignRoleAsync(_world.BaselineId, user.Email!, AssessmentRoleKind.Observer);
            other = (await assessments.CreateAsync(_world.DemovilleId, new NewAssessment("Other 2026", "Demoville", "baseline-review", AssessmentMethod.MultiStakeholder, ["2.3.1"], null), null)).Id;
        }

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token, SummaryPath())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(token, SummaryPath(other))).StatusCode);
    }

    [Fact]
    public async Task Another_organisations_administrator_and_an_unknown_id_get_the_same_404()
    {
        var otherAdmin = await TestAccounts.CreateUserAsync(_world.Factory.Services, $"admin-{Guid.NewGuid():N}@elsewhere.example");
        await TestAccounts.CreateOrganisationAsync(_world.Factory.Services, $"Elsewhere {Guid.NewGuid():N}", (otherAdmin, OrganisationRole.OrganisationAdministrator));
        var otherToken = await _world.TokenForAsync(otherAdmin.Id);
        var (_, leaderToken) = await _world.MemberWithTokenAsync(OrganisationRole.Leader);
        var sysadmin = await TestAccounts.CreateUserAsync(_world.Factory.Services, $"sysadmin-{Guid.NewGuid():N}@citymaturity.example", systemAdmin: true);
        var sysadminToken = await _world.TokenForAsync(sysadmin.Id);

        var forbidden = await GetAsync(otherToken, SummaryPath());
        var unknown = await GetAsync(leaderToken, SummaryPath(Guid.NewGuid()));
        var notAMember = await GetAsync(sysadminToken, SummaryPath());

        Assert.Equal(HttpStatusCode.NotFound, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAMember.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await forbidden.Content.ReadAsStringAsync());
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await notAMember.Content.ReadAsStringAsync());
        Assert.Null(forbidden.Headers.ETag);
    }

    [Fact]
    public async Task The_summary_answers_304_to_its_current_entity_tag_and_200_with_a_new_one_once_the_figures_change()
    {
        var (_, token) = await _world.MemberWithTokenAsync(OrganisationRole.Leader);
        var assessmentId = await _world.ClosedCopyOfBaselineAsync();
        var first = await GetAsync(token, SummaryPath(assessmentId));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Contains("no-cache", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(first.Headers.CacheControl.Private);

        var unchanged = await GetAsync(token, SummaryPath(assessmentId), etag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, unchanged.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token, SummaryPath(assessmentId), "\"something-else\"")).StatusCode);

        // A target feeds the figures (gaps in plans): the data version moves, and so does the entity tag.
        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AssessmentService>().SetTargetAsync(assessmentId, "2.3.1", MaturityLevel.Improving);
        }

        var changed = await GetAsync(token, SummaryPath(assessmentId), etag.Tag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        var characteristic = JsonDocument.Parse(await changed.Content.ReadAsStringAsync()).RootElement.GetProperty("characteristics")
            .EnumerateArray().Single(c => c.GetProperty("code").GetString() == "2.3.1");
        Assert.Equal(4, characteristic.GetProperty("target").GetInt32());

        // The assessment's own row is part of the document too: a status change is a new representation.
        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AssessmentService>().MoveToAsync(assessmentId, AssessmentStatus.Archived);
        }

        var archived = await GetAsync(token, SummaryPath(assessmentId), changed.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.Equal("archived", JsonDocument.Parse(await archived.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_client_that_takes_gzip_gets_the_same_json_compressed_under_its_own_entity_tag()
    {
        var (_, token) = await _world.MemberWithTokenAsync(OrganisationRole.Leader);
        var plain = await GetAsync(token, SummaryPath());
        var plainBody = await plain.Content.ReadAsByteArrayAsync();
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);

        var gzipped = await GetAsync(token, SummaryPath(), acceptEncoding: "br;q=1.0, gzip;q=0.8");
        Assert.Equal(HttpStatusCode.OK, gzipped.StatusCode);
        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", gzipped.Headers.Vary);
        var compressed = await gzipped.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length * 4 < plainBody.Length, $"gzip {compressed.Length} bytes against {plainBody.Length}");
        using (var inflated = new MemoryStream())
        {
            await using (var gzip = new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress))
            {
                await gzip.CopyToAsync(inflated);
            }

            Assert.Equal(plainBody, inflated.ToArray());
        }

        // Each encoding is its own representation: its own tag, and a 304 only to that tag in that encoding.
        Assert.NotEqual(plain.Headers.ETag, gzipped.Headers.ETag);
        var notModified = await GetAsync(token, SummaryPath(), gzipped.Headers.ETag!.Tag, "gzip");
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token, SummaryPath(), plain.Headers.ETag!.Tag, "gzip")).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(token, SummaryPath(), plain.Headers.ETag!.Tag)).StatusCode);

        // Refused by name, or only identity: the plain bytes; any coding ("*"): gzip.
        foreach (var (acceptEncoding, expectGzip) in new[] { ("gzip;q=0", false), ("*, gzip;q=0", false), ("identity", false), ("*", true), ("GZIP", true) })
        {
            var response = await GetAsync(token, SummaryPath(), acceptEncoding: acceptEncoding);
            Assert.True(expectGzip == response.Content.Headers.ContentEncoding.Contains("gzip"), $"Accept-Encoding: {acceptEncoding}");
            Assert.Equal(expectGzip ? gzipped.Headers.ETag : plain.Headers.ETag, response.Headers.ETag);
        }
    }

    [Fact]
    public async Task Someone_without_access_gets_404_even_with_the_current_entity_tag()
    {
        var (_, leaderToken) = await _world.MemberWithTokenAsync(OrganisationRole.Leader);
        var (_, memberToken) = await _world.MemberWithTokenAsync(OrganisationRole.Member);
        var etag = (await GetAsync(leaderToken, SummaryPath())).Headers.ETag!.Tag;

        var response = await GetAsync(memberToken, SummaryPath(), etag);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.ETag);
    }
}

/// <summary>The app with its demo data on real Kestrel at a loopback port; tests create their own users in Demoville.</summary>
public sealed class KestrelResultsWorld : IAsyncDisposable
{
    public required CityMaturityFactory Factory { get; init; }
    public required Uri BaseAddress { get; init; }
    public required Guid BaselineId { get; init; }
    public required Guid DemovilleId { get; init; }

    public static async Task<KestrelResultsWorld> CreateAsync(TestDatabaseServer database)
    {
        var factory = new CityMaturityFactory(await database.CreateMigratedDatabaseAsync(), new Dictionary<string, string?> { ["DemoData:Enabled"] = "true" });
        var baseAddress = factory.StartKestrel();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var baseline = await db.Assessments.SingleAsync(a => a.Name == DemoAssessmentSeeder.ClosedAssessmentName);
        return new KestrelResultsWorld { Factory = factory, BaseAddress = baseAddress, BaselineId = baseline.Id, DemovilleId = baseline.OrganisationId };
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();

    public HttpClient Client() => new() { BaseAddress = BaseAddress };

    /// <summary>A new user with that role in Demoville, and a personal access token of theirs.</summary>
    public async Task<(AppUser User, string Token)> MemberWithTokenAsync(OrganisationRole role)
    {
        var user = await TestAccounts.CreateUserAsync(Factory.Services, $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@demoville.example");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OrganisationService>().AddMemberAsync(DemovilleId, user.Id, role);
        }

        return (user, await TokenForAsync(user.Id));
    }

    public async Task<string> TokenForAsync(Guid userId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var (token, error) = await scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>().CreateAsync(userId, "integration");
        return token ?? throw new InvalidOperationException(error);
    }

    /// <summary>A closed assessment of Demoville with the baseline's participants' ratings, for a test that changes it.</summary>
    public async Task<Guid> ClosedCopyOfBaselineAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var assessments = scope.ServiceProvider.GetRequiredService<AssessmentService>();
        var copy = await assessments.CreateAsync(DemovilleId,
            new NewAssessment($"Copy {Guid.NewGuid():N}", "Demoville", "baseline-review", AssessmentMethod.MultiStakeholder, ["2.3.1", "4.6"], null), null);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var group = await db.StakeholderGroups.Where(g => g.AssessmentId == copy.Id).OrderBy(g => g.Position).FirstAsync();
        for (var i = 0; i < 5; i++)
        {
            var participant = new Participant { Id = Guid.NewGuid(), AssessmentId = copy.Id, GroupId = group.Id, Name = $"P{i}", Email = $"p{i}@example.org", CreatedAt = DateTimeOffset.UtcNow };
            db.Participants.Add(participant);
            db.Ratings.Add(new Rating
            {
                Id = Guid.NewGuid(), AssessmentId = copy.Id, ParticipantId = participant.Id, CharacteristicCode = "2.3.1",
                LevelNow = LevelAnswer.Of((MaturityLevel)(1 + (i % 3))), LevelInTwoYears = LevelAnswer.Of(MaturityLevel.Fulfilled), Version = 1, UpdatedAt = DateTimeOffset.UtcNow,
            });
        }

        await db.SaveChangesAsync();
        await assessments.MoveToAsync(copy.Id, AssessmentStatus.Open);
        await assessments.MoveToAsync(copy.Id, AssessmentStatus.Closed);
        return copy.Id;
    }
}
