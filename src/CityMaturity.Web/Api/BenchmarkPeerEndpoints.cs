using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Evidence;
using CityMaturity.Web.Evidence;
using CityMaturity.Web.Hosting;
using CityMaturity.Web.Security;

namespace CityMaturity.Web.Api;

/// <summary>
/// JSON of what members share with each other beyond scores (docs/benchmarking.md, ADR 0042): indicator values side by
/// side, whom to learn from with the evidence they share, and the challenge threads; the download of a shared document;
/// and the threads' writes: opening a challenge (on a characteristic or an indicator value), hiding and showing a post. Cities appear under their name or alias exactly as on the pages; no organisation id, no person, ever.
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
            .WithSummary("Per characteristic, the member cities two or more levels ahead of the caller's city now that share evidence on it, with that evidence.");
        network.MapGet("/challenges", ChallengesAsync).WithName("GetBenchmarkChallenges")
            .WithSummary("The peer challenge threads of the network: question, answers, and the challenged city's shared evidence.");
        network.MapGet("/evidence/{evidenceId:guid}/file", DocumentAsync).WithName("GetBenchmarkSharedDocument")
            .WithSummary("A document a member shares with the network.");

        // The threads' writes (JSON posts, which no cross-site form can send): a member opens a challenge naming the city
        // as the network's views show it; a coordinator hides a post or shows it again, always with a reason.
        network.MapPost("/challenges", OpenChallengeAsync).WithName("OpenBenchmarkChallenge")
            .WithSummary("Question a member's shared score on a characteristic, or a shared indicator value of a year.");
        network.MapPost("/challenges/posts/{postId:guid}/hide", (Guid networkId, Guid postId, ReasonBody body, HttpContext context, PeerLearningService peers) =>
            ActAsync(context, async userId => { await peers.HideAsync(postId, userId, body.Reason ?? string.Empty, networkId); return Results.Json(new { id = postId, hidden = true }); }))
            .WithName("HideBenchmarkChallengePost").WithSummary("A coordinator hides a post, saying why.");
        network.MapPost("/challenges/posts/{postId:guid}/unhide", (Guid networkId, Guid postId, ReasonBody body, HttpContext context, PeerLearningService peers) =>
            ActAsync(context, async userId => { await peers.UnhideAsync(postId, userId, body.Reason ?? string.Empty, networkId); return Results.Json(new { id = postId, hidden = false }); }))
            .WithName("UnhideBenchmarkChallengePost").WithSummary("A coordinator shows a hidden post again, saying why.");
    }

    public sealed record ReasonBody(string? Reason);

    /// <summary>A challenge's subject: a characteristic, or an indicator and a year; the city by the name or alias the views show.</summary>
    public sealed record ChallengeBody(string? City, string? Characteristic, string? Indicator, int? Year, string? Question);

    private static Task<IResult> OpenChallengeAsync(Guid networkId, ChallengeBody body, HttpContext context, PeerLearningService peers) =>
        ActAsync(context, async userId =>
        {
            var target = await peers.MemberShownAsAsync(networkId, userId, body.City);
            var challenge = body switch
            {
                { Characteristic: { } code, Indicator: null } => await peers.OpenChallengeAsync(networkId, userId, target, code, body.Question ?? string.Empty),
                { Characteristic: null, Indicator: { } indicator, Year: { } year } => await peers.OpenIndicatorChallengeAsync(networkId, userId, target, indicator, year, body.Question ?? string.Empty),
                _ => throw new CityMaturity.Application.Organisations.ValidationException(
                    "Name what the challenge is about: a characteristic, or an indicator and a year.", CityMaturity.Application.RefusalKind.Malformed),
            };
            return Results.Json(new { id = challenge.Id }, statusCode: StatusCodes.Status201Created);
        });

    /// <summary>A write by the signed-in person: the service's refusal as problem details; a network, post or city not theirs to act on, 404.</summary>
    private static async Task<IResult> ActAsync(HttpContext context, Func<Guid, Task<IResult>> act)
    {
        Downloads.NeverStore(context.Response);
        try
        {
            return context.User.UserId() is { } userId ? await act(userId) : throw new KeyNotFoundException();
        }
        catch (KeyNotFoundException)
        {
            return ErrorResponses.Refusal(StatusCodes.Status404NotFound, "No such network, thread or post, or it is not yours to act on.");
        }
        catch (CityMaturity.Application.Organisations.ValidationException refused)
        {
            return ErrorResponses.Refusal(new CityMaturity.Application.Refusal(refused.Kind, refused.Message));
        }
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
                own = c.Own,
                aheadFrom = c.AheadFrom,
                note = c.Note,
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
                characteristicName = t.CharacteristicCode is null ? null : t.Name,
                indicator = t.Value?.IndicatorCode,
                indicatorName = t.Value is null ? null : t.Name,
                year = t.Value?.Year,
                value = t.Value?.Value,
                unit = t.Value?.Unit,
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
