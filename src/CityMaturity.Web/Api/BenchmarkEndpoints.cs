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
            .WithSummary("The distribution per dimension, sub-dimension and characteristic across the network's cities (or an offered peer group / method), and the caller's own position.");
    }

    private static async Task<IResult> ComparisonAsync(Guid networkId, string? peer, string? method, HttpContext context, BenchmarkService benchmarks)
    {
        if (context.User.UserId() is not { } userId || await benchmarks.ViewAsync(networkId, userId, peer, method, context.RequestAborted) is not { } view)
        {
            return ErrorResponses.Refusal(StatusCodes.Status404NotFound, "No such network, or you may not see it.");
        }

        if ((view.FilterRefusal ?? view.NoFigures) is { } refusal)
        {
            return ErrorResponses.Refusal(StatusCodes.Status422UnprocessableEntity, refusal);
        }

        Downloads.NeverStore(context.Response);
        return Results.Json(Document(view));
    }

    /// <summary>The JSON: figures and the member list as members see it; no organisation ids, no order that follows cities.</summary>
    private static object Document(NetworkView view) => new
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
                level = m.Metric.Level switch { BenchmarkLevel.Dimension => "dimension", BenchmarkLevel.SubDimension => "sub-dimension", BenchmarkLevel.Characteristic => "characteristic" },
                name = m.Metric.Name,
                now = View(m.Now),
                inTwoYears = View(m.InTwoYears),
            }),
        },
    };

    private static object View(ViewComparison view) => new
    {
        withheld = view.IsWithheld,
        cities = view.Distribution?.Count,
        minimum = view.Distribution?.Minimum,
        lowerQuartile = view.Distribution?.LowerQuartile,
        median = view.Distribution?.Median,
        upperQuartile = view.Distribution?.UpperQuartile,
        maximum = view.Distribution?.Maximum,
        // Lowest first: the strip of dots, in no order that could follow a city from one metric to the next.
        scores = view.Distribution?.Values,
        own = view.Own,
        rank = view.Position?.Rank,
        outOf = view.Position?.OutOf,
        percentile = view.Position?.Percentile,
        quartile = view.Position?.Band.DisplayName(),
        gapToTopQuartile = view.Position?.GapToTopQuartile,
    };
}
