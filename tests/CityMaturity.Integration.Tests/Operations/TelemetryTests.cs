using System.Diagnostics;
using System.Net;
using CityMaturity.Domain.Assessments;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Operations;

/// <summary>
/// Telemetry as operators receive it: OTLP/HTTP to a collector (traces of requests with their SQL, metrics with the
/// app's own counters), /metrics when Telemetry:Prometheus is on, nothing when neither is configured.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class TelemetryTests(DatabaseFixture database)
{
    [Fact]
    public async Task With_prometheus_on_metrics_list_requests_the_database_and_the_apps_own_counters()
    {
        await using var world = await AssessmentWorld.CreateAsync(database.Server, settings: new Dictionary<string, string?> { ["Telemetry:Prometheus"] = "true" });
        var session = await world.SessionAsync(world.AnaToken);
        var saved = await world.WithAsync(sp => sp.GetRequiredService<RatingService>()
            .SaveAsync(session, "1.1.1", RatingValues.Empty with { LevelNow = LevelAnswer.Of(CityMaturity.Domain.Catalogue.MaturityLevel.Fulfilled) }, 0, null));
        Assert.IsType<SaveOutcome.Saved>(saved);
        using var client = await world.Access.ClientAsync("facilitator");
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"/api/assessments/{world.Assessment.Id}/report.pdf")).StatusCode);

        using var response = await client.Http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metrics = await response.Content.ReadAsStringAsync();
        Assert.Contains("citymaturity_ratings_saved", metrics, StringComparison.Ordinal);
        Assert.Contains("citymaturity_reports_rendered", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("db_client_", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Otlp_over_http_sends_request_traces_with_their_sql_and_the_apps_counters_to_the_collector()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        // As an operator sets it (the exporter's own variables); short intervals so the test need not wait a minute.
        var settings = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };
        await using var world = await AssessmentWorld.CreateAsync(database.Server, settings: settings);
        var session = await world.SessionAsync(world.AnaToken);
        var saved = await world.WithAsync(sp => sp.GetRequiredService<RatingService>()
            .SaveAsync(session, "1.1.1", RatingValues.Empty with { LevelNow = LevelAnswer.Of(CityMaturity.Domain.Catalogue.MaturityLevel.Fulfilled) }, 0, null));
        Assert.IsType<SaveOutcome.Saved>(saved);
        using var client = await world.Access.ClientAsync("facilitator");
        // The request carries a trace of its own: the tracer listens to ASP.NET Core's and Npgsql's activities
        // process-wide, so requests of other tests' hosts running meanwhile in this process reach the collector too.
        var traceId = ActivityTraceId.CreateRandom();
        using var summary = new HttpRequestMessage(HttpMethod.Get, $"/api/assessments/{world.Assessment.Id}/summary");
        summary.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        Assert.Equal(HttpStatusCode.OK, (await client.Http.SendAsync(summary)).StatusCode);

        var summaryRoute = "GET /api/assessments/{id:guid}/summary";
        bool IsTheSummaryRequest(OtlpReceiver.Span span) => span.Name == summaryRoute && span.TraceId == traceId.ToHexString();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline
               && !(collector.Spans().Any(IsTheSummaryRequest) && collector.Metrics().Any(m => m.Name == "citymaturity.ratings.saved")))
        {
            await Task.Delay(200);
        }

        Assert.Equal(["/v1/metrics", "/v1/traces"], collector.Paths.Where(p => p != "/v1/logs").Order());
        var spans = collector.Spans();
        var request = Assert.Single(spans, IsTheSummaryRequest);
        Assert.Equal("CityMaturity", request.Service);
        Assert.Equal("200", request.Attributes["http.response.status_code"]);
        // The request's SQL, as Npgsql's spans in the same trace (EF Core's queries run through Npgsql).
        var sql = spans.Where(s => s.Scope == "Npgsql" && s.TraceId == request.TraceId).ToList();
        Assert.NotEmpty(sql);
        // Npgsql 10 follows the current database conventions (db.system.name, db.query.text).
        Assert.All(sql, s => Assert.True(s.Attributes.GetValueOrDefault("db.system.name") == "postgresql", string.Join(", ", s.Attributes.Keys)));
        Assert.All(sql, s => Assert.Equal(request.SpanId, s.ParentSpanId));
        Assert.Contains(sql, s => s.Attributes.GetValueOrDefault("db.query.text", "").Contains("SELECT", StringComparison.Ordinal));

        var metrics = collector.Metrics();
        Assert.Contains(metrics, m => m.Scope == "CityMaturity" && m.Name == "citymaturity.ratings.saved");
        Assert.Contains(metrics, m => m.Name == "http.server.request.duration");
        Assert.Contains(metrics, m => m.Scope == "Npgsql" && m.Name.StartsWith("db.client.", StringComparison.Ordinal));
        Assert.All(metrics, m => Assert.Equal("CityMaturity", m.Service));
    }

    [Fact]
    public async Task Without_it_there_is_no_metrics_endpoint()
    {
        await using var factory = new CityMaturityFactory(await database.Server.CreateMigratedDatabaseAsync());
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
    }
}
