namespace CityMaturity.Web.Security;

public static class FormProtection
{
    /// <summary>
    /// Answers any form post whose antiforgery token is missing or stale (account forms, the workshop join form) with a
    /// clear 400, before the endpoint reads the form. Runs after UseAntiforgery, which records the validation result.
    /// </summary>
    public static IApplicationBuilder UseFormProtection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This form has expired or did not come from CityMaturity. Go back, reload the page and try again.");
            return;
        }

        await next();
    });
}
