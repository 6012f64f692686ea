using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CityMaturity.Web.Hosting;

internal static class EndpointMappings
{
    private const string BlazorScriptResource = "CityMaturity.Web.blazor.web.js";

    /// <summary>
    /// Serves the Blazor script extracted from the ASP.NET Core runtime pack at build time (ADR 0003).
    /// With UseOfficialBlazorAssets=true the resource is absent and the framework's own asset is served.
    /// </summary>
    public static void MapBlazorWebScript(this WebApplication app)
    {
        var assembly = typeof(EndpointMappings).Assembly;
        using var stream = assembly.GetManifestResourceStream(BlazorScriptResource);
        if (stream is null)
        {
            return;
        }

        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var script = memory.ToArray();
        var etag = $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(script))[..16]}\"";
        app.MapGet("/_framework/blazor.web.js", (HttpContext context) =>
        {
            context.Response.Headers.ETag = etag;
            context.Response.Headers.CacheControl = "no-cache";
            return context.Request.Headers.IfNoneMatch == etag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Bytes(script, "text/javascript; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>The tag of checks that decide readiness (the database); liveness runs none.</summary>
    public const string ReadinessTag = "ready";

    /// <summary>
    /// /health/live: 200 while the process serves requests at all — an orchestrator restarts the app only when this fails,
    /// never because PostgreSQL is away (a restart would not bring it back). /health/ready: 200 when the database answers,
    /// 503 otherwise — a load balancer sends no traffic to an instance that is not ready. /health is /health/ready under
    /// its older name (scripts and monitoring use it).
    /// </summary>
    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", Options(_ => false)).AllowAnonymous();
        app.MapHealthChecks("/health/ready", Options(check => check.Tags.Contains(ReadinessTag))).AllowAnonymous();
        app.MapHealthChecks("/health", Options(check => check.Tags.Contains(ReadinessTag))).AllowAnonymous();
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) =>
        new()
        {
            Predicate = predicate,
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "application/json";
                await JsonSerializer.SerializeAsync(context.Response.Body, new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
                });
            },
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        };
}
