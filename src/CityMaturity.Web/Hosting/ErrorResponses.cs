using CityMaturity.Web.Security;
using Microsoft.Net.Http.Headers;
using CityMaturity.Infrastructure.Database;

namespace CityMaturity.Web.Hosting;

/// <summary>
/// How the app answers what went wrong, the same way in every environment:
/// <list type="bullet">
/// <item>PostgreSQL down or restarting: 503 with Retry-After, so phones, integrations and load balancers try again.</item>
/// <item>A request the app cannot read (a charset nobody knows, a body it cannot parse): 4xx, never 500.</item>
/// <item>A request the application refuses: every refusal is a <see cref="CityMaturity.Application.Refusal"/> (a kind and one
/// sentence), returned by a service or thrown as <see cref="ValidationException"/>; it is answered with the status of its
/// kind (<see cref="StatusOf"/>) and the application's own sentence, for pages and JSON clients alike (ADRs 0027, 0039).
/// A refusal of the database's own (<see cref="CityMaturity.Application.DatabaseRefusals"/>, ADR 0046) is answered the same way.</item>
/// <item>Clients that speak JSON (everything under /api, the phones' room endpoints) get RFC 9457 problem details for
/// every error, including the bodiless 401, 403 and 404 that authentication and endpoints answer; people get a plain page.</item>
/// </list>
/// Bodies never carry a stack trace, an exception message or the database's address: those go to the log.
/// </summary>
public static class ErrorResponses
{
    public const int RetryAfterSeconds = 5;

    public const string DatabaseUnavailable = "CityMaturity cannot reach its database at the moment, so this was not done. Please try again in a few seconds.";

    private const string ProblemJson = "application/problem+json";

