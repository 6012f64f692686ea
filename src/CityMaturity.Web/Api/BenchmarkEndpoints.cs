using CityMaturity.Domain.Benchmarking;
using CityMaturity.Web.Hosting;
using CityMaturity.Web.Security;

namespace CityMaturity.Web.Api;

/// <summary>
/// Read-only JSON of a benchmark network's figures for members' own analyses (docs/benchmarking.md): the same privacy
/// rules as the page, because both read <see cref="BenchmarkService.ViewAsync"/>. Unlike the page, a filter the network
/// does not offer is refused (422) instead of falling back to the whole network, so a script never mistakes one for the other.
/// Unknown networks and networks the caller may not see both answer 404.
/// </summary>
public static class BenchmarkEndpoints
{
    public static void MapBenchmarkEndpoints(this WebApplication app)
    {
        var network = app.MapGroup("/api/benchmarks/{networkId:guid}").RequireAuthorization(Policies.Api).WithTags("Benchmarking");
        network.MapGet("/comparison", ComparisonAsync).WithName("GetBenchmarkComparison")
            .WithSummary("The distribution per dimension, sub-dimension and characteristic across the network's cities (or an offered peer group / method), and the caller's own position; every city's score (the dots) only with dots=true.");
        network.MapGet("/report.pdf", ReportAsync).WithName("GetBenchmarkReport").Produces<byte[]>(contentType: ReportEndpoints.PdfContentType)
            .WithSummary("The benchmark report: the caller's city against the network (or an offered filter), now and in two years.");
        network.MapGet("/comparison.csv", CsvAsync).WithName("GetBenchmarkComparisonCsv").Produces<string>(contentType: "text/csv")
            .WithSummary("The comparison as CSV: one line per dimension, sub-dimension or characteristic and view; no member appears in it.");
    }

    private static Task<IResult> ReportAsync(Guid networkId, string? peer, string? method, HttpContext context, BenchmarkExports exports) =>
        DownloadAsync(context, exports.ReportAsync, networkId, peer, method, ReportEndpoints.PdfContentType);

    private static Task<IResult> CsvAsync(Guid networkId, string? peer, string? method, HttpContext context, BenchmarkExports exports) =>
        DownloadAsync(context, exports.CsvAsync, networkId, peer, method, "text/csv; charset=utf-8");

    private static async Task<IResult> DownloadAsync(
        HttpContext context, Func<Guid, Guid, string?, string?, CancellationToken, Task<BenchmarkOutcome<BenchmarkDownload>>> export,
        Guid networkId, string? peer, string? method, string contentType)
    {
        var outcome = context.User.UserId() is { } userId ? await export(networkId, userId, peer, method, context.RequestAborted) : null;
        if (outcome?.Value is not { } download)
        {
            return ErrorResponses.Refusal(outcome?.Refusal ?? new CityMaturity.Application.Refusal(CityMaturity.Application.RefusalKind.NotFound, "No such network, or you may not see its figures."));
        }

        Downloads.NeverStore(context.Response);
        return Results.File(download.Content, contentType, download.FileName);
    }

    private static async Task<IResult> ComparisonAsync(Guid networkId, string? peer, string? method, bool? dots, HttpContext context, BenchmarkService benchmarks)
    {
        if (context.User.UserId() is not { } userId || await benchmarks.ViewAsync(networkId, userId, peer, method, context.RequestAborted) is not { } view)
        {
            return ErrorResponses.Refusal(ErrorResponses.StatusOf(CityMaturity.Application.RefusalKind.NotFound), "No such network, or you may not see it.");
        }

        if ((view.FilterRefusal ?? view.NoFigures) is { } refusal)
        {
            return ErrorResponses.Refusal(ErrorResponses.StatusOf(CityMaturity.Application.RefusalKind.RuleBroken), refusal);
        }

        Downloads.NeverStore(context.Response);
        return Results.Json(Document(view, dots ?? false));
    }

    /// <summary>
    /// The JSON: figures and the member list as members see it; no organisation ids, no order that follows cities. The strip
    /// of dots (every city's score, lowest first) only with <paramref name="dots"/>: at 1,000 cities it is about 100,000
    /// numbers, nine tenths of the answer, and the five figures and the caller's position are what a script compares.
    /// </summary>
    private static object Document(NetworkView view, bool dots) => new
    {
        network = new { id = view.Network.Id, name = view.Network.Name, k = view.Network.KThreshold, generated = view.Network.IsDemo },
        viewer = view.ViewerOrganisation?.Name,
        members = view.Members.Select(m => new
        {
            shownAs = m.ShownAs,
            named = m.IsNamed,
            own = m.IsOwn,
            status = m.Status == MembershipStatus.Accepted ? "accepted" : "invited",
            published = m.HasPublished,
            profile = m.Profile is { } p ? new { selfDeclared = true, country = p.Country, region = p.Region, populationBand = p.PopulationBand, areaType = p.AreaType, tags = p.Tags } : null,
        }),
        filters = view.Filters.Select(f => new { name = f.Filter.DisplayName, peer = f.Filter.Peer?.Key, method = f.Filter.Method?.Key(), cities = f.Cities }),
        comparison = view.Comparison is not { } comparison ? null : new
        {
            filter = new { name = comparison.Filter.DisplayName, peer = comparison.Filter.Peer?.Key, method = comparison.Filter.Method?.Key() },
            cities = comparison.Cities,
            ownIncluded = comparison.OwnIncluded,
            metrics = comparison.Metrics.Select(m => new
            {
                code = m.Metric.Code,
                level = BenchmarkExports.LevelKey(m.Metric.Level),
                name = m.Metric.Name,
                now = View(m.Now, dots),
                inTwoYears = View(m.InTwoYears, dots),
            }),
        },
    };

    private static object View(ViewComparison view, bool dots) => new
    {
        withheld = view.IsWithheld,
        cities = view.Distribution?.Count,
        minimum = view.Distribution?.Minimum,
        lowerQuartile = view.Distribution?.LowerQuartile,
        median = view.Distribution?.Median,
        upperQuartile = view.Distribution?.UpperQuartile,
        maximum = view.Distribution?.Maximum,
        // Lowest first: the strip of dots, in no order that could follow a city from one metric to the next.
        scores = dots ? view.Distribution?.Values : null,
        own = view.Own,
        rank = view.Position?.Rank,
        outOf = view.Position?.OutOf,
        percentile = view.Position?.Percentile,
        quartile = view.Position?.Band.DisplayName(),
        gapToTopQuartile = view.Position?.GapToTopQuartile,
    };
}
