using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Web.Assessments;

/// <summary>
/// The participant's rating page by personal link talks to these (ADR 0022): GET state (their own answers, with
/// versions, and the texts to show), POST save (one characteristic's answer, naming the version it was based on).
/// The token in the address is the credential, as for the page itself. A save is idempotent: sending the same answer
/// again — after a lost acknowledgement — is answered "saved", never a conflict. The JSON-only post cannot be sent
/// cross-site without a CORS pre-flight, which the app never grants.
/// </summary>
public static class RatingEndpoints
{
    public static void MapRatingEndpoints(this WebApplication app)
    {
        var rating = app.MapGroup("/rate/{token}").AllowAnonymous().ExcludeFromDescription();
        rating.MapGet("/state", StateAsync);
        rating.MapPost("/save", SaveAsync);
    }

    public sealed record SaveRequest(string? Code, string? Now, string? InTwoYears, string? Comment, IReadOnlyList<string>? Links, int Version);

    private static async Task<IResult> StateAsync(string token, HttpContext context, RatingService ratings, MaturityCatalogue catalogue, TimeProvider clock)
    {
        if (await ratings.FindByTokenAsync(token) is not { } session)
        {
            return LinkNotValid();
        }

        context.Response.Headers.CacheControl = "no-store";
        var own = await ratings.OwnRatingsAsync(session.Participant.Id);
        return Results.Json(RatingPageState.Of(session, catalogue, own, clock.GetUtcNow()));
    }

    private static async Task<IResult> SaveAsync(string token, SaveRequest? request, HttpContext context, RatingService ratings)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (await ratings.FindByTokenAsync(token) is not { } session)
        {
            return LinkNotValid();
        }

        if (request?.Code is not { } code || !LevelAnswer.TryParse(request.Now, out var now) || !LevelAnswer.TryParse(request.InTwoYears, out var inTwoYears))
        {
            return Results.Problem(
                title: "Not saved", detail: "An answer names a characteristic and gives each view as a level from 1 to 5, DK for don't know, or nothing.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var values = new RatingValues(now, inTwoYears, string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim(),
            [.. (request.Links ?? []).Select(l => l.Trim()).Where(l => l.Length > 0)]);
        return await ratings.SaveAsync(session, code, values, request.Version, userId: null) switch
        {
            SaveOutcome.Saved saved => Results.Json(RatingAnswer.Of(saved.Rating)),
            SaveOutcome.Conflict conflict => Results.Problem(
                title: "Changed elsewhere",
                detail: "This answer was changed in another window or on another device since this page read it.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["current"] = RatingAnswer.Of(conflict.Current) }),
            SaveOutcome.Rejected rejected => Results.Problem(title: "Not saved", detail: rejected.Message, statusCode: StatusCodes.Status422UnprocessableEntity),
            _ => throw new InvalidOperationException("Unknown save outcome."),
        };
    }

    private static IResult LinkNotValid() => Results.Problem(
        title: "This rating link does not work",
        detail: "It may have been replaced by a newer link, withdrawn, or it has expired. Ask the facilitator of the assessment for a new one.",
        statusCode: StatusCodes.Status404NotFound);
}
