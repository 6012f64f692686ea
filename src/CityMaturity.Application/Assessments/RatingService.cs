using CityMaturity.Domain.Assessments;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Application.Accounts;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMaturity.Application.Assessments;

/// <summary>Who is rating: a participant of an assessment, reached through a personal link or a membership.</summary>
public sealed record RatingSession(Assessment Assessment, Participant Participant, string GroupName, string OrganisationName);

public abstract record SaveOutcome
{
    public sealed record Saved(Rating Rating) : SaveOutcome;

    /// <summary>Someone (another tab, another device) saved first; here is what is stored now.</summary>
    public sealed record Conflict(Rating Current) : SaveOutcome
    {
        public Refusal Refusal { get; } = new(RefusalKind.WrongState, "This answer was changed in another window or on another device since this page read it.");
    }

    /// <summary>Not saved: an answer the rules refuse, or an assessment that no longer takes answers.</summary>
    public sealed record Rejected(Refusal Refusal) : SaveOutcome
    {
        public string Message => Refusal.Message;
    }
}

/// <summary>
/// A participant's own answers: reading them and saving each change at once, audited, with optimistic
/// concurrency so two tabs never silently overwrite each other. Never exposes anyone else's answers.
/// </summary>
public sealed class RatingService(IDbContextFactory<CityMaturityDb> dbFactory, IValidator<RatingValues> validator, IAuditFacts audits, TimeProvider clock)
{
    /// <summary>The participant behind a personal link; null when unknown, revoked or expired (all look alike).</summary>
    public async Task<RatingSession?> FindByTokenAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = InvitationTokens.Hash(token);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync();
        return await SessionAsync(db, db.Participants.Where(p => p.TokenHash == hash && p.TokenRevokedAt == null && p.TokenExpiresAt > now));
    }

    /// <summary>The signed-in member's participation in an assessment, if any.</summary>
    public async Task<RatingSession?> FindByUserAsync(Guid assessmentId, Guid userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await SessionAsync(db, db.Participants.Where(p => p.AssessmentId == assessmentId && p.UserId == userId));
    }

    /// <summary>
    /// The participant found by <paramref name="participants"/> with their assessment, group and organisation, in one
    /// round trip: every request of the rating page and the card's evidence starts here.
    /// </summary>
    private static async Task<RatingSession?> SessionAsync(CityMaturityDb db, IQueryable<Participant> participants)
    {
        var found = await (from p in participants
                           join a in db.Assessments on p.AssessmentId equals a.Id
                           join g in db.StakeholderGroups on p.GroupId equals g.Id
                           join o in db.Organisations on a.OrganisationId equals o.Id
                           select new { Participant = p, Assessment = a, Group = g.Name, Organisation = o.Name })
            .AsNoTracking().SingleOrDefaultAsync();
        return found is null ? null : new RatingSession(found.Assessment, found.Participant, found.Group, found.Organisation);
    }

    private static Rating Unanswered(RatingSession session, string code, DateTimeOffset now) =>
        new() { AssessmentId = session.Assessment.Id, ParticipantId = session.Participant.Id, CharacteristicCode = code, Version = 0, UpdatedAt = now };

    public async Task<Dictionary<string, Rating>> OwnRatingsAsync(Guid participantId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Ratings.AsNoTracking().Where(r => r.ParticipantId == participantId).ToDictionaryAsync(r => r.CharacteristicCode, StringComparer.Ordinal);
    }

    /// <param name="expectedVersion">The version the participant's screen shows; 0 when it showed no stored answer.</param>
    public async Task<SaveOutcome> SaveAsync(RatingSession session, string code, RatingValues values, int expectedVersion, Guid? userId)
    {
        var validation = await validator.ValidateAsync(values);
        if (!validation.IsValid)
        {
            return new SaveOutcome.Rejected(new Refusal(RefusalKind.RuleBroken, string.Join(" ", validation.Errors.Select(e => e.ErrorMessage))));
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == session.Assessment.Id);
        if (!assessment.AcceptsRatings)
        {
            // Only a closed assessment can be under audit (and it cannot reopen while it is), so the freeze is asked
            // here, off the path of every accepted answer; "frozen by the audit" is then the reason that helps.
            return new SaveOutcome.Rejected(new Refusal(RefusalKind.RuleBroken, await audits.WhyFrozenAsync(db, assessment.Id)
                ?? $"This assessment is {assessment.Status.DisplayName().ToLowerInvariant()}: answers can no longer change."));
        }

        if (!assessment.Scope.Contains(code))
        {
            return new SaveOutcome.Rejected(new Refusal(RefusalKind.RuleBroken, $"{code} is not part of this assessment."));
        }

        var now = clock.GetUtcNow();
        var rating = await db.Ratings.SingleOrDefaultAsync(r => r.ParticipantId == session.Participant.Id && r.CharacteristicCode == code);
        if ((rating?.Version ?? 0) != expectedVersion)
        {
            // Idempotent: the same answer sent again (its acknowledgement was lost on the way) is already stored.
            // Anything else based on an old version is refused, never written over what someone else saved.
            return rating is not null && RatingValues.Of(rating).SameAs(values)
                ? new SaveOutcome.Saved(rating)
                : new SaveOutcome.Conflict(rating ?? Unanswered(session, code, now));
        }

        if (rating is null)
        {
            rating = new Rating { Id = Guid.NewGuid(), AssessmentId = assessment.Id, ParticipantId = session.Participant.Id, CharacteristicCode = code, Version = 0, UpdatedAt = now };
            db.Ratings.Add(rating);
        }

        var change = RatingAudit.Apply(rating, values, RatingChangeSource.RatingForm, userId, changedByParticipant: true, now);
        if (change is null)
        {
            return new SaveOutcome.Saved(rating);
        }

        rating.Version++;
        db.RatingChanges.Add(change);
        try
        {
            await db.SaveChangesAsync();
            CityMaturity.Application.Telemetry.AppMetrics.RatingsSaved.Add(1);
            return new SaveOutcome.Saved(rating);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await using var fresh = await dbFactory.CreateDbContextAsync();
            var current = await fresh.Ratings.AsNoTracking().SingleAsync(r => r.ParticipantId == session.Participant.Id && r.CharacteristicCode == code);
            return new SaveOutcome.Conflict(current);
        }
    }
}

public sealed class RatingValuesValidator : AbstractValidator<RatingValues>
{
    public const int MaxCommentLength = RatingsCsv.MaxCommentLength;
    public const int MaxLinks = EvidenceLinks.MaxCount;

    public RatingValuesValidator()
    {
        RuleFor(v => v.Comment).Must(c => c is null || c.Length <= MaxCommentLength)
            .WithMessage($"A comment can have at most {MaxCommentLength} characters.");
        RuleFor(v => v.EvidenceLinks).Must(l => l.Count <= MaxLinks).WithMessage(EvidenceLinks.TooMany);
        RuleForEach(v => v.EvidenceLinks).Must(EvidenceLinks.IsWebAddress).WithMessage((_, link) => EvidenceLinks.NotAWebAddress(link));
    }
}
