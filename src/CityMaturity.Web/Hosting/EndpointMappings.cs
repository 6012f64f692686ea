using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CityMaturity.Web.Hosting;

internal static class EndpointMappings
{
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

    /// <summary>
    /// MudBlazor's theme variables (<see cref="Theming.ThemeStylesheet"/>). The layouts ask for it under its
    /// content hash, so a browser keeps it for a year; any other address gets the same CSS, checked again each time.
    /// </summary>
    public static void MapThemeStylesheet(this WebApplication app, Theming.ThemeStylesheet theme)
    {
        app.MapGet(Theming.ThemeStylesheet.Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = context.Request.Query["v"] == theme.Version
                ? "public, max-age=31536000, immutable"
                : "no-cache";
            context.Response.Headers.ETag = $"\"{theme.Version}\"";
            return Results.Text(theme.Css, "text/css; charset=utf-8");
        }).AllowAnonymous();
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
