using System.Diagnostics.Metrics;

namespace CityMaturity.Application.Telemetry;

/// <summary>
/// The app's own counters (meter "CityMaturity"), exported with the rest of the telemetry when it is switched on
/// (<see cref="TelemetrySetup"/>). Counting costs next to nothing when nobody listens.
/// </summary>
public static class AppMetrics
{
    public const string MeterName = "CityMaturity";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> RatingsSaved =
        Meter.CreateCounter<long>("citymaturity.ratings.saved", "{answer}", "Answers saved through the rating form.");

    public static readonly Counter<long> Votes =
        Meter.CreateCounter<long>("citymaturity.workshop.votes", "{vote}", "Workshop votes accepted from phones.");

    public static readonly Counter<long> Reveals =
        Meter.CreateCounter<long>("citymaturity.workshop.reveals", "{round}", "Workshop rounds revealed.");

    public static readonly Counter<long> Imports =
        Meter.CreateCounter<long>("citymaturity.imports", "{file}", "Ratings CSV imports, tagged outcome=imported|refused.");

    public static readonly Counter<long> ReportsRendered =
        Meter.CreateCounter<long>("citymaturity.reports.rendered", "{report}", "Baseline reports rendered as PDF.");

    public static readonly UpDownCounter<long> LiveConnections =
        Meter.CreateUpDownCounter<long>("citymaturity.live.connections", "{connection}", "Open live connections, tagged kind=circuit|phone.");
}
