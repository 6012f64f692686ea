using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using CityMaturity.Web.Workshops;

namespace CityMaturity.LoadTests;

/// <summary>
/// One participant's phone in a live workshop, over HTTP only: its own cookies, the join form (antiforgery token from
/// the page), the server-sent event stream kept open, and the page script's rule (wwwroot/js/workshop-room.js): every
/// "state" event re-queries /state, one query at a time, with at most one more queued behind it.
/// </summary>
internal sealed partial class Phone : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SocketsHttpHandler _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly List<Watch> _watches = [];
    private long _lastEventAt;
    private int _events;
    private int _fetches;
    private Task _reading = Task.CompletedTask;
    private Task _refreshing = Task.CompletedTask;

    private Phone(Uri baseAddress, string code, int index, int sourceAddresses)
    {
        _handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = true,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        if (sourceAddresses > 1)
        {
            // A hall's phones come from many addresses; one loopback source address per group of phones keeps each
            // address under the app's join limit (per address) without changing any app setting.
            var source = new IPAddress([127, 0, 1, (byte)(1 + index % sourceAddresses)]);
            _handler.ConnectCallback = (context, cancellationToken) => ConnectFromAsync(source, context.DnsEndPoint, cancellationToken);
        }

        Http = new HttpClient(_handler, disposeHandler: false) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Code = code;
        Index = index;
    }

    public HttpClient Http { get; }
    public string Code { get; }
    public int Index { get; }
    public int Events => Volatile.Read(ref _events);
    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>The first thing that went wrong on the stream or a re-query (null while all is well).</summary>
    public string? Failure { get; private set; }

    public static Phone Create(Uri baseAddress, string code, int index, int sourceAddresses = 1) => new(baseAddress, code, index, sourceAddresses);

    private static async ValueTask<Stream> ConnectFromAsync(IPAddress source, DnsEndPoint target, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(target, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the join page, takes its antiforgery token and stakeholder groups, and posts the walk-in form as a browser
    /// would (following the redirect back to the room page). Returns the milliseconds of the three requests.
    /// </summary>
    public async Task<double> JoinAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var page = await Http.GetStringAsync($"/w/{Code}", cancellationToken);
        var token = TokenPattern().Match(page) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"/w/{Code} has no antiforgery token.");
        var groups = GroupPattern().Matches(page).Select(m => m.Groups[1].Value).ToList();
        if (groups.Count == 0)
        {
            throw new InvalidOperationException($"/w/{Code} offers no stakeholder group to a walk-in.");
        }

        using var response = await Http.PostAsync($"/w/{Code}/join", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["mode"] = "walk-in",
            ["name"] = $"Walk-in {Index:000}",
            ["groupId"] = groups[Index % groups.Count],
            ["__RequestVerificationToken"] = token,
        }), cancellationToken);
        var room = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || !room.Contains("data-testid=\"room\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Walk-in {Index} did not get into the room: HTTP {(int)response.StatusCode} at {response.RequestMessage?.RequestUri}");
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Opens the event stream (GET /w/{code}/events) and starts re-querying /state on each "state" event.</summary>
    public void OpenEvents()
    {
        _reading = Task.Run(ReadEventsAsync);
        _refreshing = Task.Run(RefreshLoopAsync);
    }

    /// <summary>
    /// Completes when a /state answer satisfies the predicate, counting only queries begun for a "state" event that
    /// arrived at or after <paramref name="notBefore"/> (a Stopwatch timestamp): the phone's real path from an event.
    /// </summary>
    public Task<Seen> WatchAsync(Func<RoomState, bool> predicate, long notBefore)
    {
        var watch = new Watch(predicate, notBefore, new TaskCompletionSource<Seen>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_watches)
        {
            _watches.Add(watch);
        }

        return watch.Done.Task;
    }

    /// <summary>POST /w/{code}/vote as the page script sends it; the vote counts as acknowledged on 200 with the vote echoed.</summary>
    public async Task<VoteResult> VoteAsync(Guid roundId, string now, string inTwoYears, CancellationToken cancellationToken)
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await Http.PostAsJsonAsync($"/w/{Code}/vote", new WorkshopRoomEndpoints.VoteRequest(roundId, now, inTwoYears), Json, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var acknowledged = Stopwatch.GetTimestamp();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new VoteResult(sent, acknowledged, now, inTwoYears, $"HTTP {(int)response.StatusCode}: {body}");
            }

            var echoed = JsonSerializer.Deserialize<RoomVote>(body, Json);
            return echoed is not null && echoed.Now == now && echoed.InTwoYears == inTwoYears
                ? new VoteResult(sent, acknowledged, now, inTwoYears, null)
                : new VoteResult(sent, acknowledged, now, inTwoYears, $"vote acknowledged as {body}, sent ({now}, {inTwoYears})");
        }
        catch (HttpRequestException exception)
        {
            return new VoteResult(sent, Stopwatch.GetTimestamp(), now, inTwoYears, exception.Message);
        }
    }

    /// <summary>GET /health from this phone's own client (not the stream's connection); milliseconds, or null on failure.</summary>
    public async Task<double?> HealthAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await Http.GetAsync("/health", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode && body.Contains("Healthy", StringComparison.Ordinal) ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : null;
    }

    /// <summary>GET /w/{code}/state outside the event path (attribution); milliseconds, or null on failure.</summary>
    public async Task<double?> StateAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await Http.GetAsync($"/w/{Code}/state", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var state = response.IsSuccessStatusCode ? JsonSerializer.Deserialize<RoomState>(body, Json) : null;
        return state is not null ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : null;
    }

    private async Task ReadEventsAsync()
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/w/{Code}/events");
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            {
                Fail($"event stream: HTTP {(int)response.StatusCode} {response.Content.Headers.ContentType}");
                return;
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line == "event: state")
                {
                    Volatile.Write(ref _lastEventAt, Stopwatch.GetTimestamp());
                    Interlocked.Increment(ref _events);
                    _wake.Writer.TryWrite(true);
                }
            }

            Fail("the server ended the event stream");
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            Fail($"event stream: {exception.Message}");
        }
    }

    private async Task RefreshLoopAsync()
    {
        try
        {
            while (await _wake.Reader.WaitToReadAsync(_stop.Token))
            {
                _wake.Reader.TryRead(out _);
                // The query answers the latest event that arrived before it began.
                var trigger = Volatile.Read(ref _lastEventAt);
                var started = Stopwatch.GetTimestamp();
                RoomState? state;
                try
                {
                    using var response = await Http.GetAsync($"/w/{Code}/state", _stop.Token);
                    var body = await response.Content.ReadAsStringAsync(_stop.Token);
                    state = response.IsSuccessStatusCode ? JsonSerializer.Deserialize<RoomState>(body, Json) : null;
                    if (state is null)
                    {
                        Fail($"state: HTTP {(int)response.StatusCode} {body}");
                        continue;
                    }
                }
                catch (HttpRequestException exception)
                {
                    Fail($"state: {exception.Message}");
                    continue;
                }

                var seen = new Seen(trigger, started, Stopwatch.GetTimestamp(), state);
                Interlocked.Increment(ref _fetches);
                lock (_watches)
                {
                    for (var i = _watches.Count - 1; i >= 0; i--)
                    {
                        if (trigger >= _watches[i].NotBefore && _watches[i].Predicate(state))
                        {
                            _watches[i].Done.TrySetResult(seen);
                            _watches.RemoveAt(i);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private void Fail(string problem)
    {
        Failure ??= problem;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _wake.Writer.TryComplete();
        await Task.WhenAll(_reading, _refreshing).ContinueWith(_ => { }, TaskScheduler.Default);
        lock (_watches)
        {
            foreach (var watch in _watches)
            {
                watch.Done.TrySetCanceled();
            }
        }

        Http.Dispose();
        _handler.Dispose();
        _stop.Dispose();
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<option value=\"([0-9a-fA-F-]{36})\"")]
    private static partial Regex GroupPattern();

    private sealed record Watch(Func<RoomState, bool> Predicate, long NotBefore, TaskCompletionSource<Seen> Done);
}

/// <summary>A /state answer: the event it answered, when the query began and ended (Stopwatch timestamps), and what it said.</summary>
internal sealed record Seen(long EventAt, long QueryStarted, long QueryEnded, RoomState State);

/// <summary>One vote post: sent and answered (Stopwatch timestamps), what was sent, and the problem if it was not acknowledged.</summary>
internal sealed record VoteResult(long Sent, long Acknowledged, string Now, string InTwoYears, string? Problem)
{
    public bool Ok => Problem is null;
}
