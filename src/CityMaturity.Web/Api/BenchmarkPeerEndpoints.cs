using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Evidence;
using CityMaturity.Web.Evidence;
using CityMaturity.Web.Hosting;
using CityMaturity.Web.Security;

namespace CityMaturity.Web.Api;

/// <summary>
/// Read-only JSON of what members share with each other beyond scores (docs/benchmarking.md, ADR 0042): indicator values
/// side by side, whom to learn from with the evidence they share, and the challenge threads; and the download of a shared
/// document. Cities appear under their name or alias exactly as on the pages; no organisation id, no person, ever.
/// Unknown networks and networks the caller may not see both answer 404.
/// </summary>
public static class BenchmarkPeerEndpoints
{
    public static void MapBenchmarkPeerEndpoints(this WebApplication app)
    {
        var network = app.MapGroup("/api/benchmarks/{networkId:guid}").RequireAuthorization(Policies.Api).WithTags("Benchmarking");
        network.MapGet("/indicators", IndicatorsAsync).WithName("GetBenchmarkIndicators")
            .WithSummary("The indicator values members published into the network, per indicator and year, side by side, with units checked.");
        network.MapGet("/learn-from", LearnFromAsync).WithName("GetBenchmarkLearnFrom")
            .WithSummary("Per characteristic, the member cities in the network's top quartile that share evidence on it, with that evidence.");
        network.MapGet("/challenges", ChallengesAsync).WithName("GetBenchmarkChallenges")
            .WithSummary("The peer challenge threads of the network: question, answers, and the challenged city's shared evidence.");
        network.MapGet("/evidence/{evidenceId:guid}/file", DocumentAsync).WithName("GetBenchmarkSharedDocument")
            .WithSummary("A document a member shares with the network.");
    }

    /// <summary>The JSON <paramref name="document"/> of what <paramref name="load"/> reads for the caller; 404 when it reads nothing.</summary>
    private static async Task<IResult> VisibleJsonAsync<T>(HttpContext context, Func<Guid, CancellationToken, Task<T?>> load, Func<T, object> document)
        where T : class
    {
        if (context.User.UserId() is not { } userId || await load(userId, context.RequestAborted) is not { } view)
        {
            return ErrorResponses.Refusal(StatusCodes.Status404NotFound, "No such network, or you may not see it.");
        }

        Downloads.NeverStore(context.Response);
        return Results.Json(document(view));
    }

    private static Task<IResult> IndicatorsAsync(Guid networkId, HttpContext context, BenchmarkIndicatorService indicators) =>
        VisibleJsonAsync(context, (userId, cancel) => indicators.ViewAsync(networkId, userId, cancel), view => new
        {
            network = new { id = view.Network.Id, name = view.Network.Name, k = view.Network.KThreshold },
            indicators = view.Rows.Select(r => new
            {
                code = r.Code,
                name = r.Name,
                year = r.Year,
                referenceUnit = r.ReferenceUnit,
                median = r.Median,
                note = r.Note,
                values = r.Values.Select(v => new { city = v.ShownAs, own = v.IsOwn, value = v.Value, unit = v.Unit, compared = v.Compared }),
            }),
        });

    private static Task<IResult> LearnFromAsync(Guid networkId, HttpContext context, PeerLearningService peers) =>
        VisibleJsonAsync(context, (userId, cancel) => peers.ViewAsync(networkId, userId, PeerParts.LearnFrom, cancel), view => new
        {
            network = new { id = view.Network.Id, name = view.Network.Name, k = view.Network.KThreshold },
            noFigures = view.NoFigures,
            characteristics = view.Characteristics.Select(c => new
            {
                code = c.Code,
                name = c.Name,
                topQuartileFrom = c.UpperQuartile,
                own = c.Own,
                ownQuartile = c.OwnBand?.DisplayName(),
                learnFrom = c.Peers.Select(p => new { city = p.ShownAs, named = p.IsNamed, openChallenges = p.OpenChallenges, evidence = p.Evidence.Select(Evidence) }),
            }),
        });

    private static Task<IResult> ChallengesAsync(Guid networkId, HttpContext context, PeerLearningService peers) =>
        VisibleJsonAsync(context, (userId, cancel) => peers.ViewAsync(networkId, userId, PeerParts.Threads, cancel), view => new
        {
            network = new { id = view.Network.Id, name = view.Network.Name },
            challenges = view.Threads.Select(t => new
            {
                id = t.Id,
                characteristic = t.CharacteristicCode,
                characteristicName = t.CharacteristicName,
                challenged = t.Target,
                openedBy = t.OpenedBy,
                open = t.IsOpen,
                openedAt = t.OpenedAt,
                evidence = t.Evidence.Select(Evidence),
                posts = t.Posts.Select(p => new { id = p.Id, by = p.Author, text = p.Body, postedAt = p.PostedAt, hidden = p.IsHidden, hiddenBecause = p.HiddenReason }),
            }),
        });

    private static async Task<IResult> DocumentAsync(Guid networkId, Guid evidenceId, HttpContext context, PeerLearningService peers)
    {
        if (context.User.UserId() is not { } userId || await peers.OpenSharedDocumentAsync(networkId, userId, evidenceId, context.RequestAborted) is not { } document)
        {
            return ErrorResponses.Refusal(StatusCodes.Status404NotFound, "No such shared document, or you may not see it.");
        }

        return EvidenceEndpoints.DocumentFile(context, document.Item, document.Content);
    }

    /// <summary>An evidence item as the network sees it: what it is, never who attached it.</summary>
    private static object Evidence(SharedEvidenceItem item) => new
    {
        id = item.Id,
        characteristic = item.CharacteristicCode,
        kind = item.Kind.Key(),
        title = item.Title,
        url = item.Url,
        indicator = item.IndicatorCode,
        year = item.IndicatorYear,
        contentType = item.ContentType,
        sizeBytes = item.SizeBytes,
        sha256 = item.Sha256,
    };
}
