using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Web.Hosting;
using CityMaturity.Web.Security;

namespace CityMaturity.Web.Assessments;

/// <summary>
/// The participant's rating page (by personal link, or signed in as a member) talks to these (ADR 0022): GET state (their own answers, with
/// versions, and the texts to show), POST save (one characteristic's answer, naming the version it was based on).
/// By link, the token in the address is the credential, as for the page itself; a member's sign-in otherwise. A save is idempotent: sending the same answer
/// again — after a lost acknowledgement — is answered "saved", never a conflict. The JSON-only post cannot be sent
/// cross-site without a CORS pre-flight, which the app never grants.
/// </summary>
public static partial class RatingEndpoints
{
    /// <summary>The plain rating pages, by link or as a member: rendered without a circuit (App.razor asks).</summary>
    public static bool IsRatingPage(PathString path) =>
        path.StartsWithSegments("/rate") || MemberRatingPage().IsMatch(path.Value ?? string.Empty);

    [System.Text.RegularExpressions.GeneratedRegex("^/orgs/[^/]+/assessments/[^/]+/rate(/|$)")]
    private static partial System.Text.RegularExpressions.Regex MemberRatingPage();

    public static void MapRatingEndpoints(this WebApplication app)
    {
        var byLink = app.MapGroup("/rate/{token}").AllowAnonymous().ExcludeFromDescription();
        byLink.MapGet("/state", (string token, HttpContext context, RatingService ratings, MaturityCatalogue catalogue, TimeProvider clock) =>
            StateAsync(ratings.FindByTokenAsync(token), context, ratings, catalogue, clock));
        byLink.MapPost("/save", (string token, SaveRequest? request, HttpContext context, RatingService ratings) =>
            SaveAsync(ratings.FindByTokenAsync(token), request, context, ratings, userId: null));

        // A member rating signed in: the same page and script, the session from their participation (ADR 0022).
        var asMember = app.MapGroup("/orgs/{slug}/assessments/{assessmentId:guid}/rate").RequireAuthorization().ExcludeFromDescription();
        asMember.MapGet("/state", (string slug, Guid assessmentId, HttpContext context, OrganisationAccess access, RatingService ratings, MaturityCatalogue catalogue, TimeProvider clock) =>
            StateAsync(MemberSessionAsync(slug, assessmentId, context, access, ratings), context, ratings, catalogue, clock));
        asMember.MapPost("/save", (string slug, Guid assessmentId, SaveRequest? request, HttpContext context, OrganisationAccess access, RatingService ratings) =>
            SaveAsync(MemberSessionAsync(slug, assessmentId, context, access, ratings), request, context, ratings, context.User.UserId()));
    }

    /// <summary>A member rates only where they are a participant, and only while still a member.</summary>
    public static async Task<RatingSession?> MemberSessionAsync(string slug, Guid assessmentId, HttpContext context, OrganisationAccess access, RatingService ratings) =>
        context.User.UserId() is { } userId && await access.FindAssessmentAsync(context.User, slug, assessmentId, AssessmentPermission.View) is not null
            ? await ratings.FindByUserAsync(assessmentId, userId)
            : null;

    public sealed record SaveRequest(string? Code, string? Now, string? InTwoYears, string? Comment, IReadOnlyList<string>? Links, int Version);

    private static async Task<IResult> StateAsync(Task<RatingSession?> find, HttpContext context, RatingService ratings, MaturityCatalogue catalogue, TimeProvider clock)
    {
        if (await find is not { } session)
        {
            return LinkNotValid();
        }

        context.Response.Headers.CacheControl = "no-store";
        var own = await ratings.OwnRatingsAsync(session.Participant.Id);
        return Results.Json(await WithEvidenceAsync(RatingPageState.Of(session, catalogue, own, clock.GetUtcNow()), session, context.RequestServices));
    }

    /// <summary>
    /// How many evidence items each characteristic has (issue 15); the items and indicator values themselves load with
    /// the card (<see cref="CityMaturity.Web.Evidence.EvidenceEndpoints"/>, ADR 0052).
    /// </summary>
    private static async Task<RatingPageState> WithEvidenceAsync(RatingPageState state, RatingSession session, IServiceProvider services)
    {
        var evidence = services.GetRequiredService<EvidenceService>();
        return state.WithEvidenceCounts(await evidence.CountsAsync(session.Assessment.Id), evidence.Options.MaxFileBytes);
    }

    private static async Task<IResult> SaveAsync(Task<RatingSession?> find, SaveRequest? request, HttpContext context, RatingService ratings, Guid? userId)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (await find is not { } session)
        {
            return LinkNotValid();
        }

        if (request?.Code is not { } code || !LevelAnswer.TryParse(request.Now, out var now) || !LevelAnswer.TryParse(request.InTwoYears, out var inTwoYears))
        {
            return ErrorResponses.Refusal(new CityMaturity.Application.Refusal(CityMaturity.Application.RefusalKind.Malformed,
                "An answer names a characteristic and gives each view as a level from 1 to 5, DK for don't know, or nothing."), "Not saved");
        }

        var values = new RatingValues(now, inTwoYears, string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim(),
            [.. (request.Links ?? []).Select(l => l.Trim()).Where(l => l.Length > 0)]);
        return await ratings.SaveAsync(session, code, values, request.Version, userId) switch
        {
            SaveOutcome.Saved saved => Results.Json(RatingAnswer.Of(saved.Rating)),
            SaveOutcome.Conflict conflict => ErrorResponses.Refusal(conflict.Refusal, "Changed elsewhere",
                new Dictionary<string, object?> { ["current"] = RatingAnswer.Of(conflict.Current) }),
            SaveOutcome.Rejected rejected => ErrorResponses.Refusal(rejected.Refusal, "Not saved"),
            _ => throw new InvalidOperationException("Unknown save outcome."),
        };
    }

    private static IResult LinkNotValid() => Results.Problem(
        title: "This rating page does not work for you",
        detail: "Your link may have been replaced by a newer one, withdrawn, or it has expired, or you are no longer a participant. Ask the facilitator of the assessment.",
        statusCode: StatusCodes.Status404NotFound);
}
