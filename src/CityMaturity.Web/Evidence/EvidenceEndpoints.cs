using System.Security.Claims;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Evidence;
using CityMaturity.Web.Api;
using CityMaturity.Web.Hosting;
using CityMaturity.Web.Assessments;
using CityMaturity.Web.Security;
using Microsoft.AspNetCore.Http.Features;

namespace CityMaturity.Web.Evidence;

/// <summary>
/// Evidence over HTTP. On the rating page (by personal link or signed in as a member participant): read one card's
/// evidence when it opens (ADR 0052), add a link or a document to one's own answer, remove one's own items, download the
/// assessment's documents. In the API (cookie or
/// personal access token): list and download (results permission), add links, indicator references and documents to a
/// characteristic or a consensus decision, remove any item (manage permission).
/// Every write is a JSON post, an application/octet-stream post or a DELETE: none can be sent cross-site without a CORS
/// pre-flight, which the app never grants. Unknown, foreign and forbidden all answer 404.
/// </summary>
public static class EvidenceEndpoints
{
    public const string DocumentContentType = "application/octet-stream";

    public sealed record LinkRequest(string? Code, string? Url, Guid? ConsensusDecisionId);

    public sealed record IndicatorRequest(string? Code, string? IndicatorCode, int? Year, Guid? ConsensusDecisionId);

    public static void MapEvidenceEndpoints(this WebApplication app)
    {
        var byLink = app.MapGroup("/rate/{token}/evidence").AllowAnonymous().ExcludeFromDescription();
        MapParticipant(byLink, (context, ratings) => ratings.FindByTokenAsync((string?)context.Request.RouteValues["token"]));

        var asMember = app.MapGroup("/orgs/{slug}/assessments/{assessmentId:guid}/rate/evidence").RequireAuthorization().ExcludeFromDescription();
        MapParticipant(asMember, (context, ratings) => RatingEndpoints.MemberSessionAsync(
            (string)context.Request.RouteValues["slug"]!, Guid.Parse((string)context.Request.RouteValues["assessmentId"]!),
            context, context.RequestServices.GetRequiredService<OrganisationAccess>(), ratings));

        var api = app.MapGroup("/api/assessments/{id:guid}/evidence").RequireAuthorization(Policies.Api).WithTags("Evidence");
        api.MapGet("/", ListAsync).WithName("EvidenceList");
        api.MapGet("/{evidenceId:guid}/file", ApiDownloadAsync).WithName("EvidenceFile");
        api.MapPost("/link", ApiAddLinkAsync).WithName("EvidenceAddLink");
        api.MapPost("/indicator", ApiAddIndicatorAsync).WithName("EvidenceAddIndicator");
        api.MapPost("/document", ApiAddDocumentAsync).WithName("EvidenceAddDocument");
        api.MapDelete("/{evidenceId:guid}", ApiRemoveAsync).WithName("EvidenceRemove");
    }

    private static void MapParticipant(RouteGroupBuilder group, Func<HttpContext, RatingService, Task<RatingSession?>> find)
    {
        group.MapGet("", async (string? code, bool? all, HttpContext context, RatingService ratings, EvidenceService evidence, IIndicatorFacts facts) =>
            await find(context, ratings) is { } session ? await CardEvidenceAsync(session, code, all == true, context, evidence, facts) : NotFound(context));
        group.MapPost("/link", async (LinkRequest? request, HttpContext context, RatingService ratings, EvidenceService evidence) =>
            await find(context, ratings) is { } session
                ? Answer(await evidence.AddLinkAsync(new EvidenceTarget(session.Assessment, request?.Code), request?.Url, Actor(session, context)), context)
                : NotFound(context));
        group.MapPost("/document", async (string? code, string? name, HttpContext context, RatingService ratings, EvidenceService evidence) =>
            await find(context, ratings) is { } session
                ? Answer(await ReceiveAsync(evidence, new EvidenceTarget(session.Assessment, code), name, Actor(session, context), context), context)
                : NotFound(context));
        group.MapDelete("/{evidenceId:guid}", async (Guid evidenceId, HttpContext context, RatingService ratings, EvidenceService evidence) =>
            await find(context, ratings) is { } session
                ? Answer(await evidence.RemoveAsync(session.Assessment, evidenceId, Actor(session, context)), context)
                : NotFound(context));
        group.MapGet("/{evidenceId:guid}/file", async (Guid evidenceId, HttpContext context, RatingService ratings, EvidenceService evidence) =>
            await find(context, ratings) is { } session ? await DownloadAsync(evidence, session.Assessment.Id, evidenceId, context) : NotFound(context));
    }

