using System.Text.Json;
using System.Threading.Channels;
using CityMaturity.Domain.Assessments;
using CityMaturity.Web.Assessments;
using CityMaturity.Web.Hosting;
using CityMaturity.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace CityMaturity.Web.Workshops;

/// <summary>
/// The participants' room under /w/{code}: joining (form posts from the static join page, antiforgery-checked and rate
/// limited), the phone's state as JSON, votes as JSON posts, and a server-sent event stream that says "re-query" when
/// the room changes. The phone is identified by its session cookie (HttpOnly, SameSite=Lax); the JSON-only vote post
/// cannot be sent cross-site without a CORS pre-flight, which the app never grants.
/// </summary>
public static class WorkshopRoomEndpoints
{
    public const string JoinRateLimit = "workshop-join";

    /// <summary>Comment lines keep idle streams open through proxies and tell a dead connection from a quiet room.</summary>
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly KeyValuePair<string, object?> PhoneConnection = new("kind", "phone");

    public static void MapWorkshopRoomEndpoints(this WebApplication app)
    {
        var room = app.MapGroup("/w/{code}").AllowAnonymous().ExcludeFromDescription();
        room.MapPost("/join", JoinAsync).RequireRateLimiting(JoinRateLimit);
        room.MapGet("/state", StateAsync);
        room.MapPost("/vote", VoteAsync);
        room.MapGet("/events", EventsAsync);
    }

    public sealed record VoteRequest(Guid RoundId, string? Now, string? InTwoYears);

    private static async Task<IResult> JoinAsync(
        string code, HttpContext context, [FromForm] string? mode, [FromForm] string? invite, [FromForm] string? name, [FromForm] Guid? groupId,
        WorkshopRoomService room, RatingService ratings)
    {
        var live = await room.FindLiveAsync(code);
        if (live is null)
        {
            return JoinRefused(context, "/w", JoinRefusal.NoWorkshop);
        }

        var page = $"/w/{live.Workshop.JoinCode}";
        (string? Session, JoinRefusal? Refusal) joined = (null, JoinRefusal.NotRecognised);
        switch (mode)
        {
            case "invite":
                if (await ratings.FindByTokenAsync(invite) is { } byLink)
                {
                    joined = await room.JoinAsParticipantAsync(live, byLink.Participant);
                }

                break;
            case "member":
                if (context.User.UserId() is { } userId && await ratings.FindByUserAsync(live.Workshop.AssessmentId, userId) is { } byAccount)
                {
                    joined = await room.JoinAsParticipantAsync(live, byAccount.Participant);
                }

                break;
            case "walk-in":
                joined = await room.JoinAsWalkInAsync(live, name, groupId ?? Guid.Empty);
                break;
        }

        if (joined.Session is not { } session)
        {
            return JoinRefused(context, page, joined.Refusal!.Value);
        }

        context.Response.Cookies.Append(Attendee.CookieName, session, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/w",
            MaxAge = TimeSpan.FromHours(16),
            IsEssential = true,
        });
        return Results.LocalRedirect(page);
    }

    /// <summary>
    /// A refused join: the page (a form post) is sent back to itself with the refusal's key, so it shows the sentence; a
    /// client that reads JSON gets the refusal as problem details with the status of its kind.
    /// </summary>
    private static IResult JoinRefused(HttpContext context, string page, JoinRefusal refusal) =>
        ErrorResponses.WantsJson(context)
            ? ErrorResponses.Refusal(refusal.ToRefusal())
            : Results.LocalRedirect($"{page}?error={refusal.Key()}");

    private static async Task<IResult> StateAsync(string code, HttpContext context, WorkshopRoomService room, CancellationToken cancellationToken)
    {
        if (await FindSessionAsync(code, context, room, cancellationToken) is not { } session)
        {
            return NoSession();
        }

        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(await room.StateAsync(session, cancellationToken), Json);
    }

    private static async Task<IResult> VoteAsync(string code, HttpContext context, VoteRequest vote, WorkshopRoomService room, CancellationToken cancellationToken)
    {
        if (await FindSessionAsync(code, context, room, cancellationToken) is not { } session)
        {
            return NoSession();
        }

        if (!LevelAnswer.TryParse(vote.Now, out var now) || !LevelAnswer.TryParse(vote.InTwoYears, out var inTwoYears))
        {
            return ErrorResponses.Refusal(new CityMaturity.Application.Refusal(CityMaturity.Application.RefusalKind.Malformed, "A vote is a level from 1 to 5, or DK for don't know."));
        }

        return await room.VoteAsync(session, vote.RoundId, now, inTwoYears, cancellationToken) switch
        {
            VoteOutcome.Accepted accepted => Results.Json(new RoomVote(accepted.LevelNow.Code, accepted.LevelInTwoYears.Code), Json),
            VoteOutcome.Refused refused => ErrorResponses.Refusal(refused.Refusal),
            _ => throw new InvalidOperationException("Unknown vote outcome."),
        };
    }

    /// <summary>
    /// Server-sent events: "state" whenever the workshop, a round or a decision changed (coalesced: a phone that is
    /// busy re-querying gets one more event, not a backlog). Vote counts are not sent to phones. EventSource reconnects
    /// by itself after a lost network or a locked screen; the first event of every connection is "state", so the
    /// phone re-queries whatever it missed.
    /// </summary>
    private static async Task EventsAsync(string code, HttpContext context, WorkshopRoomService room, WorkshopEvents events, CancellationToken cancellationToken)
    {
        if (await FindSessionAsync(code, context, room, cancellationToken) is not { } session)
        {
            await NoSession().ExecuteAsync(context);
            return;
        }

        var workshopId = session.Workshop.Id;
        var pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        void OnEvent(WorkshopEvent workshopEvent)
        {
            if (workshopEvent.Concerns(workshopId) && workshopEvent.Change is WorkshopChange.State or WorkshopChange.Resync)
            {
                pending.Writer.TryWrite(true);
            }
        }

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        events.Raised += OnEvent;
        CityMaturity.Application.Telemetry.AppMetrics.LiveConnections.Add(1, PhoneConnection);
        try
        {
            await response.WriteAsync("retry: 2000\n\nevent: state\ndata: {}\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                bool changed;
                try
                {
                    changed = await pending.Reader.WaitToReadAsync(cancellationToken).AsTask().WaitAsync(KeepAliveInterval, cancellationToken);
                }
                catch (TimeoutException)
                {
                    changed = false;
                }

                await response.WriteAsync(changed && pending.Reader.TryRead(out _) ? "event: state\ndata: {}\n\n" : ": keep-alive\n\n", cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The phone went away; EventSource comes back by itself when it can.
        }
        finally
        {
            events.Raised -= OnEvent;
            CityMaturity.Application.Telemetry.AppMetrics.LiveConnections.Add(-1, PhoneConnection);
        }
    }

    /// <summary>
    /// The phone's session, also once the workshop has ended: the phones in the room then read "ended" and stop, where
    /// a refusal would tell them to join again with a code that no longer works. Votes are refused by the service.
    /// </summary>
    private static Task<AttendeeSession?> FindSessionAsync(string code, HttpContext context, WorkshopRoomService room, CancellationToken cancellationToken) =>
        room.FindSessionAsync(code, context.Request.Cookies[Attendee.CookieName], evenIfEnded: true, cancellationToken);

    private static IResult NoSession() =>
        ErrorResponses.Refusal(StatusCodes.Status401Unauthorized, "You are not in this workshop (any more). Join again with the code on the screen.");
}
