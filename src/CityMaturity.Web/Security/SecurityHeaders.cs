namespace CityMaturity.Web.Security;

/// <summary>
/// Headers on every response. The CSP allows only same-origin scripts (blazor.web.js, MudBlazor's script, ours) and
/// same-origin connections (the Blazor circuit's WebSocket); inline styles are allowed because MudBlazor's theme
/// provider writes a style element and its popovers are positioned with style attributes (ADR 0020). Invitation links carry tokens, hence no referrer at all.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        Apply(context.Response.Headers);
        await next();
    });

    /// <summary>Sets the headers; also used again by error answers that clear a half-made response.</summary>
    public static void Apply(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
