using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CityMaturity.Testing;

namespace CityMaturity.LoadTests;

/// <summary>
/// The assessment summary through the API (16 clients in a closed loop), a 304 polling phase, and the dashboard's first
/// render, each against /health from the same clients in the same run. Exit code: 0 both targets met, 1 a target missed,
/// 2 errors. CPU per request (app and PostgreSQL) is reported beside the latencies, since the machine is shared.
/// </summary>
internal static class SummaryScenario
{
    private const double SummaryTargetP95 = 50;
    private const double DashboardTargetP95 = 300;

    public static async Task<int> RunAsync(LoadWorld world, Options options)
    {
        Console.WriteLine($"summary scenario: participants {options.Participants}, clients {options.Clients} × {options.Requests} requests (cap {options.Cap.TotalSeconds:0} s), dashboard {options.DashboardRenders} renders");
        // One connection pool shared by the API clients, as a load generator would have; one client per worker so each
        // keeps its own keep-alive connection.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false };
        var apiClients = world.LeaderTokenClients(handler, options.Clients, TimeSpan.FromSeconds(30));

        var summaryPath = $"/api/assessments/{world.AssessmentId}/summary";
        // The client shares the 2 cores with the app and PostgreSQL: parsing every 167 kB body would measure the client.
        // A body is parsed and checked once; every later body must equal a checked one byte for byte (a memory compare).
        byte[]? checkedSummary = null;
        string? CheckSummary(HttpResponseMessage response, ReadOnlyMemory<byte> body)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            if (Volatile.Read(ref checkedSummary) is { } known && body.Span.SequenceEqual(known))
            {
                return null;
            }

            using var json = JsonDocument.Parse(body);
            if (json.RootElement.GetProperty("characteristics").GetArrayLength() != 32)
            {
                return "summary without 32 characteristics";
            }

            Volatile.Write(ref checkedSummary, body.ToArray());
            return null;
        }

        string? CheckHealth(HttpResponseMessage response, ReadOnlyMemory<byte> body) =>
            Encoding.UTF8.GetString(body.Span).Contains("Healthy", StringComparison.Ordinal) ? null : "health not Healthy";

        // Warm-up: JIT, connection pools (HTTP and Npgsql), EF model and query caches. The tiered JIT recompiles hot methods
        // (instrumented, then optimised) in the background for a while after start; on 2 busy cores that takes many seconds,
        // and measuring before it settles measures start-up, not a serving app. So: rounds of both requests until a round
        // compiles fewer than 25 methods (at most 60 s), as a long-running server would be.
        var warmUp = Stopwatch.StartNew();
        var warmUpRounds = 0;
        long compiled;
        do
        {
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            await LoadRunner.RunAsync("warm-up health", apiClients, "/health", 25, options.Cap, CheckHealth);
            await LoadRunner.RunAsync("warm-up summary", apiClients, summaryPath, 10, options.Cap, CheckSummary);
            warmUpRounds++;
        }
        while (System.Runtime.JitInfo.GetCompiledMethodCount() - compiled >= 25 && warmUp.Elapsed < TimeSpan.FromSeconds(60));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm-up: {warmUpRounds} rounds of 16 × (25 /health + 10 summary) in {warmUp.Elapsed.TotalSeconds:0.0} s; last round compiled {System.Runtime.JitInfo.GetCompiledMethodCount() - compiled} methods"));

        var interleavedErrors = options.InterleavedRounds > 0
            ? await InterleavedAsync(world, options, handler, apiClients, summaryPath, CheckHealth, CheckSummary, () => Volatile.Read(ref checkedSummary))
            : 0;

        var cpu = CpuSnapshot.Take(world.PostmasterPid);
        var health = await LoadRunner.RunAsync("/health", apiClients, "/health", options.Requests, options.Cap, CheckHealth);
        var healthCpu = CpuSnapshot.Take(world.PostmasterPid) - cpu;
        cpu = CpuSnapshot.Take(world.PostmasterPid);
        var summary = await LoadRunner.RunAsync("summary", apiClients, summaryPath, options.Requests, options.Cap, CheckSummary);
        var summaryCpu = CpuSnapshot.Take(world.PostmasterPid) - cpu;
        var healthAfter = await LoadRunner.RunAsync("/health (after)", apiClients, "/health", options.Requests, options.Cap, CheckHealth);