    /// <summary>
    /// Goes right after the status code pages (so a problem body written here is left alone by them) and before everything
    /// else, so it sees exceptions before the exception handler or the developer exception page does.
    /// </summary>
    public static IApplicationBuilder UseErrorResponses(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HasUnreadableCharset(context.Request))
        {
            // The charset is not echoed: error texts are chosen here, never built from what the client sent.
            await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "The request's charset is not one this server reads; send UTF-8.");
            return;
        }

        try
        {
            await next();
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested
                                  && (Classify(e) ?? (WantsJson(context) ? StatusCodes.Status500InternalServerError : null)) is { } status)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ErrorResponses));
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                logger.LogWarning(e, "The database is unavailable: {Method} {Path} answered 503", context.Request.Method, context.Request.Path);
                context.Response.Clear();
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteAsync(context, status, DatabaseUnavailable);
                return;
            }

            if (((e as ValidationException)?.Message ?? CityMaturity.Application.DatabaseRefusals.Of(e)?.Message) is { } sentence)
            {
                // The application's one error a user can correct (or the database's refusal under it, e.g. the audit
                // freeze of a write path that skipped the check): its sentence is written for people, so it is the answer.
                logger.LogInformation("Refused {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, sentence);
                context.Response.Clear();
                await WriteAsync(context, status, sentence);
                return;
            }

            if (status < 500)
            {
                logger.LogInformation("Unreadable request {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, e.Message);
                context.Response.Clear();
                await WriteAsync(context, status, "The request could not be read: check its content type, charset and body.");
                return;
            }

            logger.LogError(e, "Unhandled error answering {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await WriteAsync(context, status, "Something went wrong on our side. It has been logged; please try again.");
            return;
        }

        // Bodiless errors (a challenge's 401, Results.NotFound(), an unknown /api path) become problem details for JSON
        // clients; for people the status code pages answer them as before.
        if (WantsJson(context) && context.Response.StatusCode >= 400 && !context.Response.HasStarted
            && context.Response.ContentLength is null && string.IsNullOrEmpty(context.Response.ContentType))
        {
            await WriteAsync(context, context.Response.StatusCode, TitleOf(context.Response.StatusCode));
        }
    });

    /// <summary>The status an exception is answered with here, or null to let the exception handler answer it.</summary>
    private static int? Classify(Exception e)
    {
        if (DatabaseFailures.IsUnavailable(e))
        {
            return StatusCodes.Status503ServiceUnavailable;
        }

        if (e is ValidationException refused)
        {
            return StatusOf(refused.Kind);
        }

        if (CityMaturity.Application.DatabaseRefusals.Of(e) is { } byDatabase)
        {
            return StatusOf(byDatabase.Kind);
        }

        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case BadHttpRequestException bad:
                    return bad.StatusCode;
                // A body that is not what it claims (form limits, bytes that are not the charset, broken JSON) is the
                // client's mistake, wherever the reading happened (antiforgery, binding, an endpoint).
                case InvalidDataException or System.Text.Json.JsonException or System.Text.DecoderFallbackException:
                    return StatusCodes.Status400BadRequest;
            }
        }

        return null;
    }

    /// <summary>True when the request's Content-Type names a charset that no decoder here reads.</summary>
    private static bool HasUnreadableCharset(HttpRequest request)
    {
        if (request.ContentType is not { } contentType || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || !mediaType.Charset.HasValue)
        {
            return false;
        }

        try
        {
            // UTF-7 is disabled in .NET (it throws on use, deep inside form reading) and is a known way to smuggle markup.
            return System.Text.Encoding.GetEncoding(HeaderUtilities.RemoveQuotes(mediaType.Charset).Value ?? string.Empty).CodePage == 65000;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return true;
        }
    }

    /// <summary>
    /// An endpoint's answer to a refusal of the application (a vote after the round closed, an invalid level): problem
    /// details like every other error, with the sentence also as "message", which the phones' script shows.
    /// </summary>
    public static IResult Refusal(int status, string sentence) =>
        Results.Problem(title: TitleOf(status), detail: sentence, statusCode: status,
            extensions: new Dictionary<string, object?> { ["message"] = sentence });

    /// <summary>
    /// An endpoint's answer to a service's refusal: problem details with the status of its kind, the sentence as
    /// "detail" and "message", the endpoint's own <paramref name="title"/> if it has one (else the status's), and any
    /// <paramref name="extensions"/> (what is stored now, the problems of a file).
    /// </summary>
    public static IResult Refusal(CityMaturity.Application.Refusal refusal, string? title = null, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(title: title ?? TitleOf(StatusOf(refusal.Kind)), detail: refusal.Message, statusCode: StatusOf(refusal.Kind),
            extensions: new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["message"] = refusal.Message });

    /// <summary>The status code an endpoint answers with when a service refuses for <paramref name="kind"/>.</summary>
    public static int StatusOf(CityMaturity.Application.RefusalKind kind) => kind switch
    {
        CityMaturity.Application.RefusalKind.RuleBroken => StatusCodes.Status422UnprocessableEntity,
        CityMaturity.Application.RefusalKind.Malformed => StatusCodes.Status400BadRequest,
        CityMaturity.Application.RefusalKind.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
        CityMaturity.Application.RefusalKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        CityMaturity.Application.RefusalKind.NotFound => StatusCodes.Status404NotFound,
        CityMaturity.Application.RefusalKind.WrongState => StatusCodes.Status409Conflict,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown refusal kind."),
    };

    /// <summary>Integrations under /api and the phones' room script read JSON; people read pages.</summary>
    public static bool WantsJson(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api"))
        {
            return true;
        }

        if (path.StartsWithSegments("/w") && path.Value is { } value)
        {
            var last = value[(value.LastIndexOf('/') + 1)..];
            if (last is "state" or "vote" or "events")
            {
                return true;
            }
        }

        return context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        var response = context.Response;
        response.StatusCode = status;
        SecurityHeaders.Apply(response.Headers);
        response.Headers.CacheControl = "no-store";
        if (WantsJson(context))
        {
            response.ContentType = ProblemJson;
            // "message" too: the phones' script shows that field of every refusal.
            await response.WriteAsJsonAsync(new ProblemBody(TitleOf(status), status, detail, detail), ProblemBody.Json, ProblemJson);
            return;
        }

        response.ContentType = "text/html; charset=utf-8";
        var refresh = status == StatusCodes.Status503ServiceUnavailable ? $"<meta http-equiv=\"refresh\" content=\"{RetryAfterSeconds * 2}\">" : string.Empty;
        await response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">{refresh}" +
            $"<title>{status} · CityMaturity</title></head><body><main><h1>{System.Net.WebUtility.HtmlEncode(TitleOf(status))}</h1>" +
            $"<p>{System.Net.WebUtility.HtmlEncode(detail)}</p><p><a href=\"/\">CityMaturity home</a></p></main></body></html>");
    }

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid.",
        StatusCodes.Status401Unauthorized => "Sign in, or send a valid personal access token (Authorization: Bearer cm_pat_…).",
        StatusCodes.Status403Forbidden => "You may not do this.",
        StatusCodes.Status404NotFound => "Not found, or you may not see it.",
        StatusCodes.Status405MethodNotAllowed => "This address does not take that method.",
        StatusCodes.Status413PayloadTooLarge => "The request is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The request's content type is not one this address reads.",
        StatusCodes.Status422UnprocessableEntity => "Not done.",
        StatusCodes.Status429TooManyRequests => "Too many requests; wait a minute and try again.",
        StatusCodes.Status503ServiceUnavailable => "Temporarily unavailable; try again in a few seconds.",
        >= 500 => "Something went wrong on our side.",
        _ => "The request could not be answered.",
    };

    private sealed record ProblemBody(string Title, int Status, string Detail, string Message)
    {
        public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);
    }
}
