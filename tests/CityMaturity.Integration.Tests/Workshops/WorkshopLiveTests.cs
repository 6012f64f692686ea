using System.Net;
using System.Text;
using CityMaturity.Domain.Workshops;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Testing;
using CityMaturity.Web.Workshops;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Workshops;

/// <summary>
/// The live side of a workshop: the phones' event stream, events across two app instances on one database (PostgreSQL
/// LISTEN/NOTIFY), and no route that shows a vote's value while its round is open.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class WorkshopLiveTests(DatabaseFixture database) : IAsyncLifetime
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    private string _connectionString = null!;
    private AssessmentWorld _world = null!;
    private Workshop _workshop = null!;

    public async Task InitializeAsync()
    {
        _world = await AssessmentWorld.CreateAsync(database.Server);
        _connectionString = _world.Access.Factory.ConnectionString;
        var (workshop, refusal) = await _world.WithAsync(sp => sp.GetRequiredService<WorkshopService>()
            .StartAsync(_world.Assessment.Id, ["1.1.1", "1.1.2"], allowWalkIns: true, null));
        _workshop = workshop ?? throw new InvalidOperationException(refusal?.Message);
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static async Task StepOrFailAsync(IServiceProvider services, Func<WorkshopService, Task<StepOutcome>> step)
    {
        await using var scope = services.CreateAsyncScope();
        var outcome = await step(scope.ServiceProvider.GetRequiredService<WorkshopService>());
        Assert.True(outcome.Succeeded, outcome.Refusal?.Message);
    }

    /// <summary>Reads server-sent events off a phone's open stream, one "event:" name at a time.</summary>
    private sealed class EventStream(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public string Transcript { get; private set; } = "";

        public static async Task<EventStream> OpenAsync(Phone phone)
        {
            var response = await phone.Client.Http.GetAsync($"/w/{phone.Code}/events", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8));
        }

        /// <summary>The next event's name, read through the blank line that ends it (so its data line is in the transcript).</summary>
        public async Task<string> NextEventAsync()
        {
            using var timeout = new CancellationTokenSource(EventTimeout);
            string? name = null;
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                Transcript += line + "\n";
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.Length == 0 && name is not null)
                {
                    return name;
                }
            }

            throw new InvalidOperationException("The event stream ended.");
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_reveal_made_on_one_instance_reaches_a_phone_connected_to_another()
    {
        // Instance B: a second app on the same database, on real Kestrel, as behind a load balancer.
        await using var instanceB = new CityMaturityFactory(_connectionString);
        var addressB = instanceB.StartKestrel();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = addressB };
        using var phone = new Phone(new TestClient(http), _workshop.JoinCode);
        Phone.AssertJoined(await phone.JoinAsWalkInAsync("Fola on B", _world.Ana.GroupId), _workshop.JoinCode);
        using var events = await EventStream.OpenAsync(phone);
        Assert.Equal("state", await events.NextEventAsync()); // every connection starts with one

        // The facilitator works on instance A.
        var instanceA = _world.Services;
        await StepOrFailAsync(instanceA, s => s.OpenRoundAsync(_world.Assessment.Id, _workshop.Id, null));
        Assert.Equal("state", await events.NextEventAsync());
        var round = (await phone.StateAsync()).Round!;
        Assert.Equal("open", round.Status);
        using (var vote = await phone.VoteAsync(round.Id, "4", "5"))
        {
            Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
        }

        await StepOrFailAsync(instanceA, s => s.CloseRoundAsync(_world.Assessment.Id, _workshop.Id));
        Assert.Equal("state", await events.NextEventAsync());
        await StepOrFailAsync(instanceA, s => s.RevealAsync(_world.Assessment.Id, _workshop.Id));
        Assert.Equal("state", await events.NextEventAsync());

        var revealed = await phone.StateAsync();
        Assert.Equal("revealed", revealed.Round!.Status);
        Assert.Equal([0, 0, 0, 1, 0], revealed.Results!.Now.Distribution);
        // Phones are told "re-query", never a value: the stream carries event names and empty data only.
        Assert.All(events.Transcript.Split('\n'), line => Assert.Matches(@"^(retry: 2000|event: state|data: \{\}|: keep-alive|)$", line));
    }

    [Fact]
    public async Task While_a_round_is_open_no_route_shows_a_vote_value_to_anybody()
    {
        var id = _world.Assessment.Id;
        // The results API and exports hold ratings and consensus decisions only: the same content before and after a vote
        // (the history of answer changes and the workbook included).
        string[] exports =
            [$"/api/assessments/{id}/summary", $"/api/assessments/{id}/summary.csv", $"/api/assessments/{id}/ratings.csv", $"/api/assessments/{id}/history.csv", $"/api/assessments/{id}/export.xlsx"];
        using var facilitatorExports = await _world.Access.ClientAsync("facilitator");
        var before = new Dictionary<string, string>();
        foreach (var path in exports)
        {
            before[path] = await ExportContentAsync(facilitatorExports, path);
        }

        using var phone = new Phone(TestClient.Create(_world.Access.Factory), _workshop.JoinCode);
        Phone.AssertJoined(await phone.JoinByInviteAsync(_world.AnaToken), _workshop.JoinCode);
        await StepOrFailAsync(_world.Services, s => s.OpenRoundAsync(_world.Assessment.Id, _workshop.Id, null));
        var round = (await phone.StateAsync()).Round!;
        // 1.1.1 has no ratings, so any "5" figure for it anywhere could only come from this vote.
        using (var vote = await phone.VoteAsync(round.Id, "5", "5"))
        {
            Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
        }

        var stateJson = (await phone.StateTextAsync()).Body;
        Assert.Contains("\"results\":null", stateJson, StringComparison.Ordinal);
        Assert.Contains("\"yourVote\":{\"now\":\"5\",\"inTwoYears\":\"5\"}", stateJson, StringComparison.Ordinal); // only one's own

        // A second phone in the room sees neither the vote nor its figures.
        using var other = new Phone(TestClient.Create(_world.Access.Factory), _workshop.JoinCode);
        Phone.AssertJoined(await other.JoinByInviteAsync(_world.BenToken), _workshop.JoinCode);
        var otherJson = (await other.StateTextAsync()).Body;
        Assert.Contains("\"results\":null", otherJson, StringComparison.Ordinal);
        Assert.Contains("\"yourVote\":null", otherJson, StringComparison.Ordinal);

        var workshopPath = $"/orgs/city-a/assessments/{id}/workshops/{_workshop.Id}";
        foreach (var role in new[] { "facilitator", "org_admin", "leader" })
        {
            using var client = await _world.Access.ClientAsync(role);
            foreach (var path in new[] { workshopPath, workshopPath + "/present", $"/orgs/city-a/assessments/{id}/dashboard" })
            {
                using var response = await client.Http.GetAsync(path);
                var html = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain("data-testid=\"reveal\"", html, StringComparison.Ordinal);
                Assert.DoesNotContain("data-testid=\"presenter-reveal\"", html, StringComparison.Ordinal);
            }
        }

        foreach (var path in exports)
        {
            Assert.Equal(before[path], await ExportContentAsync(facilitatorExports, path));
        }

        // The console's own view model has no figures for the open round — only the count.
        var console = await _world.WithAsync(sp => sp.GetRequiredService<WorkshopService>().ConsoleAsync(id, _workshop.Id));
        Assert.Equal(1, console!.CurrentRound!.VoteCount);
        Assert.Null(console.CurrentRound.Results);

        // And once revealed, the same routes do show it.
        await StepOrFailAsync(_world.Services, s => s.CloseRoundAsync(id, _workshop.Id));
        await StepOrFailAsync(_world.Services, s => s.RevealAsync(id, _workshop.Id));
        using var facilitator = await _world.Access.ClientAsync("facilitator");
        Assert.Contains("data-testid=\"reveal\"", await facilitator.Http.GetStringAsync(workshopPath), StringComparison.Ordinal);
        Assert.Contains("\"voters\":1", (await other.StateTextAsync()).Body, StringComparison.Ordinal);
    }

    /// <summary>A download's content: the text, or for a workbook every part's name and text (the zip's own timestamps aside).</summary>
    private static async Task<string> ExportContentAsync(TestClient client, string path)
    {
        var bytes = await client.Http.GetByteArrayAsync(path);
        if (!path.EndsWith(".xlsx", StringComparison.Ordinal))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        using var workbook = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        var parts = new StringBuilder();
        foreach (var entry in workbook.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            parts.Append(entry.FullName).Append('\n').Append(await reader.ReadToEndAsync()).Append('\n');
        }

        return parts.ToString();
    }

    [Fact]
    public async Task A_phone_without_a_session_gets_nothing_from_the_room()
    {
        using var client = _world.Access.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { "state", "events" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/w/{_workshop.JoinCode}/{path}")).StatusCode);
        }

        client.DefaultRequestHeaders.Add("Cookie", $"{Attendee.CookieName}={_workshop.Id:N}.forged-secret-that-is-long-enough-to-parse");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/w/{_workshop.JoinCode}/state")).StatusCode);
        using var vote = await client.PostAsync($"/w/{_workshop.JoinCode}/vote",
            new StringContent($"{{\"roundId\":\"{Guid.NewGuid()}\",\"now\":\"5\",\"inTwoYears\":\"5\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, vote.StatusCode);
        Assert.Equal("application/problem+json", vote.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"message\":\"You are not in this workshop", await vote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
