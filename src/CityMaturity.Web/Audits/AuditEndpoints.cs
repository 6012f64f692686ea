using System.Security.Claims;
using CityMaturity.Domain.Audits;
using CityMaturity.Domain.Organisations;
using CityMaturity.Web.Accounts;
using CityMaturity.Web.Api;
using CityMaturity.Web.Evidence;
using CityMaturity.Web.Hosting;
using CityMaturity.Web.Security;

namespace CityMaturity.Web.Audits;

/// <summary>
/// External audits over HTTP (docs/audit.md). The city's side under /api/assessments/{id}/audits (engaging, revoking and
/// withdrawing need the organisation's administrator; the rest whoever manages the assessment); the auditor's side under
/// /api/audits (members of the engaged audit body, on the grant's days); the public side under /verify and the
/// well-known key. Every write is a JSON post (no cross-site form can send one); unknown, foreign, expired and
/// revoked all answer 404; refusals are problem details.
/// </summary>
public static class AuditEndpoints
{
    public const string VerifyRateLimit = "verify";

    public sealed record EngageBody(string? AuditBody, DateOnly? From, DateOnly? Until, int[]? IndicatorYears, bool ShowPersonalData);

    public sealed record TextBody(string? Text);

    public sealed record NoBody;

    public sealed record IndicatorCheckBody(Guid IndicatorValueId, string? Verdict, string? Reason);

    public sealed record RequestBody(string? Code, string? Question);

    public sealed record CloseBody(string? Opinion, string? Reservations);

    public sealed record CheckBody(string? Attestation, string? Signature);