    /// <summary>
    /// One characteristic's evidence for its rating card (ADR 0052): the items, as the participant may see them, and the
    /// city's latest published indicator values with their trend (the first few, or all when asked). Only a characteristic
    /// of the participant's assessment.
    /// </summary>
    private static async Task<IResult> CardEvidenceAsync(RatingSession session, string? code, bool allValues, HttpContext context, EvidenceService evidence, IIndicatorFacts facts)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (string.IsNullOrWhiteSpace(code))
        {
            return ErrorResponses.Refusal(new CityMaturity.Application.Refusal(CityMaturity.Application.RefusalKind.Malformed,
                "Name the characteristic whose evidence to show, e.g. ?code=1.1.1."), "No characteristic named");
        }

        if (session.Assessment.Scope.FirstOrDefault(c => string.Equals(c, code.Trim(), StringComparison.Ordinal)) is not { } inScope)
        {
            return Results.Problem(title: "Not found", detail: "The characteristic named is not one of this assessment's.", statusCode: StatusCodes.Status404NotFound);
        }

        var items = await evidence.ListAsync(session.Assessment.Id, inScope, viewer: session.Participant.Id);
        var values = await facts.LatestForAsync(session.Assessment.OrganisationId, [inScope], context.RequestAborted);
        return Results.Json(RatingCardEvidenceSet.Of(inScope, items, values.GetValueOrDefault(inScope) ?? [], allValues), RatingCardJson.Default.RatingCardEvidenceSet);
    }

    private static EvidenceActor Actor(RatingSession session, HttpContext context) => EvidenceActor.Participant(session.Participant.Id, context.User.UserId());

    private static async Task<IResult> ListAsync(Guid id, string? code, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, EvidenceService evidence)
    {
        if (await access.FindAssessmentAsync(user, id, AssessmentPermission.ViewResults, context.RequestAborted) is null)
        {
            return NotFound(context);
        }

        Downloads.NeverStore(context.Response);
        return Results.Json(await evidence.ListAsync(id, code, namesShown: true));
    }

    private static async Task<IResult> ApiDownloadAsync(Guid id, Guid evidenceId, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, EvidenceService evidence) =>
        await access.FindAssessmentAsync(user, id, AssessmentPermission.ViewResults, context.RequestAborted) is null
            ? NotFound(context)
            : await DownloadAsync(evidence, id, evidenceId, context);

    private static async Task<IResult> ApiAddLinkAsync(Guid id, LinkRequest? request, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, EvidenceService evidence) =>
        await ManagedAsync(id, user, context, access) is { } assessment
            ? Answer(await evidence.AddLinkAsync(new EvidenceTarget(assessment, request?.Code, request?.ConsensusDecisionId), request?.Url, EvidenceActor.Manager(user.UserId()!.Value)), context)
            : NotFound(context);

    private static async Task<IResult> ApiAddIndicatorAsync(Guid id, IndicatorRequest? request, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, EvidenceService evidence) =>
        await ManagedAsync(id, user, context, access) is { } assessment
            ? Answer(await evidence.AddIndicatorAsync(new EvidenceTarget(assessment, request?.Code, request?.ConsensusDecisionId), request?.IndicatorCode, request?.Year, EvidenceActor.Manager(user.UserId()!.Value)), context)
            : NotFound(context);

    private static async Task<IResult> ApiAddDocumentAsync(Guid id, string? code, string? name, Guid? consensusDecisionId, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, EvidenceService evidence) =>
        await ManagedAsync(id, user, context, access) is { } assessment
            ? Answer(await ReceiveAsync(evidence, new EvidenceTarget(assessment, code, consensusDecisionId), name, EvidenceActor.Manager(user.UserId()!.Value), context), context)
            : NotFound(context);

    private static async Task<IResult> ApiRemoveAsync(Guid id, Guid evidenceId, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, EvidenceService evidence) =>
        await ManagedAsync(id, user, context, access) is { } assessment
            ? Answer(await evidence.RemoveAsync(assessment, evidenceId, EvidenceActor.Manager(user.UserId()!.Value)), context)
            : NotFound(context);

    /// <summary>A user who runs the assessment (a personal access token carries the user, and is refused writes like a reader would be).</summary>
    private static async Task<Assessment?> ManagedAsync(Guid id, ClaimsPrincipal user, HttpContext context, OrganisationAccess access) =>
        user.UserId() is null ? null : await access.FindAssessmentAsync(user, id, AssessmentPermission.Manage, context.RequestAborted);

    /// <summary>
    /// The document is the request body itself, sent as application/octet-stream (anything else is refused before reading:
    /// a plain cross-site form cannot send this type). The server's own body limit is lowered to the evidence limit
    /// (plus one byte, so the service sees it is over and answers with its own message).
    /// </summary>
    private static async Task<EvidenceOutcome> ReceiveAsync(EvidenceService evidence, EvidenceTarget target, string? name, EvidenceActor actor, HttpContext context) =>
        WhyNotADocumentBody(context, evidence.Options) is { } refused
            ? refused
            : await evidence.AddDocumentAsync(target, context.Request.Body, context.Request.ContentLength, name, actor, context.RequestAborted);

    /// <summary>
    /// Null when the request body is a document (application/octet-stream), with the server's body limit lowered to the
    /// evidence limit plus one byte; otherwise the refusal. Shared by every endpoint that receives a document.
    /// </summary>
    public static EvidenceOutcome.Refused? WhyNotADocumentBody(HttpContext context, EvidenceOptions options)
    {
        if (!string.Equals(context.Request.ContentType, DocumentContentType, StringComparison.OrdinalIgnoreCase))
        {
            return new EvidenceOutcome.Refused(CityMaturity.Application.RefusalKind.UnsupportedType, "Not added",
                $"Send the document itself as the request body, with Content-Type: {DocumentContentType}; its name goes in ?name=.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxFileBytes + 1;
        }

        return null;
    }

    private static IResult Answer(EvidenceOutcome outcome, HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return outcome switch
        {
            EvidenceOutcome.Added added => Results.Json(EvidenceReceipt.Of(added.Item), statusCode: StatusCodes.Status201Created),
            EvidenceOutcome.Removed removed => Results.Json(EvidenceReceipt.Of(removed.Item)),
            EvidenceOutcome.Refused refused => Results.Problem(title: refused.Title, detail: refused.Message, statusCode: ErrorResponses.StatusOf(refused.Kind)),
            _ => throw new InvalidOperationException("Unknown evidence outcome."),
        };
    }

    /// <summary>
    /// A document is only ever a download: its own content type (found from its bytes), attachment, nosniff, and a
    /// content security policy that sandboxes it and allows nothing, should a browser render it anyway.
    /// </summary>
    private static async Task<IResult> DownloadAsync(EvidenceService evidence, Guid assessmentId, Guid evidenceId, HttpContext context)
    {
        return await evidence.OpenDocumentAsync(assessmentId, evidenceId, context.RequestAborted) is { } document
            ? DocumentFile(context, document.Item, document.Content)
            : NotFound(context);
    }

    /// <summary>A stored document as a download, never rendered (see <see cref="DocumentPolicy"/>); benchmark networks and audits serve documents through it too.</summary>
    public static IResult DocumentFile(HttpContext context, EvidenceItem item, byte[] content)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = DocumentPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        Downloads.NeverStore(context.Response);
        return Results.File(content, item.ContentType ?? DocumentContentType, item.Title);
    }

    public const string DocumentPolicy = "default-src 'none'; sandbox; frame-ancestors 'none'";

    private static IResult NotFound(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Problem(title: "Not found", detail: "There is no such evidence, or it is not yours to see.", statusCode: StatusCodes.Status404NotFound);
    }
}

/// <summary>What an add or a remove answers: the item's id and what was kept (the cleaned name, the SHA-256).</summary>
public sealed record EvidenceReceipt(Guid Id, string Code, string Kind, string Title, string? ContentType, long? SizeBytes, string? Sha256)
{
    public static EvidenceReceipt Of(EvidenceItem item) =>
        new(item.Id, item.CharacteristicCode, item.Kind.Key(), item.Title, item.ContentType, item.SizeBytes, item.Sha256 is null ? null : Convert.ToHexStringLower(item.Sha256));
}
