using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityMaturity.Domain.Assessments;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Assessments;

/// <summary>The rating page's JSON contract over HTTP (ADR 0022): own answers only, versions, idempotent replay, conflicts.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class RatingEndpointTests(DatabaseFixture database) : IAsyncLifetime
{
    private AssessmentWorld _world = null!;
    private TestClient _client = null!;

    public async Task InitializeAsync()
    {
        _world = await AssessmentWorld.CreateAsync(database.Server);
        _client = TestClient.Create(_world.Access.Factory);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _world.DisposeAsync();
    }

    private Task<HttpResponseMessage> SaveAsync(string token, object body) => _client.Http.PostAsJsonAsync($"/rate/{token}/save", body);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<int> ChangesAsync(Guid participantId, string code)
    {
        await using var db = await _world.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        return await db.RatingChanges.CountAsync(c => c.ParticipantId == participantId && c.CharacteristicCode == code);
    }

    [Fact]
    public async Task A_save_is_acknowledged_with_its_version_and_the_same_save_sent_again_is_saved_once()
    {
        var answer = new { code = "1.2.1", now = "3", inTwoYears = "DK", comment = "  Plan adopted  ", links = new[] { "https://example.org/plan" }, version = 0 };

        var first = await SaveAsync(_world.AnaToken, answer);
        var replay = await SaveAsync(_world.AnaToken, answer); // the acknowledgement was lost; the page sends it again

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var stored = await JsonAsync(replay);
        Assert.Equal(1, stored.GetProperty("version").GetInt32());
        Assert.Equal("Plan adopted", stored.GetProperty("comment").GetString());
        Assert.Equal(1, await ChangesAsync(_world.Ana.Id, "1.2.1"));
    }

    [Fact]
    public async Task A_save_based_on_an_old_version_is_refused_with_what_is_stored()
    {
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(_world.AnaToken, new { code = "1.2.1", now = "2", inTwoYears = "", version = 0 })).StatusCode);

        var stale = await SaveAsync(_world.AnaToken, new { code = "1.2.1", now = "4", inTwoYears = "", version = 0 });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(stale);
        Assert.Equal("2", problem.GetProperty("current").GetProperty("now").GetString());
        Assert.Equal(1, problem.GetProperty("current").GetProperty("version").GetInt32());
        Assert.Contains("another window", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertRefusalShape(problem, HttpStatusCode.Conflict, "Changed elsewhere");
    }

    /// <summary>The one shape of a refusal (ADR 0039): problem details with the status of its kind, the sentence in both fields the pages read.</summary>
    private static void AssertRefusalShape(JsonElement problem, HttpStatusCode status, string title)
    {
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_state_holds_only_the_participants_own_answers()
    {
        await SaveAsync(_world.BenToken, new { code = "2.1.1", now = "5", inTwoYears = "5", comment = "Ben's secret", version = 0 });
        await SaveAsync(_world.AnaToken, new { code = "1.1.1", now = "1", inTwoYears = "2", version = 0 });

        var response = await _client.Http.GetAsync($"/rate/{_world.AnaToken}/state");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Ben's secret", text, StringComparison.Ordinal);
        var state = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["1.1.1"], state.GetProperty("answers").EnumerateObject().Select(p => p.Name));
        Assert.Equal(32, state.GetProperty("scope").GetArrayLength());
        Assert.Equal("Ana Silva", state.GetProperty("assessment").GetProperty("you").GetString());
    }

    [Theory]
    [InlineData("{\"code\":\"1.1.1\",\"now\":\"7\",\"version\":0}", HttpStatusCode.BadRequest)]
    [InlineData("{\"code\":\"9.9.9\",\"now\":\"2\",\"version\":0}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("{\"now\":\"2\",\"version\":0}", HttpStatusCode.BadRequest)]
    public async Task Bad_answers_are_refused_with_a_clear_problem(string body, HttpStatusCode expected)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await _client.Http.PostAsync($"/rate/{_world.AnaToken}/save", content);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertRefusalShape(await JsonAsync(response), expected, "Not saved");
    }

    [Fact]
    public async Task A_member_who_is_not_a_participant_reaches_no_answers_and_no_save()
    {
        using var member = await _world.Access.ClientAsync("member");
        var address = $"/orgs/{_world.Access.CityA.Slug}/assessments/{_world.Assessment.Id}/rate";

        var state = await member.Http.GetAsync($"{address}/state");
        var save = await member.Http.PostAsJsonAsync($"{address}/save", new { code = "1.1.1", now = "2", version = 0 });

        Assert.Equal(HttpStatusCode.NotFound, state.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
        Assert.Equal(0, await ChangesAsync(_world.Ana.Id, "1.1.1"));
    }

    [Fact]
    public async Task A_closed_assessment_refuses_answers_and_an_unknown_link_is_not_found()
    {
        await _world.WithAsync(async sp =>
        {
            await sp.GetRequiredService<AssessmentService>().MoveToAsync(_world.Assessment.Id, AssessmentStatus.Closed);
            return true;
        });

        var closed = await SaveAsync(_world.AnaToken, new { code = "1.1.1", now = "2", version = 0 });
        var unknown = await _client.Http.GetAsync("/rate/not-a-token/state");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, closed.StatusCode);
        Assert.Contains("closed", (await JsonAsync(closed)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        AssertRefusalShape(await JsonAsync(closed), HttpStatusCode.UnprocessableEntity, "Not saved");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