    public static void MapAuditEndpoints(WebApplication app)
    {
        var city = app.MapGroup("/api/assessments/{id:guid}/audits").RequireAuthorization(Policies.Api).WithTags("Audits");
        city.MapGet("/", async (Guid id, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AuditService audits) =>
            await CityAsync(id, user, context, access, admin: false) is null ? NotFound(context) : Json(context, await audits.ForAssessmentAsync(id, context.RequestAborted)))
            .WithName("AuditsOfAssessment");
        city.MapPost("/", async (Guid id, EngageBody body, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AuditService audits) =>
            await CityAsync(id, user, context, access, admin: true) is null
                ? NotFound(context)
                : Answer(await audits.EngageAsync(id, new EngagementRequest(body.AuditBody, body.From, body.Until, body.IndicatorYears, body.ShowPersonalData), user.UserId()!.Value, context.RequestAborted), context, StatusCodes.Status201Created))
            .WithName("AuditEngage");
        city.MapGet("/{auditId:guid}", async (Guid id, Guid auditId, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AuditService audits) =>
            await CityAsync(id, user, context, access, admin: false) is not null && await audits.ForCityAsync(id, auditId, context.RequestAborted) is { } view
                ? Json(context, view) : NotFound(context))
            .WithName("AuditOfAssessment");
        city.MapGet("/{auditId:guid}/access-log", async (Guid id, Guid auditId, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AuditService audits) =>
            await CityAuditAsync(id, auditId, user, context, access, audits, admin: false)
                ? Json(context, await audits.AccessLogAsync(auditId, context.RequestAborted)) : NotFound(context))
            .WithName("AuditAccessLog");
        city.MapGet("/{auditId:guid}/record", async (Guid id, Guid auditId, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AuditService audits) =>
            await CityAuditAsync(id, auditId, user, context, access, audits, admin: false)
                ? Json(context, new { check = await audits.VerifyChainAsync(auditId, context.RequestAborted), entries = await audits.RecordAsync(auditId, context.RequestAborted) })
                : NotFound(context))
            .WithName("AuditRecord");
        city.MapPost("/{auditId:guid}/revoke", (Guid id, Guid auditId, NoBody _, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AuditService audits) =>
            CityStepAsync(id, auditId, user, context, access, audits, admin: true, (userId, ct) => audits.RevokeAsync(auditId, userId, ct)))
            .WithName("AuditRevoke");
        city.MapPost("/{auditId:guid}/respond", (Guid id, Guid auditId, TextBody body, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AuditService audits) =>
            CityStepAsync(id, auditId, user, context, access, audits, admin: false, (userId, ct) => audits.RespondAsync(auditId, body.Text, userId, ct)))
            .WithName("AuditRespond");
        city.MapPost("/{auditId:guid}/resubmit", (Guid id, Guid auditId, NoBody _, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AuditService audits) =>
            CityStepAsync(id, auditId, user, context, access, audits, admin: false, (userId, ct) => audits.ResubmitAsync(auditId, userId, ct)))
            .WithName("AuditResubmit");
        city.MapPost("/{auditId:guid}/requests/{requestId:guid}/answer", (Guid id, Guid auditId, Guid requestId, TextBody body, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AuditService audits) =>
            CityStepAsync(id, auditId, user, context, access, audits, admin: false, (userId, ct) => audits.AnswerRequestAsync(auditId, requestId, body.Text, userId, ct)))
            .WithName("AuditAnswerRequest");
        city.MapPost("/{auditId:guid}/requests/{requestId:guid}/messages", (Guid id, Guid auditId, Guid requestId, TextBody body, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AuditService audits) =>
            CityStepAsync(id, auditId, user, context, access, audits, admin: false, (userId, ct) => audits.PostRequestMessageAsync(auditId, requestId, body.Text, AuditParty.City, userId, ct)))
            .WithName("AuditRequestMessageByCity");
        city.MapPost("/{auditId:guid}/requests/{requestId:guid}/documents", async (Guid id, Guid auditId, Guid requestId, string? name, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AuditService audits, EvidenceService evidence) =>
            !await CityAuditAsync(id, auditId, user, context, access, audits, admin: false)
                ? NotFound(context)
                : EvidenceEndpoints.WhyNotADocumentBody(context, evidence.Options) is { } refused
                    ? ErrorResponses.Refusal(ErrorResponses.StatusOf(refused.Kind), refused.Message)
                    : Answer(await audits.AttachToRequestAsync(auditId, requestId, context.Request.Body, context.Request.ContentLength, name, user.UserId()!.Value, context.RequestAborted), context, StatusCodes.Status201Created))
            .WithName("AuditAttachToRequest");
        city.MapGet("/{auditId:guid}/indicator-checks", async (Guid id, Guid auditId, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AuditService audits) =>
            await CityAuditAsync(id, auditId, user, context, access, audits, admin: false)
                ? Json(context, await audits.IndicatorChecksForCityAsync(id, auditId, context.RequestAborted)) : NotFound(context))
            .WithName("AuditIndicatorChecksForCity");
        city.MapPost("/{auditId:guid}/withdraw", (Guid id, Guid auditId, TextBody body, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AuditService audits) =>
            CityStepAsync(id, auditId, user, context, access, audits, admin: true, (userId, ct) => audits.WithdrawAttestationAsync(auditId, body.Text, AuditParty.City, userId, ct)))
            .WithName("AuditWithdrawByCity");

        var auditor = app.MapGroup("/api/audits").RequireAuthorization(Policies.Api).WithTags("Audits");
        auditor.MapGet("/", async (ClaimsPrincipal user, HttpContext context, AuditService audits) =>
            user.UserId() is { } userId ? Json(context, await audits.ForAuditorAsync(userId, context.RequestAborted)) : NotFound(context))
            .WithName("AuditsOfAuditor");
        auditor.MapGet("/{auditId:guid}", async (Guid auditId, ClaimsPrincipal user, HttpContext context, AuditService audits) =>
            user.UserId() is { } userId && await audits.WorkspaceAsync(auditId, userId, cancellationToken: context.RequestAborted) is { } workspace ? Json(context, workspace) : NotFound(context))
            .WithName("AuditWorkspace");
        // Every download is logged for the city (what, when, who); no grant, another assessment's item: 404.
        auditor.MapGet("/{auditId:guid}/evidence/{evidenceId:guid}/file", async (Guid auditId, Guid evidenceId, ClaimsPrincipal user, HttpContext context, AuditService audits) =>
            user.UserId() is { } userId && await audits.OpenDocumentAsync(auditId, evidenceId, userId, context.RequestAborted) is { } document
                ? EvidenceEndpoints.DocumentFile(context, document.Item, document.Content) : NotFound(context))
            .WithName("AuditEvidenceFile");
        auditor.MapPost("/{auditId:guid}/start", (Guid auditId, NoBody _, ClaimsPrincipal user, HttpContext context, AuditService audits) =>
            AuditorStepAsync(user, context, (userId, ct) => audits.StartAsync(auditId, userId, ct)))
            .WithName("AuditStart");
        auditor.MapPost("/{auditId:guid}/findings", (Guid auditId, FindingRequest body, ClaimsPrincipal user, HttpContext context, AuditService audits) =>
            AuditorStepAsync(user, context, (userId, ct) => audits.RecordFindingAsync(auditId, body, userId, ct)))
            .WithName("AuditRecordFinding");
        auditor.MapPost("/{auditId:guid}/indicator-checks", (Guid auditId, IndicatorCheckBody body, ClaimsPrincipal user, HttpContext context, AuditService audits) =>
            AuditorStepAsync(user, context, (userId, ct) => audits.CheckIndicatorValueAsync(auditId, body.IndicatorValueId, body.Verdict, body.Reason, userId, ct)))
            .WithName("AuditCheckIndicatorValue");
        auditor.MapPost("/{auditId:guid}/requests", (Guid auditId, RequestBody body, ClaimsPrincipal user, HttpContext context, AuditService audits) =>
            AuditorStepAsync(user, context, (userId, ct) => audits.AskAsync(auditId, body.Code, body.Question, userId, ct)))
            .WithName("AuditRequestEvidence");
        auditor.MapPost("/{auditId:guid}/requests/{requestId:guid}/messages", (Guid auditId, Guid requestId, TextBody body, ClaimsPrincipal user, HttpContext context, AuditService audits) =>
            AuditorStepAsync(user, context, (userId, ct) => audits.PostRequestMessageAsync(auditId, requestId, body.Text, AuditParty.AuditBody, userId, ct)))
            .WithName("AuditRequestMessageByBody");
        auditor.MapPost("/{auditId:guid}/requests/{requestId:guid}/close", (Guid auditId, Guid requestId, NoBody _, ClaimsPrincipal user, HttpContext context, AuditService audits) =>
            AuditorStepAsync(user, context, (userId, ct) => audits.CloseRequestAsync(auditId, requestId, userId, ct)))
            .WithName("AuditCloseRequest");
        auditor.MapPost("/{auditId:guid}/issue-findings", (Guid auditId, NoBody _, ClaimsPrincipal user, HttpContext context, AuditService audits) =>
            AuditorStepAsync(user, context, (userId, ct) => audits.IssueFindingsAsync(auditId, userId, ct)))
            .WithName("AuditIssueFindings");
        auditor.MapPost("/{auditId:guid}/close", (Guid auditId, CloseBody body, ClaimsPrincipal user, HttpContext context, AuditService audits) =>
            AuditorStepAsync(user, context, (userId, ct) => audits.CloseAsync(auditId, body.Opinion, body.Reservations, userId, ct)))
            .WithName("AuditClose");
        auditor.MapPost("/{auditId:guid}/withdraw", (Guid auditId, TextBody body, ClaimsPrincipal user, HttpContext context, AuditService audits) =>
            AuditorStepAsync(user, context, (userId, ct) => audits.WithdrawAttestationAsync(auditId, body.Text, AuditParty.AuditBody, userId, ct)))
            .WithName("AuditWithdrawByBody");

        // An audit body's own attestation keys: its administrators read them and rotate the current one (ADR 0050);
        // anyone else, and any organisation that is not an audit body, gets 404.
        var bodyKeys = app.MapGroup("/api/orgs/{slug}/attestation-keys").RequireAuthorization(Policies.Api).WithTags("Audits");
        bodyKeys.MapGet("/", async (string slug, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AttestationKeys keys) =>
            await AdministeredAuditBodyAsync(slug, user, access) is { } body
                ? Json(context, BodyKeysJson(await keys.OfBodyAsync(body.Id, context.RequestAborted))) : NoSuchAuditBody(context))
            .WithName("AttestationKeysOfBody");
        bodyKeys.MapPost("/rotate", async (string slug, NoBody _, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AttestationKeys keys) =>
        {
            if (await AdministeredAuditBodyAsync(slug, user, access) is not { } body)
            {
                return NoSuchAuditBody(context);
            }

            var (_, refused) = await keys.RotateAsync(body.Id, user.UserId()!.Value, context.RequestAborted);
            return refused is not null
                ? ErrorResponses.Refusal(ErrorResponses.StatusOf(refused.Kind), refused.Message)
                : Json(context, BodyKeysJson(await keys.OfBodyAsync(body.Id, context.RequestAborted)));
        }).WithName("AttestationKeyRotate");

        // Public: the attestation's exact bytes and signature (what the offline check in docs/audit.md reads), the
        // keys, and a check of pasted files. Nothing else of the city is reachable from here.
        var verify = app.MapGroup("/verify").AllowAnonymous().RequireRateLimiting(VerifyRateLimit).ExcludeFromDescription();
        verify.MapGet("/{code}/attestation.json", async (string code, HttpContext context, AttestationService attestations) =>
            await attestations.FindAsync(code, context.RequestAborted) is { } found
                ? Results.File(found.Canonical, "application/json", $"attestation-{found.Code}.json") : PublicNotFound(context));
        verify.MapGet("/{code}/attestation.sig", async (string code, HttpContext context, AttestationService attestations) =>
            await attestations.FindAsync(code, context.RequestAborted) is { } found
                ? Results.File(found.Signature, "application/octet-stream", $"attestation-{found.Code}.sig") : PublicNotFound(context));
        verify.MapGet("/keys/{keyId}.pem", async (string keyId, HttpContext context, AttestationKeys keys) =>
            keyId.Length == 16 && await keys.FindAsync(keyId, context.RequestAborted) is { } key
                ? Results.Text(key.Pem, "application/x-pem-file") : PublicNotFound(context));
        verify.MapPost("/check", async (CheckBody body, HttpContext context, AttestationService attestations) =>
            Results.Json(await attestations.CheckAsync(body.Attestation, body.Signature, context.RequestAborted)));
        verify.MapGet("/{code}/attestation.pdf", async (string code, HttpContext context, AttestationService attestations) =>
        {
            var pdf = await attestations.PdfAsync(code, new Uri(AccountEndpoints.BaseUri(context.Request)), context.RequestAborted);
            if (pdf is null)
            {
                return PublicNotFound(context);
            }

            if (pdf.Refusal is { } refusal)
            {
                return ErrorResponses.Refusal(ErrorResponses.StatusOf(refusal.Kind), refusal.Message);
            }

            Downloads.NeverStore(context.Response);
            return Results.File(pdf.Content!, "application/pdf", $"attestation-{code}.pdf");
        });

        // The published keys: each audit body's current key, the installation key of earlier attestations, and every
        // key that ever signed here with the body it belongs to.
        var wellKnown = app.MapGroup("/.well-known").AllowAnonymous().RequireRateLimiting(VerifyRateLimit).ExcludeFromDescription();
        wellKnown.MapGet(AttestationKeys.PublicKeyPath["/.well-known".Length..], async (HttpContext context, AttestationKeys keys) =>
            await keys.InstallationKeyAsync(context.RequestAborted) is { } key ? Results.Text(key.Pem, "application/x-pem-file") : PublicNotFound(context, "This installation has no installation key: each audit body signs with its own key (see the key set)."));
        wellKnown.MapGet(AttestationKeys.BodyKeysPath["/.well-known".Length..] + "/{slug}.pem", async (string slug, HttpContext context, AttestationKeys keys) =>
            (slug.Length <= 100 ? await keys.BodyKeyAsync(slug, context.RequestAborted) : default) switch
            {
                { Key: { } key } => Results.Text(key.Pem, "application/x-pem-file"),
                { Exists: true } => PublicNotFound(context, "This audit body has no attestation signed yet: its key is made when it signs its first."),
                _ => PublicNotFound(context, "There is no audit body with that address."),
            });
        wellKnown.MapGet(AttestationKeys.KeySetPath["/.well-known".Length..], async (HttpContext context, AttestationKeys keys) =>
            Results.Json(new
            {
                keys = (await keys.AllAsync(context.RequestAborted)).Select(k => new
                {
                    keyId = k.KeyId, auditBody = k.AuditBody, auditBodySlug = k.AuditBodySlug, createdAt = k.CreatedAt, retiredAt = k.RetiredAt,
                    algorithm = "ECDSA P-256 SHA-256", pem = k.Pem,
                }),
            }));
    }

