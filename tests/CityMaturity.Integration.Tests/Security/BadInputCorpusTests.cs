using System.Net;
using System.Text;
using CityMaturity.Domain.Workshops;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Integration.Tests.Workshops;
using CityMaturity.Testing;
using CityMaturity.Web.Workshops;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityMaturity.Integration.Tests.Security;

/// <summary>
/// Hundreds of malformed requests across every endpoint — content types, charsets, sizes, encodings, return addresses,
/// headers — against the app as scripts/run.sh runs it (Development). None may answer 5xx, and none may write a row.
/// The requests come as a bad client or an attacker would send them: with and without a signed-in cookie, a valid
/// antiforgery token, and a phone's workshop session, so they get past the first gate and reach the endpoints' own reading.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class BadInputCorpusTests(DatabaseFixture database) : IAsyncLifetime
{
    private AssessmentWorld _world = null!;
    private Workshop _workshop = null!;

    public async Task InitializeAsync()
    {
        _world = await AssessmentWorld.CreateAsync(database.Server, settings: new Dictionary<string, string?> { ["environment"] = "Development" });
        var (workshop, refusal) = await _world.WithAsync(sp => sp.GetRequiredService<WorkshopService>()
            .StartAsync(_world.Assessment.Id, ["1.1.1"], allowWalkIns: true, _world.Access.Users["facilitator"].Id));
        _workshop = workshop ?? throw new InvalidOperationException(refusal?.Message);
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    /// <summary>One malformed request: what to send, and on which of the three clients.</summary>
    private sealed record BadRequest(string Name, Func<HttpRequestMessage> Build, Client Via);

    private enum Client { Anonymous, SignedIn, Phone }

    private static readonly string[] ReturnUrls =
    [
        "/\t/evil.example", "/x\r\nSet-Cookie: a=b", "/\\evil.example", "\\\\evil.example", "//evil.example", "https://evil.example",
        "javascript:alert(1)", "/%0d%0aLocation:%20http://evil", "/" + new string('a', 10_000), "/%ff%fe", "/\u202Eexe.png", "/orgs/\u0000",
        "/../../etc/passwd", "/orgs?x=<script>", "", " ", "/\u00A0/evil.example", "/%2F%2Fevil.example",
    ];

    private static readonly (string ContentType, byte[] Body)[] FormBodies =
    [
        ("application/x-www-form-urlencoded; charset=bogus-42", "email=a%40b.c&password=x"u8.ToArray()),
        ("application/x-www-form-urlencoded; charset=\"\"", "email=a"u8.ToArray()),
        ("application/x-www-form-urlencoded; charset=utf-7", "email=a"u8.ToArray()),
        ("application/x-www-form-urlencoded", "%zz%=%&&=&email=%c0%af"u8.ToArray()),
        ("application/x-www-form-urlencoded", [0xFF, 0xFE, 0x00, 0x3D, 0xC3]),
        ("application/x-www-form-urlencoded", Encoding.ASCII.GetBytes(string.Join('&', Enumerable.Range(0, 5_000).Select(i => $"k{i}=v")))),
        ("application/x-www-form-urlencoded", Encoding.ASCII.GetBytes("email=" + new string('x', 3_000_000))),
        ("multipart/form-data", "--x\r\n\r\n--x--"u8.ToArray()),
        ("multipart/form-data; boundary=", "--\r\n"u8.ToArray()),
        ("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nunterminated"u8.ToArray()),
        ("multipart/form-data; boundary=" + new string('b', 200), "--b--"u8.ToArray()),
        ("application/json", "{\"email\":\"a@b.c\"}"u8.ToArray()),
        ("text/plain", "email=a@b.c"u8.ToArray()),
        ("application/xml", "<email>a</email>"u8.ToArray()),
        (";;;", "x"u8.ToArray()),
        ("application/x-www-form-urlencoded; charset=utf-8; charset=latin1", "email=a"u8.ToArray()),
    ];

    private static readonly (string ContentType, byte[] Body)[] JsonBodies =
    [
        ("application/json; charset=bogus-42", "{\"roundId\":\"00000000-0000-0000-0000-000000000000\",\"now\":\"3\",\"inTwoYears\":\"4\"}"u8.ToArray()),
        ("application/json; charset=\"\"", "{}"u8.ToArray()),
        ("application/json; charset=utf-16", "{}"u8.ToArray()),
        ("application/json", "{"u8.ToArray()),
        ("application/json", "null"u8.ToArray()),
        ("application/json", "[]"u8.ToArray()),
        ("application/json", "\"text\""u8.ToArray()),
        ("application/json", "{\"roundId\":5,\"now\":[],\"inTwoYears\":{}}"u8.ToArray()),
        ("application/json", "{\"roundId\":\"not-a-guid\"}"u8.ToArray()),
        ("application/json", "{\"roundId\":\"00000000-0000-0000-0000-000000000000\",\"now\":\"9\",\"inTwoYears\":\"-1\"}"u8.ToArray()),
        ("application/json", "{\"roundId\":\"00000000-0000-0000-0000-000000000000\",\"now\":\"\\u0000\",\"inTwoYears\":\"\\u202E\"}"u8.ToArray()),
        ("application/json", Encoding.ASCII.GetBytes(new string('[', 5_000) + new string(']', 5_000))),
        ("application/json", Encoding.ASCII.GetBytes("{\"now\":\"" + new string('3', 2_000_000) + "\"}")),
        ("application/json", [0xEF, 0xBB, 0xBF, 0xFF, 0xFE, 0x7B]),
        ("application/json", Array.Empty<byte>()),
        ("text/plain", "{}"u8.ToArray()),
        ("application/x-www-form-urlencoded", "now=3"u8.ToArray()),
        ("multipart/form-data; boundary=x", "--x--"u8.ToArray()),
        ("application/json-patch+json", "[]"u8.ToArray()),
        ("application/json", "{\"roundId\":\"00000000-0000-0000-0000-000000000000\",\"roundId\":\"11111111-1111-1111-1111-111111111111\"}"u8.ToArray()),
    ];

    private static readonly (string Name, string Value)[] BadHeaders =
    [
        ("Authorization", "Bearer"),
        ("Authorization", "Bearer cm_pat_" + new string('x', 8_000)),
        ("Authorization", "Bearer \u00e9\u00e9"),
        ("Authorization", "Basic Zm9vOmJhcg=="),
        ("Authorization", "Bearer cm_pat_%00%ff"),
        ("Cookie", "citymaturity.auth=garbage; citymaturity.antiforgery=garbage"),
        ("Cookie", "citymaturity.auth=" + new string('A', 4_000)),
        ("Cookie", $"{Attendee.CookieName}=not.a.session"),
        ("Cookie", $"{Attendee.CookieName}={Guid.Empty:N}.{new string('s', 50)}"),
        ("If-None-Match", "\"unterminated"),
        ("If-None-Match", "*"),
        ("If-Modified-Since", "yesterday"),
        ("Range", "bytes=999999999-"),
        ("Range", "bytes=-0"),
        ("Accept", "application/json;q=abc, */*;q=-1"),
        ("Accept-Language", "\u00ff\u00fe;q=x"),
        ("Accept-Encoding", "gzip;q=2, br;q=NaN"),
        ("Origin", "null"),
        ("X-Forwarded-For", "999.999.999.999"),
        ("Content-Length", "abc"),
    ];

    private static readonly string[] GetPaths =
    [
        "/api/assessments/{id}/summary", "/api/assessments/{id}/summary.csv", "/api/assessments/{id}/export.xlsx",
        "/api/assessments/{id}/ratings.csv", "/api/assessments/{id}/history.csv", "/api/assessments/{id}/report.pdf",
        "/w/{code}/state", "/", "/catalogue/1.1.1", "/orgs/city-a",
    ];

    /// <summary>NUL in a path is refused by Kestrel itself (400) and cannot even be sent through the test server: %01 stands in.</summary>
    private static readonly string[] WeirdPaths =
    [
        "/api/assessments/%01/summary", "/api/assessments/{id}/summary%7f", "/api/assessments/{id}/%2e%2e/%2e%2e/summary",
        "/catalogue/%ff%fe", "/catalogue/%c0%af", "/catalogue/" + new string('9', 5_000), "/w/%01%02", "/w/{code}?invite=%ff",
        "/w/{code}?invite=" + new string('x', 5_000), "/account/reset-password?email=%00&code=%ff", "/account/invitation?token=%c0%80",
        "/orgs/%E2%80%AE", "/orgs/city-a/assessments/not-a-guid", "/orgs/city-a/assessments/{id}/dashboard?x=%0d%0a",
        "/account/login?returnUrl=%00&returnUrl=/a", "/w?error=%3Cscript%3E", "/api/openapi/v1.json?%ff=%fe",
    ];

    /// <param name="token">An antiforgery token for the anonymous client.</param>
    /// <param name="signedInToken">One for the signed-in client.</param>
    private IEnumerable<BadRequest> Corpus(string token, string signedInToken)
    {
        string Fill(string path) => path.Replace("{id}", _world.Assessment.Id.ToString(), StringComparison.Ordinal)
            .Replace("{code}", _workshop.JoinCode, StringComparison.Ordinal);

        HttpRequestMessage Post(string path, string contentType, byte[] body)
        {
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return new HttpRequestMessage(HttpMethod.Post, Fill(path)) { Content = content };
        }

        HttpRequestMessage Form(string path, Dictionary<string, string> fields, string? withToken = null) =>
            new(HttpMethod.Post, Fill(path)) { Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", withToken ?? token))) };

        string[] formPosts = ["/account/login", "/account/logout", "/account/forgot-password", "/account/reset-password", "/account/invitation", "/account/change-password", "/w/{code}/join"];
        foreach (var path in formPosts)
        {
            foreach (var (contentType, body) in FormBodies)
            {
                yield return new($"POST {path} as {contentType} ({body.Length} bytes)", () => Post(path, contentType, body), Client.SignedIn);
            }
        }

        foreach (var (contentType, body) in JsonBodies)
        {
            yield return new($"POST vote as {contentType} ({body.Length} bytes)", () => Post("/w/{code}/vote", contentType, body), Client.Phone);
            yield return new($"POST vote without a session as {contentType}", () => Post("/w/{code}/vote", contentType, body), Client.Anonymous);
        }

        foreach (var returnUrl in ReturnUrls)
        {
            yield return new($"GET login returnUrl {returnUrl[..Math.Min(20, returnUrl.Length)]}",
                () => new HttpRequestMessage(HttpMethod.Get, "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl)), Client.Anonymous);
            yield return new($"POST login returnUrl {returnUrl[..Math.Min(20, returnUrl.Length)]} (unknown account)",
                () => Form("/account/login", new() { ["email"] = "nobody@example.org", ["password"] = "wrong password", ["returnUrl"] = returnUrl }), Client.Anonymous);
        }

        // Valid token, hostile fields: the endpoints' own checks answer.
        Dictionary<string, string>[] hostileFields =
        [
            new() { ["mode"] = "walk-in", ["name"] = "\u202E\u0007", ["groupId"] = Guid.NewGuid().ToString() },
            new() { ["mode"] = "walk-in", ["name"] = new string('n', 10_000), ["groupId"] = "not-a-guid" },
            new() { ["mode"] = "invite", ["invite"] = "%00" + new string('i', 3_000) },
            new() { ["mode"] = "member" },
            new() { ["mode"] = "\u0000" },
        ];
        foreach (var fields in hostileFields)
        {
            yield return new($"POST join {string.Join(',', fields.Keys)} hostile", () => Form("/w/{code}/join", fields), Client.Anonymous);
        }

        yield return new("POST reset-password hostile", () => Form("/account/reset-password",
            new() { ["email"] = "nobody@example.org", ["code"] = "%ff", ["password"] = new string('p', 300), ["confirmPassword"] = "x" }), Client.Anonymous);
        yield return new("POST invitation hostile", () => Form("/account/invitation",
            new() { ["token"] = new string('t', 5_000), ["displayName"] = "\u202E", ["password"] = "0123456789", ["confirmPassword"] = "0123456789" }), Client.Anonymous);
        yield return new("POST forgot-password hostile", () => Form("/account/forgot-password", new() { ["email"] = "\u0000@\u202E" }), Client.Anonymous);
        yield return new("POST change-password hostile", () => Form("/account/change-password",
            new() { ["currentPassword"] = "\u0000", ["password"] = new string('p', 300), ["confirmPassword"] = new string('p', 300) }, signedInToken), Client.SignedIn);

        foreach (var path in GetPaths)
        {
            foreach (var (name, value) in BadHeaders)
            {
                yield return new($"GET {path} with {name}: {value[..Math.Min(24, value.Length)]}", () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, Fill(path));
                    request.Headers.TryAddWithoutValidation(name, value);
                    return request;
                }, Client.SignedIn);
            }
        }

        foreach (var path in WeirdPaths)
        {
            yield return new($"GET {path[..Math.Min(60, path.Length)]}", () => new HttpRequestMessage(HttpMethod.Get, Fill(path)), Client.SignedIn);
        }

        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, new HttpMethod("PROPFIND") })
        {
            foreach (var path in new[] { "/w/{code}/vote", "/api/assessments/{id}/summary", "/account/login" })
            {
                yield return new($"{method} {path}", () => new HttpRequestMessage(method, Fill(path)) { Content = new StringContent("{}", Encoding.UTF8, "application/json") }, Client.SignedIn);
            }
        }
    }

    [Fact]
    public async Task Hundreds_of_malformed_requests_get_no_5xx_and_write_no_row()
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true };
        using var anonymous = new TestClient(_world.Access.Factory.CreateClient(options));
        using var signedIn = await _world.Access.ClientAsync("facilitator");
        var phone = new Phone(TestClient.Create(_world.Access.Factory), _workshop.JoinCode);
        using (phone)
        {
            Phone.AssertJoined(await phone.JoinByInviteAsync(_world.AnaToken), _workshop.JoinCode);
            var token = await anonymous.AntiforgeryTokenAsync("/account/login");
            var signedInToken = await signedIn.AntiforgeryTokenAsync("/account/login");
            var before = await RowCountsAsync();

            var corpus = Corpus(token, signedInToken).ToList();
            var failures = new List<string>();
            foreach (var bad in corpus)
            {
                var client = bad.Via switch { Client.Anonymous => anonymous, Client.SignedIn => signedIn, Client.Phone => phone.Client, _ => throw new ArgumentOutOfRangeException(nameof(bad)) };
                using var request = bad.Build();
                using var response = await client.Http.SendAsync(request);
                if ((int)response.StatusCode >= 500)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    failures.Add($"{bad.Name}: {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
                }
            }

            Assert.True(corpus.Count >= 200, $"only {corpus.Count} requests");
            Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Count} answered 5xx:\n{string.Join('\n', failures)}");
            Assert.Equal(before, await RowCountsAsync());
        }
    }

    /// <summary>The number of rows in every table of the app's schema.</summary>
    private async Task<string> RowCountsAsync()
    {
        var connectionString = _world.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = await SchemaTables.ListAsync(connection);

        var counts = new StringBuilder();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts.Append(table).Append('=').Append(await count.ExecuteScalarAsync()).Append('\n');
        }

        return counts.ToString();
    }
}
