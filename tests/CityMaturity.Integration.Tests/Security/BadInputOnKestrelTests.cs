using System.Net;
using System.Net.Sockets;
using System.Text;
using CityMaturity.Domain.Workshops;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Testing;
using CityMaturity.Web.Workshops;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Security;

/// <summary>
/// The bad-input corpus's other half: malformed HTTP that only a real socket can carry (the test server of
/// <see cref="BadInputCorpusTests"/> parses nothing itself), sent byte for byte to the app on Kestrel in Development:
/// broken request lines, oversized and malformed headers, broken chunked bodies, invalid UTF-8 in paths. Some carry a
/// phone's session or an antiforgery cookie and token, so they reach the endpoints' own body reading. None may answer
/// 5xx, none may write a row.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class BadInputOnKestrelTests(DatabaseFixture database)
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Malformed_http_on_a_real_socket_gets_no_5xx_and_writes_no_row()
    {
        var connectionString = await database.Server.CreateMigratedDatabaseAsync();
        await using var world = await AssessmentWorld.CreateAsync(database.Server, connectionString);
        var (workshop, refusal) = await world.WithAsync(sp => sp.GetRequiredService<WorkshopService>()
            .StartAsync(world.Assessment.Id, ["1.1.1"], allowWalkIns: true, null));
        Assert.True(workshop is not null, refusal?.Message);
        await using var app = new CityMaturityFactory(connectionString, new Dictionary<string, string?> { ["environment"] = "Development" });
        var address = app.StartKestrel();

        // A phone in the room and an anonymous visitor with an antiforgery token, as a browser would have them.
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address };
        var visitor = new TestClient(http);
        var token = await visitor.AntiforgeryTokenAsync("/account/login");
        var phone = new Workshops.Phone(visitor, workshop!.JoinCode);
        Workshops.Phone.AssertJoined(await phone.JoinByInviteAsync(world.AnaToken), workshop.JoinCode);
        var cookieHeader = cookies.GetCookieHeader(new Uri(address, "/w/"));
        Assert.Contains(Attendee.CookieName, cookieHeader, StringComparison.Ordinal);

        var host = $"{address.Host}:{address.Port}";
        Assert.StartsWith("HTTP/1.1 200", await SendAsync(address, Encoding.ASCII.GetBytes($"GET /health/live HTTP/1.1\r\nHost: {host}\r\n\r\n")), StringComparison.Ordinal);
        var before = await SchemaTables.RowCountsAsync(connectionString);

        var corpus = Corpus(host, workshop.JoinCode, world.AnaToken, cookieHeader, token).ToList();
        var answers = new List<string>();
        var failures = new List<string>();
        foreach (var (name, bytes) in corpus)
        {
            string answer;
            try
            {
                answer = await SendAsync(address, bytes);
            }
            catch (TimeoutException)
            {
                failures.Add($"{name}: no answer within {AnswerTimeout}");
                continue;
            }

            var status = answer.Length >= 12 && answer.StartsWith("HTTP/1.", StringComparison.Ordinal) ? answer[9..12] : "closed";
            answers.Add(status);
            // 505 is HTTP's own answer to an unknown protocol version (RFC 9110 §15.6.6), Kestrel's, not a server failure.
            if (status.StartsWith('5') && !(status == "505" && name == "HTTP/9.9"))
            {
                failures.Add($"{name}: {answer[..Math.Min(300, answer.Length)]}");
            }
        }

        Assert.True(corpus.Count >= 60, $"only {corpus.Count} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Count} failed:\n{string.Join('\n', failures)}");
        // Most are refused by Kestrel or the app with a 4xx; the rest are answered normally or closed by Kestrel.
        Assert.True(answers.Count(a => a.StartsWith('4')) >= corpus.Count * 3 / 4,
            string.Join(", ", answers.GroupBy(a => a).Select(g => $"{g.Key}×{g.Count()}")));
        Assert.Equal(before, await SchemaTables.RowCountsAsync(connectionString));
        // And the app still serves.
        Assert.StartsWith("HTTP/1.1 200", await SendAsync(address, Encoding.ASCII.GetBytes($"GET /health/ready HTTP/1.1\r\nHost: {host}\r\n\r\n")), StringComparison.Ordinal);
    }

    private static IEnumerable<(string Name, byte[] Bytes)> Corpus(string host, string code, string ratingToken, string phoneCookie, string antiforgeryToken)
    {
        static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);
        var hostLine = $"Host: {host}\r\n";

        // Request lines.
        yield return ("no target", Bytes("GET\r\n\r\n"));
        yield return ("HTTP/9.9", Bytes($"GET / HTTP/9.9\r\n{hostLine}\r\n"));
        yield return ("two spaces", Bytes($"GET  / HTTP/1.1\r\n{hostLine}\r\n"));
        yield return ("trailing word", Bytes($"GET / HTTP/1.1 extra\r\n{hostLine}\r\n"));
        yield return ("NUL in method", Bytes($"G\0T / HTTP/1.1\r\n{hostLine}\r\n"));
        yield return ("lower-case method", Bytes($"get / HTTP/1.1\r\n{hostLine}\r\n"));
        yield return ("NUL in path", Bytes($"GET /w/\0/state HTTP/1.1\r\n{hostLine}\r\n"));
        yield return ("%00 in path", Bytes($"GET /orgs/%00 HTTP/1.1\r\n{hostLine}\r\n"));
        yield return ("DEL in path", Bytes($"GET /\x7f HTTP/1.1\r\n{hostLine}\r\n"));
        yield return ("tab in path", Bytes($"GET /orgs\tcity-a HTTP/1.1\r\n{hostLine}\r\n"));
        yield return ("absolute form, foreign host", Bytes($"GET http://evil.example/orgs HTTP/1.1\r\n{hostLine}\r\n"));
        yield return ("asterisk form", Bytes($"GET * HTTP/1.1\r\n{hostLine}\r\n"));
        yield return ("CONNECT", Bytes($"CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n"));
        yield return ("dot segments", Bytes($"GET /../../etc/passwd HTTP/1.1\r\n{hostLine}\r\n"));
        yield return ("70 kB path", Bytes($"GET /{new string('a', 70_000)} HTTP/1.1\r\n{hostLine}\r\n"));
        yield return ("70 kB query", Bytes($"GET /w/{code}/state?{new string('q', 70_000)} HTTP/1.1\r\n{hostLine}\r\n"));
        yield return ("no Host", Bytes("GET / HTTP/1.1\r\n\r\n"));
        yield return ("two Hosts", Bytes($"GET / HTTP/1.1\r\n{hostLine}Host: evil.example\r\n\r\n"));
        yield return ("NUL in Host", Bytes("GET / HTTP/1.1\r\nHost: evil\0.example\r\n\r\n"));

        // Headers.
        yield return ("40 kB header", Bytes($"GET / HTTP/1.1\r\n{hostLine}X-Big: {new string('x', 40_000)}\r\n\r\n"));
        yield return ("40 kB cookie", Bytes($"GET /w/{code}/state HTTP/1.1\r\n{hostLine}Cookie: {phoneCookie}; pad={new string('c', 40_000)}\r\n\r\n"));
        yield return ("200 headers", Bytes($"GET / HTTP/1.1\r\n{hostLine}{string.Concat(Enumerable.Range(0, 200).Select(i => $"X-H{i}: v\r\n"))}\r\n"));
        yield return ("header without colon", Bytes($"GET / HTTP/1.1\r\n{hostLine}NoColon\r\n\r\n"));
        yield return ("space in header name", Bytes($"GET / HTTP/1.1\r\n{hostLine}Bad Name: x\r\n\r\n"));
        yield return ("NUL in header value", Bytes($"GET / HTTP/1.1\r\n{hostLine}X-Test: a\0b\r\n\r\n"));
        yield return ("folded header", Bytes($"GET / HTTP/1.1\r\n{hostLine}X-Test: a\r\n b\r\n\r\n"));
        yield return ("bare LF lines", Bytes($"GET / HTTP/1.1\n{hostLine.TrimEnd()}\nX-Test: a\n\n"));
        yield return ("invalid UTF-8 in a header", Bytes($"GET /w/{code}/state HTTP/1.1\r\n{hostLine}Cookie: {phoneCookie}\r\nAccept-Language: \xff\xfe\xc0\r\n\r\n"));

        // Bodies on the three kinds of writing endpoint, each with what gets it past the first gate.
        var login = ("sign-in", "/account/login", $"Cookie: {AntiforgeryCookie(phoneCookie)}\r\nContent-Type: application/x-www-form-urlencoded\r\n",
            $"__RequestVerificationToken={Uri.EscapeDataString(antiforgeryToken)}&email=a%40b.c&password=x");
        var vote = ("vote", $"/w/{code}/vote", $"Cookie: {phoneCookie}\r\nContent-Type: application/json\r\n",
            $"{{\"roundId\":\"{Guid.Empty}\",\"now\":\"3\",\"inTwoYears\":\"4\"}}");
        var rating = ("rating", $"/rate/{ratingToken}/save", "Content-Type: application/json\r\n", "{\"code\":\"1.1.1\",\"levelNow\":\"3\"}");
        foreach (var (what, path, headers, body) in new[] { login, vote, rating })
        {
            var start = $"POST {path} HTTP/1.1\r\n{hostLine}{headers}";
            yield return ($"{what}: negative Content-Length", Bytes($"{start}Content-Length: -1\r\n\r\n{body}"));
            yield return ($"{what}: two Content-Lengths", Bytes($"{start}Content-Length: {body.Length}\r\nContent-Length: {body.Length + 1}\r\n\r\n{body}"));
            yield return ($"{what}: huge Content-Length", Bytes($"{start}Content-Length: 99999999999999999999\r\n\r\n{body}"));
            yield return ($"{what}: body shorter than Content-Length", Bytes($"{start}Content-Length: {body.Length + 100}\r\n\r\n{body}"));
            yield return ($"{what}: Content-Length and chunked", Bytes($"{start}Content-Length: {body.Length}\r\nTransfer-Encoding: chunked\r\n\r\n{body}"));
            yield return ($"{what}: chunk size zz", Bytes($"{start}Transfer-Encoding: chunked\r\n\r\nzz\r\n{body}\r\n0\r\n\r\n"));
            yield return ($"{what}: chunk size overflow", Bytes($"{start}Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n{body}\r\n0\r\n\r\n"));
            yield return ($"{what}: chunk without CRLF", Bytes($"{start}Transfer-Encoding: chunked\r\n\r\n{body.Length:x}\r\n{body}XX0\r\n\r\n"));
            yield return ($"{what}: chunk cut off", Bytes($"{start}Transfer-Encoding: chunked\r\n\r\n400\r\n{body}"));
            yield return ($"{what}: no last chunk", Bytes($"{start}Transfer-Encoding: chunked\r\n\r\n{body.Length:x}\r\n{body}\r\n"));
            yield return ($"{what}: NUL in chunk extension", Bytes($"{start}Transfer-Encoding: chunked\r\n\r\n{body.Length:x};\0=\r\n{body}\r\n0\r\n\r\n"));
            yield return ($"{what}: gzip, chunked", Bytes($"{start}Transfer-Encoding: gzip, chunked\r\n\r\n{body.Length:x}\r\n{body}\r\n0\r\n\r\n"));
            yield return ($"{what}: chunked, identity", Bytes($"{start}Transfer-Encoding: chunked, identity\r\n\r\n{body.Length:x}\r\n{body}\r\n0\r\n\r\n"));
            yield return ($"{what}: invalid UTF-8 body", [.. Bytes($"{start}Content-Length: 6\r\n\r\n"), 0xFF, 0xFE, 0xC0, 0xAF, 0xED, 0xA0]);
        }

        // Invalid UTF-8 in paths, raw and percent-encoded (overlong forms, lone surrogates, cut sequences).
        string[] paths =
        [
            $"/w/\xff\xfe/state", "/orgs/\xc0\xaf", "/catalogue/\x80", $"/w/{code}/state\xed\xa0\x80", "/api/assessments/\xff/summary",
            "/w/%C3%28/state", "/api/assessments/%FF/summary", "/orgs/%E2%82/x", "/catalogue/%C0%AE%C0%AE/%C0%AE%C0%AE",
            $"/rate/%ED%A0%80/state", "/_blazor/%FF", $"/w/{code}/%F4%90%80%80", "/account/login?returnUrl=%C0%AF%C0%AF",
        ];
        foreach (var path in paths)
        {
            yield return ($"path {path}", Bytes($"GET {path} HTTP/1.1\r\n{hostLine}Cookie: {phoneCookie}\r\n\r\n"));
        }
    }

    /// <summary>The antiforgery cookie alone, from the visitor's cookies (the phone's session is for /w only).</summary>
    private static string AntiforgeryCookie(string cookies) =>
        string.Join("; ", cookies.Split("; ").Where(c => c.StartsWith("citymaturity.antiforgery", StringComparison.Ordinal) || c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)));

    /// <summary>
    /// Sends the bytes and reads what comes back until the server closes or falls quiet. Only when nothing came back for a
    /// while does the client half-close, as a client that gave up would (so a short body ends); Kestrel treats the
    /// half-close as the client leaving, so it is never sent earlier.
    /// </summary>
    private static async Task<string> SendAsync(Uri address, byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        var received = new MemoryStream();
        try
        {
            await stream.WriteAsync(request);
        }
        catch (IOException)
        {
            // Kestrel may answer and close before it has read everything (a 431 or 414 mid-header).
        }

        var buffer = new byte[8192];
        var halfClosed = false;
        var deadline = DateTime.UtcNow + AnswerTimeout;
        while (DateTime.UtcNow < deadline)
        {
            using var quiet = new CancellationTokenSource(received.Length > 0 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1.5));
            try
            {
                var read = await stream.ReadAsync(buffer, quiet.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
            }
            catch (IOException)
            {
                break; // reset after (or instead of) an answer
            }
            catch (OperationCanceledException)
            {
                if (received.Length > 0)
                {
                    break; // answered; a kept-alive connection stays open
                }

                if (!halfClosed)
                {
                    client.Client.Shutdown(SocketShutdown.Send);
                    halfClosed = true;
                }
            }
        }

        if (received.Length == 0 && !halfClosed)
        {
            return "";
        }

        return received.Length == 0 && DateTime.UtcNow >= deadline ? throw new TimeoutException() : Encoding.Latin1.GetString(received.ToArray());
    }
}