    /// <summary>The assessment, if the user manages it (or, for <paramref name="admin"/> steps, administers its organisation).</summary>
    private static async Task<CityMaturity.Domain.Assessments.Assessment?> CityAsync(Guid id, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, bool admin)
    {
        if (user.UserId() is null || await access.FindAssessmentAsync(user, id, AssessmentPermission.Manage, context.RequestAborted) is not { } assessment)
        {
            return null;
        }

        return !admin || await access.IsAllowedAsync(user, assessment.OrganisationId, Permission.ManageMembers) ? assessment : null;
    }

    /// <summary>The audit body with that address, if the user administers it; null otherwise (unknown, not an audit body, not theirs alike).</summary>
    private static async Task<Organisation?> AdministeredAuditBodyAsync(string slug, ClaimsPrincipal user, OrganisationAccess access) =>
        user.UserId() is not null && slug.Length <= 100 && await access.FindAsync(user, slug, Permission.ManageMembers) is { Kind: OrganisationKind.AuditBody } body ? body : null;

    private static object BodyKeysJson(AttestationKeys.BodyKeys body) => new
    {
        keys = body.Keys.Select(k => new { keyId = k.KeyId, current = k.RetiredAt is null, createdAt = k.CreatedAt, retiredAt = k.RetiredAt, pem = k.Pem }),
        rotations = body.Rotations.Select(r => new { retiredKeyId = r.RetiredKeyId, newKeyId = r.NewKeyId, rotatedBy = r.RotatedBy, rotatedAt = r.RotatedAt }),
    };

