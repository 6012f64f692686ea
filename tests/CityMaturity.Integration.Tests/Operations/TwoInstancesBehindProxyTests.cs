using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityMaturity.Domain.Workshops;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Integration.Tests.Workshops;
using CityMaturity.Testing;
using CityMaturity.Web.Workshops;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityMaturity.Integration.Tests.Operations;

/// <summary>
/// Two app processes on one database behind a YARP reverse proxy configured as docs/samples/yarp.appsettings.json
/// (phones round-robin, everything else sticky by cookie): a workshop runs through the proxy, one instance is killed
/// (SIGKILL) while the phones are voting, and the phones carry on through the other with every acknowledged vote
/// counted, and the facilitator's console, reloaded, lands on the survivor still signed in with the right count.
/// The facilitator's steps (open, close, reveal) are made through the services of a third, in-test instance, since a
/// Blazor circuit's buttons need a browser; the console's counts are read from its server-rendered page.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed partial class TwoInstancesBehindProxyTests(DatabaseFixture database)
{
    private const int PhoneCount = 24;
    private const int VotesPerPhone = 3;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Phones_carry_on_through_the_surviving_instance_with_every_acknowledged_vote_counted()
    {
        var connectionString = await database.Server.CreateMigratedDatabaseAsync();
        await using var world = await AssessmentWorld.CreateAsync(database.Server, connectionString);
        var (workshop, refusal) = await world.WithAsync(sp => sp.GetRequiredService<WorkshopService>()
            .StartAsync(world.Assessment.Id, ["1.1.1"], allowWalkIns: true, null));
        Assert.True(workshop is not null, refusal?.Message);

        var joinLimit = new Dictionary<string, string> { ["Security__WorkshopJoinsPerMinute"] = "10000" };
        await using var app1 = AppProcess.Start(connectionString, joinLimit);
        await using var app2 = AppProcess.Start(connectionString, joinLimit);
        // Patience, not a performance check: two app processes start while the other test assemblies run beside them.
        await Task.WhenAll(app1.WaitReadyAsync(TimeSpan.FromSeconds(150)), app2.WaitReadyAsync(TimeSpan.FromSeconds(150)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var instances = new Dictionary<string, AppProcess> { ["app1"] = app1, ["app2"] = app2 };
        await using var proxy = await ReverseProxy.StartAsync(instances.ToDictionary(i => i.Key, i => i.Value.Address));

        // The facilitator signs in through the proxy; the affinity cookie pins the console to one instance: that one dies.
        var facilitator = new Browserless(proxy.Address);
        await new TestClient(facilitator.Http).SignInOrFailAsync(world.Access.Users["facilitator"].Email!, TestAccounts.Password);
        var consolePath = $"/orgs/city-a/assessments/{world.Assessment.Id}/workshops/{workshop!.Id}";
        var (consoleInstance, _) = await facilitator.ConsoleAsync(consolePath);
        var victim = instances[consoleInstance];
        var survivorName = instances.Keys.Single(k => k != consoleInstance);
        var survivor = instances[survivorName];

        var phones = new List<Browserless>();
        for (var i = 0; i < PhoneCount; i++)
        {
            var phone = new Browserless(proxy.Address);
            Phone.AssertJoined(await new Phone(new TestClient(phone.Http), workshop.JoinCode).JoinAsWalkInAsync($"Phone {i}", world.Ana.GroupId), workshop.JoinCode);
            phones.Add(phone);
        }

        // Live update streams, as EventSource keeps them: some on each instance (the phones' route is round-robin).
        var streams = new List<LiveStream>();
        while (streams.Count(s => s.FirstInstance == consoleInstance) < 2 || streams.Count(s => s.FirstInstance == survivorName) < 2)
        {
            Assert.True(streams.Count < 12, "The proxy did not spread the phones' streams over both instances.");
            streams.Add(await LiveStream.OpenAsync(phones[streams.Count], workshop.JoinCode, timeout.Token));
        }

        await StepAsync(world, s => s.OpenRoundAsync(world.Assessment.Id, workshop.Id, null));
        var round = await WaitForAsync(() => phones[0].StateAsync(workshop.JoinCode), s => s.Round is { Status: "open" }, "the round to open");

        // Both instances agree on what a phone sees and on the console's count (each keeps the room in memory, ADR 0014).
        using (var vote = await phones[0].Http.PostAsJsonAsync($"/w/{workshop.JoinCode}/vote", new { roundId = round.Round!.Id, now = "2", inTwoYears = "3" }))
        {
            Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
        }

        foreach (var instance in instances.Values)
        {
            var direct = phones[0].DirectTo(instance.Address);
            var state = await WaitForAsync(() => direct.StateAsync(workshop.JoinCode), s => s.YourVote is not null, $"{instance.Address} to see the vote");
            Assert.Equal((round.Round.Id, "open", "2"), (state.Round!.Id, state.Round.Status, state.YourVote!.Now));
            await WaitForAsync(async () => (await facilitator.DirectTo(instance.Address).ConsoleAsync(consolePath)).Count, c => c == 1, $"{instance.Address}'s console to count 1");
        }

        // Every phone votes three times (changing its mind); the console's instance is killed mid-way. A phone resends
        // after an error or a cut connection, as workshop-room.js does; the last acknowledged vote is the one that counts.
        var acknowledged = new ConcurrentDictionary<int, RoomVote>();
        var acknowledgements = 0;
        var voting = phones.Select((phone, i) => Task.Run(async () =>
        {
            for (var n = 0; n < VotesPerPhone; n++)
            {
                var wanted = new RoomVote(((i + n) % 5 + 1).ToString(), ((i * 7 + n) % 5 + 1).ToString());
                acknowledged[i] = await phone.VoteUntilAcknowledgedAsync(workshop.JoinCode, round.Round.Id, wanted, timeout.Token);
                Assert.Equal(wanted, acknowledged[i]);
                Interlocked.Increment(ref acknowledgements);
                await Task.Delay(50, timeout.Token);
            }
        })).ToList();
        await WaitForAsync(() => Task.FromResult(Volatile.Read(ref acknowledgements)), a => a >= PhoneCount, "a third of the votes");
        victim.Kill();
        await Task.WhenAll(voting);
        Assert.Equal(PhoneCount, acknowledged.Count);
        Assert.True(victim.HasExited);

        // The console, reloaded, is served by the survivor: still signed in (shared key ring), counting every phone.
        var (reloadedOn, _) = await WaitForAsync(() => facilitator.ConsoleAsync(consolePath), c => c.Count == PhoneCount, "the console to count every phone");
        Assert.Equal(survivorName, reloadedOn);

        // The streams that were on the dead instance came back through the proxy, to the survivor.
        var statesBefore = streams.Select(s => s.StateEvents).ToList();
        await StepAsync(world, s => s.CloseRoundAsync(world.Assessment.Id, workshop.Id));
        await StepAsync(world, s => s.RevealAsync(world.Assessment.Id, workshop.Id));
        for (var i = 0; i < streams.Count; i++)
        {
            var stream = streams[i];
            await WaitForAsync(() => Task.FromResult(stream.StateEvents), n => n > statesBefore[i], $"stream {i} to hear the reveal");
            Assert.Equal(survivorName, stream.CurrentInstance);
        }

        Assert.Contains(streams, s => s.FirstInstance == consoleInstance && s.Connections > 1);

        // Every acknowledged vote is in the revealed figures the phones see, and in the database.
        int[] expectedNow = [.. Enumerable.Range(1, 5).Select(level => acknowledged.Values.Count(v => v.Now == level.ToString()))];
        var revealed = await WaitForAsync(() => phones[^1].StateAsync(workshop.JoinCode), s => s.Round?.Status == "revealed", "the reveal");
        Assert.Equal(PhoneCount, revealed.Results!.Voters);
        Assert.Equal(expectedNow, revealed.Results.Now.Distribution);
        var stored = await StoredVotesAsync(connectionString, round.Round.Id);
        Assert.Equal(PhoneCount, stored.Count);
        Assert.Equal(acknowledged.Values.Select(v => (v.Now, v.InTwoYears)).Order(), stored.Order());

        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }

        Assert.False(survivor.HasExited, survivor.Output);
    }

    private static async Task StepAsync(AssessmentWorld world, Func<WorkshopService, Task<StepOutcome>> step)
    {
        var outcome = await world.WithAsync(sp => step(sp.GetRequiredService<WorkshopService>()));
        Assert.True(outcome.Succeeded, outcome.Refusal?.Message);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Patience} for {what}; last: {value}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<List<(string Now, string InTwoYears)>> StoredVotesAsync(string connectionString, Guid roundId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT level_now, level_in_two_years FROM workshop_votes WHERE round_id = $1", connection);
        command.Parameters.AddWithValue(roundId);
        await using var reader = await command.ExecuteReaderAsync();
        var votes = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            votes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return votes;
    }

    /// <summary>An HTTP client with a cookie jar (a phone's or a laptop's), through the proxy or straight to one instance.</summary>
    private sealed class Browserless
    {
        private readonly CookieContainer _cookies;

        public Browserless(Uri address, CookieContainer? cookies = null)
        {
            _cookies = cookies ?? new CookieContainer();
            // As patient per request as the waits: a cold app process's first console page took over 15 s in a clean-clone
            // CI run, with five test collections sharing the two cores.
            Http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = address, Timeout = Patience };
        }

        public HttpClient Http { get; }

        /// <summary>The same cookies (loopback cookies ignore the port), sent to one instance without the proxy.</summary>
        public Browserless DirectTo(Uri instance) => new(instance, _cookies);

        public async Task<RoomState> StateAsync(string code)
        {
            using var response = await Http.GetAsync($"/w/{code}/state");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"state: {(int)response.StatusCode} {body}");
            return JsonSerializer.Deserialize<RoomState>(body, Json)!;
        }

        public async Task<RoomVote> VoteUntilAcknowledgedAsync(string code, Guid roundId, RoomVote vote, CancellationToken cancellationToken)
        {
            while (true)
            {
                try
                {
                    using var response = await Http.PostAsJsonAsync($"/w/{code}/vote", new { roundId, now = vote.Now, inTwoYears = vote.InTwoYears }, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return (await response.Content.ReadFromJsonAsync<RoomVote>(Json, cancellationToken))!;
                    }

                    // 502 from the proxy while the dead instance is still thought healthy; 503 from the app. A 4xx is a refusal.
                    Assert.True((int)response.StatusCode >= 500, $"vote refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
                catch (HttpRequestException)
                {
                    // The connection was cut with the instance: the vote's fate is unknown, so it is sent again.
                }

                await Task.Delay(250, cancellationToken);
            }
        }

        /// <summary>
        /// The console page (server-rendered), the instance that served it and the count it shows. A 502 is the proxy's own
        /// answer while it still thinks the killed instance healthy (as for the votes above): a facilitator reloads, and so
        /// does the caller's wait; it reads as no instance and no count.
        /// </summary>
        public async Task<(string Instance, int Count)> ConsoleAsync(string path)
        {
            using var response = await Http.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.BadGateway)
            {
                return ("none (502 from the proxy)", -1);
            }

            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"console: {(int)response.StatusCode} {response.Headers.Location}");
            var count = VoteCount().Match(html);
            return (response.Headers.TryGetValues(ReverseProxy.InstanceHeader, out var served) ? served.Single() : "direct",
                count.Success ? int.Parse(count.Groups[1].Value) : -1);
        }
    }

    /// <summary>A phone's server-sent event stream that reconnects through the proxy when it ends, as EventSource does.</summary>
    private sealed class LiveStream : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _reading;
        private int _stateEvents;
        private int _connections;

        private LiveStream(Browserless phone, string code, HttpResponseMessage first)
        {
            FirstInstance = CurrentInstance = InstanceOf(first);
            _connections = 1;
            _reading = Task.Run(() => ReadAsync(phone, code, first));
        }

        public string FirstInstance { get; }
        public string CurrentInstance { get; private set; }
        public int StateEvents => Volatile.Read(ref _stateEvents);
        public int Connections => Volatile.Read(ref _connections);

        public static async Task<LiveStream> OpenAsync(Browserless phone, string code, CancellationToken cancellationToken)
        {
            var response = await phone.Http.GetAsync($"/w/{code}/events", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return new LiveStream(phone, code, response);
        }

        private static string InstanceOf(HttpResponseMessage response) =>
            response.Headers.TryGetValues(ReverseProxy.InstanceHeader, out var served) ? served.Single() : "?";

        private async Task ReadAsync(Browserless phone, string code, HttpResponseMessage response)
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using (response)
                    {
                        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
                        while (await reader.ReadLineAsync(_stop.Token) is { } line)
                        {
                            if (line == "event: state")
                            {
                                Interlocked.Increment(ref _stateEvents);
                            }
                        }
                    }
                }
                catch (Exception e) when (e is IOException or HttpRequestException && !_stop.IsCancellationRequested)
                {
                    // The instance died under the stream.
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                // EventSource waits the "retry:" interval the server sent (2 s) and opens the stream again.
                while (!_stop.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(500, _stop.Token);
                        response = await phone.Http.GetAsync($"/w/{code}/events", HttpCompletionOption.ResponseHeadersRead, _stop.Token);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            CurrentInstance = InstanceOf(response);
                            Interlocked.Increment(ref _connections);
                            break;
                        }

                        response.Dispose();
                    }
                    catch (HttpRequestException)
                    {
                    }
                    catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                    {
                        return;
                    }
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _reading;
            _stop.Dispose();
        }
    }

    [GeneratedRegex("data-testid=\"vote-count\"><strong>(\\d+)</strong>")]
    private static partial Regex VoteCount();
}
