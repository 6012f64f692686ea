using System.Security.Cryptography;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Infrastructure.Database;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Accounts;

/// <summary>A token as its owner sees it in the list (never the token itself).</summary>
public sealed record TokenSummary(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>
/// Personal access tokens for the read-only API: <c>cm_pat_</c> and 256 random bits, shown once; only the SHA-256
/// is stored. A token acts as its user, with that user's permissions at the time of each request.
/// </summary>
public sealed class PersonalAccessTokenService(IDbContextFactory<CityMaturityDb> dbFactory, TimeProvider clock, IValidator<NewToken> validator)
{
    public const string Prefix = "cm_pat_";
    public const int MaxNameLength = NewTokenValidator.MaxNameLength;
    public const int MaxActiveTokens = 20;

    // last_used_at is for the owner's list, not an audit trail: one write a minute per token is plenty.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <returns>The token (to show once) and its entry; a rejected request when the name is unusable or too many tokens are active.</returns>
    public async Task<(string? Token, string? Error)> CreateAsync(Guid userId, string? name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if ((await validator.ValidateAsync(new NewToken(trimmed))).Errors is [var failure, ..])
        {
            return (null, failure.ErrorMessage);
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.PersonalAccessTokens.CountAsync(t => t.UserId == userId && t.RevokedAt == null) >= MaxActiveTokens)
        {
            return (null, $"You already have {MaxActiveTokens} active tokens. Revoke one you no longer use first.");
        }

        var token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.PersonalAccessTokens.Add(new PersonalAccessToken
        {
            Id = Guid.NewGuid(), UserId = userId, Name = trimmed, TokenHash = InvitationTokens.Hash(token), CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        return (token, null);
    }

    public async Task<IReadOnlyList<TokenSummary>> ListAsync(Guid userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderBy(t => t.RevokedAt != null).ThenByDescending(t => t.CreatedAt)
            .Select(t => new TokenSummary(t.Id, t.Name, t.CreatedAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync();
    }

    /// <summary>Revokes one of the user's own tokens; false when it is not theirs or already revoked.</summary>
    public async Task<bool> RevokeAsync(Guid userId, Guid tokenId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var revoked = await db.PersonalAccessTokens
            .Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAt, clock.GetUtcNow()));
        return revoked == 1;
    }

    private sealed record ActiveToken(Guid Id, DateTimeOffset? LastUsedAt, AppUser User);

    // Every API request by token runs this: compiled once, so EF skips translating and caching it per request.
    private static readonly Func<CityMaturityDb, byte[], Task<ActiveToken?>> FindActiveToken = EF.CompileAsyncQuery(
        (CityMaturityDb db, byte[] hash) => (from t in db.PersonalAccessTokens
                                            join u in db.Users on t.UserId equals u.Id
                                            where t.TokenHash == hash && t.RevokedAt == null
                                            select new ActiveToken(t.Id, t.LastUsedAt, u)).AsNoTracking().SingleOrDefault());

    private sealed record ActiveTokenWithAccess(Guid Id, DateTimeOffset? LastUsedAt, AppUser User, TokenAssessmentAccess? Access);

    // The summary API by token: the token, its user and what the access check of one assessment reads, in one statement.
    private static readonly Func<CityMaturityDb, byte[], Guid, Task<ActiveTokenWithAccess?>> FindActiveTokenWithAccess = EF.CompileAsyncQuery(
        (CityMaturityDb db, byte[] hash, Guid assessmentId) =>
            (from t in db.PersonalAccessTokens
             join u in db.Users on t.UserId equals u.Id
             where t.TokenHash == hash && t.RevokedAt == null
             select new ActiveTokenWithAccess(t.Id, t.LastUsedAt, u,
                 (from a in db.Assessments
                  join m in db.Memberships on a.OrganisationId equals m.OrganisationId
                  where a.Id == assessmentId && m.UserId == u.Id
                  select new TokenAssessmentAccess(
                      a.OrganisationId,
                      a.Name,
                      a.Status,
                      m.Role,
                      db.AssessmentRoles.Where(r => r.AssessmentId == a.Id && r.UserId == u.Id).Select(r => (AssessmentRoleKind?)r.Role).FirstOrDefault(),
                      db.AssessmentDataVersions.Where(v => v.AssessmentId == a.Id).Select(v => (long?)v.Version).FirstOrDefault()))
                 .FirstOrDefault())).AsNoTracking().SingleOrDefault());

    /// <summary>
    /// The user a presented token acts for, read in the same round trip as the token; null when malformed, unknown or
    /// revoked (all look alike). Checked against the database on every request, so a revocation takes effect at once.
    /// </summary>
    public async Task<AppUser?> AuthenticateAsync(string? token) => (await AuthenticateAsync(token, forAssessment: null)).User;

    /// <summary>
    /// As <see cref="AuthenticateAsync(string?)"/>; with an assessment, the same statement also reads what deciding the
    /// token user's access to it takes (<see cref="TokenAssessmentAccess"/>, null when the user is no member of its
    /// organisation or it does not exist), so the API's hot path makes one round trip instead of two. The facts are
    /// read, not judged: the caller applies the permission rule.
    /// </summary>
    public async Task<(AppUser? User, TokenAssessmentAccess? Access)> AuthenticateAsync(string? token, Guid? forAssessment)
    {
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return (null, null);
        }

        var hash = InvitationTokens.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync();
        var found = forAssessment is { } assessmentId
            ? await FindActiveTokenWithAccess(db, hash, assessmentId)
            : await FindActiveToken(db, hash) is { } plain ? new ActiveTokenWithAccess(plain.Id, plain.LastUsedAt, plain.User, null) : null;
        if (found is null)
        {
            return (null, null);
        }

        var now = clock.GetUtcNow();
        if (found.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            await db.PersonalAccessTokens.Where(t => t.Id == found.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.LastUsedAt, now));
        }

        return (found.User, found.Access);
    }
}

/// <summary>
/// What deciding a token user's access to one assessment reads, taken in the token's own round trip: the assessment's
/// organisation, name and status, the user's membership role there, a per-assessment role, and the data version.
/// </summary>
public sealed record TokenAssessmentAccess(
    Guid OrganisationId, string Name, AssessmentStatus Status, OrganisationRole Role, AssessmentRoleKind? AssessmentRole, long? DataVersion);