    private static IResult NoSuchAuditBody(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Problem(title: "Not found", detail: "There is no such audit body, or you do not administer it.", statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<bool> CityAuditAsync(Guid id, Guid auditId, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AuditService audits, bool admin) =>
        await CityAsync(id, user, context, access, admin) is not null && await audits.BelongsToAsync(id, auditId, context.RequestAborted);

    private static async Task<IResult> CityStepAsync(
        Guid id, Guid auditId, ClaimsPrincipal user, HttpContext context, OrganisationAccess access, AuditService audits, bool admin,
        Func<Guid, CancellationToken, Task<AuditAnswer>> step) =>
        await CityAuditAsync(id, auditId, user, context, access, audits, admin)
            ? Answer(await step(user.UserId()!.Value, context.RequestAborted), context)
            : NotFound(context);

    /// <summary>The service authorises auditors itself (membership of the body, an active grant) and answers 404 otherwise.</summary>
    private static async Task<IResult> AuditorStepAsync(ClaimsPrincipal user, HttpContext context, Func<Guid, CancellationToken, Task<AuditAnswer>> step) =>
        user.UserId() is { } userId ? Answer(await step(userId, context.RequestAborted), context) : NotFound(context);

    private static IResult Answer(AuditAnswer answer, HttpContext context, int status = StatusCodes.Status200OK)
    {
        context.Response.Headers.CacheControl = "no-store";
        return answer.Refusal is { } kind
            ? kind == CityMaturity.Application.RefusalKind.NotFound ? NotFound(context) : ErrorResponses.Refusal(ErrorResponses.StatusOf(kind), answer.Message!)
            : Results.Json(answer.Value, statusCode: status);
    }

    private static IResult Json<T>(HttpContext context, T value)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(value);
    }

    private static IResult NotFound(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Problem(title: "Not found", detail: "There is no such audit, or it is not yours to see.", statusCode: StatusCodes.Status404NotFound);
    }

    private static IResult PublicNotFound(HttpContext context, string detail = "There is no attestation with that code.")
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);
    }
}
