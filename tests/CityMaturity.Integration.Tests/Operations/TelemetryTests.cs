using System.Net;
using CityMaturity.Domain.Assessments;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Operations;

/// <summary>Metrics for operators who scrape: /metrics when Telemetry:Prometheus is on, nothing when it is off.</summary>
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
    public async Task Without_it_there_is_no_metrics_endpoint()
    {
        await using var factory = new CityMaturityFactory(await database.Server.CreateMigratedDatabaseAsync());
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
    }
}
