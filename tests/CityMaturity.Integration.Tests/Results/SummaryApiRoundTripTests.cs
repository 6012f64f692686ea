using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using CityMaturity.Domain.Organisations;
using CityMaturity.Testing;

namespace CityMaturity.Integration.Tests.Results;

/// <summary>
/// What a polling integration costs the database: a summary request by token that the cache can answer (200 or 304)
/// makes one database round trip — the token, its user and the access facts in one statement (it made two: the token,
/// then the access). Counted as Npgsql's own trace spans under a trace id this test sends.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class SummaryApiRoundTripTests(DatabaseFixture database) : IAsyncLifetime
{
    private KestrelResultsWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("summary-api-kestrel", KestrelResultsWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_summary_by_token_answered_from_the_cache_makes_one_database_round_trip()
    {
        var (_, token) = await _world.MemberWithTokenAsync(OrganisationRole.Leader);
        var path = $"/api/assessments/{_world.BaselineId}/summary";
        // The first request fills the summary cache and the user's claims and stamps the token's last use.
        var (first, _) = await GetAsync(token, path, ifNoneMatch: null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!.Tag;

        var (notModified, commands) = await GetAsync(token, path, etag);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.True(commands.Count == 1, $"{commands.Count} round trips:\n{string.Join("\n---\n", commands)}");
        Assert.Contains("personal_access_tokens", commands[0], StringComparison.Ordinal);
        Assert.Contains("memberships", commands[0], StringComparison.Ordinal);
    }

    /// <summary>One request under a fresh trace id; the SQL of every Npgsql command that ran in that trace.</summary>
    private async Task<(HttpResponseMessage Response, List<string> Commands)> GetAsync(string token, string path, string? ifNoneMatch)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var commands = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            // The request's own span too: without a listener ASP.NET Core starts none and Npgsql's spans lose the trace.
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.TraceId == traceId)
                {
                    commands.Enqueue(activity.GetTagItem("db.query.text") as string ?? activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var http = _world.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, [.. commands]);
    }
}