        // An integration polling with the entity tag of what it already has: 304 Not Modified, no body (not the target's case,
        // which is full answers above; reported beside it).
        // (An app without entity tags answers these with full bodies, which the check counts as errors.)
        using var probe = await apiClients[0].GetAsync(summaryPath);
        var etag = probe.Headers.ETag;
        var pollingClients = Enumerable.Range(0, options.Clients).Select(_ =>
        {
            var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = world.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", world.LeaderToken);
            if (etag is not null)
            {
                client.DefaultRequestHeaders.IfNoneMatch.Add(etag);
            }

            return client;
        }).ToList();
        string? CheckNotModified(HttpResponseMessage response, ReadOnlyMemory<byte> body) =>
            etag is not null && response.StatusCode == HttpStatusCode.NotModified && body.IsEmpty && Equals(response.Headers.ETag, etag) ? null : $"expected an empty 304, got HTTP {(int)response.StatusCode} with {body.Length} bytes";
        cpu = CpuSnapshot.Take(world.PostmasterPid);
        var notModified = await LoadRunner.RunAsync("summary, If-None-Match (304)", pollingClients, summaryPath, options.Requests, options.Cap, CheckNotModified);
        var notModifiedCpu = CpuSnapshot.Take(world.PostmasterPid) - cpu;
        foreach (var client in pollingClients)
        {
            client.Dispose();
        }

        // Dashboard first render: the server's prerendered HTML for a signed-in leader, one request at a time.
        using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        using var leader = new TestClient(new HttpClient(cookies, disposeHandler: false) { BaseAddress = world.BaseAddress, Timeout = TimeSpan.FromSeconds(30) });
        await leader.SignInOrFailAsync(LoadWorld.LeaderEmail, TestAccounts.Password);
        var dashboardPath = $"/orgs/{world.OrganisationSlug}/assessments/{world.AssessmentId}/dashboard";
        var participantsText = $"{options.Participants} participants";
        string? CheckDashboard(HttpResponseMessage response, ReadOnlyMemory<byte> body)
        {
            var html = Encoding.UTF8.GetString(body.Span);
            return html.Contains("Dashboard: Load 2026", StringComparison.Ordinal) && html.Contains(participantsText, StringComparison.Ordinal)
                ? null : "dashboard HTML without its heading or participant count";
        }

        IReadOnlyList<HttpClient> leaderOnly = [leader.Http];
        await LoadRunner.RunAsync("warm-up dashboard", leaderOnly, dashboardPath, 5, options.Cap, CheckDashboard);
        var dashboardHealth = await LoadRunner.RunAsync("/health (1 client)", leaderOnly, "/health", options.DashboardRenders, options.Cap, CheckHealth);
        cpu = CpuSnapshot.Take(world.PostmasterPid);
        var dashboard = await LoadRunner.RunAsync("dashboard render", leaderOnly, dashboardPath, options.DashboardRenders, options.Cap, CheckDashboard);
        var dashboardCpu = CpuSnapshot.Take(world.PostmasterPid) - cpu;
        // The manage page's first render for its facilitator: the participants' table holds every participant.
        using var facilitatorCookies = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        using var facilitator = new TestClient(new HttpClient(facilitatorCookies, disposeHandler: false) { BaseAddress = world.BaseAddress, Timeout = TimeSpan.FromSeconds(30) });
        await facilitator.SignInOrFailAsync(LoadWorld.FacilitatorEmail, TestAccounts.Password);
        var managePath = $"/orgs/{world.OrganisationSlug}/assessments/{world.AssessmentId}";
        string? CheckManage(HttpResponseMessage response, ReadOnlyMemory<byte> body)
        {
            var html = Encoding.UTF8.GetString(body.Span);
            return html.Contains("<h1>Load 2026</h1>", StringComparison.Ordinal) && html.Contains("data-participant=", StringComparison.Ordinal)
                ? null : "manage page HTML without its heading or participants";
        }

