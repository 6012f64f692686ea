using Microsoft.AspNetCore.Components.Server.Circuits;
using Npgsql;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CityMaturity.Web.Telemetry;

/// <summary>
/// OpenTelemetry, switched on only when an operator asks for it, so a plain installation (and the benchmarks) pay
/// nothing: traces of requests and of the SQL Npgsql runs (EF Core's included), metrics of requests, the runtime,
/// Npgsql, EF Core and <see cref="AppMetrics"/>, and logs. Exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// (or <c>Telemetry:OtlpEndpoint</c>) is set; metrics readable at <c>/metrics</c> for Prometheus when
/// <c>Telemetry:Prometheus</c> is true. Logs always carry the trace and span ids of the request they belong to.
/// </summary>
public static class TelemetrySetup
{
    public const string PrometheusPath = "/metrics";

    public static void AddCityMaturityTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CircuitHandler, LiveCircuitCounter>();
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var configuration = builder.Configuration;
        var otlpEndpoint = configuration["Telemetry:OtlpEndpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var otlp = !string.IsNullOrWhiteSpace(otlpEndpoint);
        var prometheus = configuration.GetValue("Telemetry:Prometheus", false);
        if (!otlp && !prometheus)
        {
            return;
        }

        // The exporter reads its own OTEL_EXPORTER_OTLP_* settings from configuration. Setting its Endpoint in code
        // would switch off the signal paths it appends over HTTP (/v1/traces, /v1/metrics): with
        // OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf every signal then went to the collector's root and was refused.
        // So our own setting is handed over as the exporter's variable, never as code.
        if (otlp)
        {
            configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
        }
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("CityMaturity"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter("Npgsql", "Microsoft.EntityFrameworkCore", AppMetrics.MeterName);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }

                if (prometheus)
                {
                    metrics.AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments(PrometheusPath))
                .AddNpgsql()
                .AddOtlpExporter());
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeScopes = true;
                logging.AddOtlpExporter();
            });
        }
    }

    /// <summary>
    /// /metrics when Telemetry:Prometheus is on. It answers anyone who reaches it: expose it only on the network the
    /// scraper uses (docs/operations.md).
    /// </summary>
    public static void MapCityMaturityTelemetry(this WebApplication app)
    {
        if (app.Configuration.GetValue("Telemetry:Prometheus", false))
        {
            app.MapPrometheusScrapingEndpoint(PrometheusPath).AllowAnonymous();
        }
    }
}

/// <summary>Counts the Blazor circuits with a live connection (<see cref="AppMetrics.LiveConnections"/>, kind=circuit).</summary>
internal sealed class LiveCircuitCounter : CircuitHandler
{
    private static readonly KeyValuePair<string, object?> Kind = new("kind", "circuit");

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        AppMetrics.LiveConnections.Add(1, Kind);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        AppMetrics.LiveConnections.Add(-1, Kind);
        return Task.CompletedTask;
    }
}