        IReadOnlyList<HttpClient> facilitatorOnly = [facilitator.Http];
        await LoadRunner.RunAsync("warm-up manage page", facilitatorOnly, managePath, 5, options.Cap, CheckManage);
        cpu = CpuSnapshot.Take(world.PostmasterPid);
        var manage = await LoadRunner.RunAsync("manage page render", facilitatorOnly, managePath, options.DashboardRenders, options.Cap, CheckManage);
        var manageCpu = CpuSnapshot.Take(world.PostmasterPid) - cpu;
        // What one render asks of PostgreSQL: deterministic, unlike its time on a shared machine.
        var dashboardWork = await DatabaseWorkOfAsync(leader.Http, dashboardPath);
        var manageWork = await DatabaseWorkOfAsync(facilitator.Http, managePath);
        // Attribution (not targets): the summary with one client (no queueing), and the ratings query alone through Npgsql.
        var summaryAlone = await LoadRunner.RunAsync("summary (1 client)", [apiClients[0]], summaryPath, options.DashboardRenders, options.Cap, CheckSummary);
        var queryAlone = await world.TimeRatingsQueryAsync(options.DashboardRenders);
        foreach (var client in apiClients)
        {
            client.Dispose();
        }

        Console.WriteLine();
        Console.WriteLine("| Phase | Clients | Done/planned | Errors | p50 ms | p95 ms | p99 ms | max ms | req/s | body | p50 ratio | p95 ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        void Row(Latencies phase, Latencies baseline) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {phase.Name} | {phase.Clients} | {phase.Completed}/{phase.Planned}{(phase.CapReached ? " (cap)" : "")} | {phase.Errors} | {Latencies.Ms(phase.P50)} | {Latencies.Ms(phase.P95)} | {Latencies.Ms(phase.P99)} | {Latencies.Ms(phase.Max)} | {phase.Throughput:0} | {phase.BodyBytes / 1024.0:0.0} KB | {Latencies.Ratio(phase.P50, baseline.P50)} | {Latencies.Ratio(phase.P95, baseline.P95)} |"));
        Row(health, health);
        Row(summary, health);
        Row(healthAfter, health);
        Row(notModified, health);
        Row(dashboardHealth, dashboardHealth);
        Row(dashboard, dashboardHealth);
        Row(manage, dashboardHealth);
        Row(summaryAlone, dashboardHealth);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| ratings query alone (Npgsql, {world.RatingCount} rows) | 1 | {queryAlone.Count}/{options.DashboardRenders} | 0 | {Latencies.Ms(Percentiles.Median(queryAlone))} | | | | | | {Latencies.Ratio(Percentiles.Median(queryAlone), dashboardHealth.P50)} | |"));
        Console.WriteLine("(ratios: the 16-client phases against /health at 16 clients; the single-client rows against /health with one client)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"database work of one render: dashboard {dashboardWork.Commands} statements, {dashboardWork.Rows} rows, {dashboardWork.BytesRead / 1024.0:0.0} kB read; manage page {manageWork.Commands} statements, {manageWork.Rows} rows, {manageWork.BytesRead / 1024.0:0.0} kB read"));
        Console.WriteLine();
        Console.WriteLine("CPU per request (robust to other load on the machine; this process = the app and the load client):");
        void CpuRow(Latencies phase, CpuSnapshot used) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {phase.Name}: this process {used.Process.TotalMilliseconds / Math.Max(1, phase.Completed + phase.Errors):0.00} ms, PostgreSQL {used.Postgres.TotalMilliseconds / Math.Max(1, phase.Completed + phase.Errors):0.00} ms"));
        CpuRow(health, healthCpu);
        CpuRow(summary, summaryCpu);
        CpuRow(notModified, notModifiedCpu);
        CpuRow(dashboard, dashboardCpu);
        CpuRow(manage, manageCpu);

        foreach (var phase in new[] { health, summary, healthAfter, notModified, dashboardHealth, dashboard, manage }.Where(p => p.FirstError is not null))
        {
            Console.WriteLine($"first error in {phase.Name}: {phase.FirstError}");
        }

        var errors = new[] { health, summary, healthAfter, notModified, dashboardHealth, dashboard, manage }.Sum(p => p.Errors) + interleavedErrors;
        var summaryPass = summary.P95 < SummaryTargetP95 && !summary.CapReached && summary.Errors == 0;
        var dashboardPass = dashboard.P95 < DashboardTargetP95 && !dashboard.CapReached && dashboard.Errors == 0;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(summaryPass ? "PASS" : "FAIL")}: summary p95 {summary.P95:0.00} ms at {options.Clients} clients (target < {SummaryTargetP95} ms; {summary.P95 / health.P95:0.0}× /health p95)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(dashboardPass ? "PASS" : "FAIL")}: dashboard first render p95 {dashboard.P95:0.00} ms (target < {DashboardTargetP95} ms; {dashboard.P95 / dashboardHealth.P95:0.0}× /health p95)"));
        return errors > 0 ? 2 : summaryPass && dashboardPass ? 0 : 1;
    }

    /// <summary>The SQL statements, rows and bytes one request of <paramref name="path"/> makes the app ask of PostgreSQL.</summary>
    private static async Task<DatabaseWork> DatabaseWorkOfAsync(HttpClient client, string path)
    {
        var (_, work) = await QueryCounter.MeasureAsync(async () =>
        {
            using var response = await client.GetAsync(path);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsByteArrayAsync();
        });
        return work;
    }

    /// <summary>
    /// The issue's comparison, robust to the shared machine: /health, the summary's 304, the full summary and the full
    /// summary gzip-compressed, interleaved in the same rounds (<see cref="InterleavedComparison"/>). Returns the errors.
    /// </summary>
    private static async Task<int> InterleavedAsync(
        LoadWorld world, Options options, HttpMessageHandler handler, IReadOnlyList<HttpClient> apiClients, string summaryPath,
        Func<HttpResponseMessage, ReadOnlyMemory<byte>, string?> checkHealth, Func<HttpResponseMessage, ReadOnlyMemory<byte>, string?> checkSummary,
        Func<byte[]?> checkedSummary)
    {
        List<HttpClient> ClientsWith(Action<HttpRequestHeaders> headers) => Enumerable.Range(0, apiClients.Count).Select(_ =>
        {
            var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = world.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", world.LeaderToken);
            headers(client.DefaultRequestHeaders);
            return client;
        }).ToList();

        var gzipClients = ClientsWith(h => h.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip")));
        using var probe = await gzipClients[0].GetAsync(summaryPath);
        using var plainProbe = await apiClients[0].GetAsync(summaryPath);
        var plainTag = plainProbe.Headers.ETag;
        var pollingClients = ClientsWith(h =>
        {
            if (plainTag is not null)
            {
                h.IfNoneMatch.Add(plainTag);
            }
        });

        // The compressed body is inflated and compared with the checked plain JSON once; later bodies must equal it.
        byte[]? checkedGzip = null;
        string? CheckGzip(HttpResponseMessage response, ReadOnlyMemory<byte> body)
        {
            if (response.StatusCode != HttpStatusCode.OK || !response.Content.Headers.ContentEncoding.Contains("gzip"))
            {
                return $"expected a gzip 200, got HTTP {(int)response.StatusCode} ({string.Join(",", response.Content.Headers.ContentEncoding)})";
            }

            if (Volatile.Read(ref checkedGzip) is { } known && body.Span.SequenceEqual(known))
            {
                return null;
            }

            using var inflated = new MemoryStream();
            using (var gzip = new GZipStream(new MemoryStream(body.ToArray()), CompressionMode.Decompress))
            {
                gzip.CopyTo(inflated);
            }

            if (checkedSummary() is not { } plain || !inflated.ToArray().AsSpan().SequenceEqual(plain))
            {
                return "the gzip body does not inflate to the checked summary JSON";
            }

            Volatile.Write(ref checkedGzip, body.ToArray());
            return null;
        }

        string? CheckNotModified(HttpResponseMessage response, ReadOnlyMemory<byte> body) =>
            plainTag is not null && response.StatusCode == HttpStatusCode.NotModified && body.IsEmpty ? null : $"expected an empty 304, got HTTP {(int)response.StatusCode}";

        try
        {
            return (await InterleavedComparison.RunAsync(
            [
                new("/health (baseline)", apiClients, "/health", checkHealth),
                new("summary, If-None-Match → 304", pollingClients, summaryPath, CheckNotModified),
                new("summary, full 200", apiClients, summaryPath, checkSummary),
                new($"summary, full 200 gzip ({probe.Content.Headers.ContentLength / 1024.0:0} kB)", gzipClients, summaryPath, CheckGzip),
            ], options.InterleavedRounds, options.RoundRequests, options.Cap, world.PostmasterPid)).Errors;
        }
        finally
        {
            foreach (var client in gzipClients.Concat(pollingClients))
            {
                client.Dispose();
            }
        }
    }
}
