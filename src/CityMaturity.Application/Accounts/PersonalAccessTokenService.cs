using System.Security.Cryptography;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Infrastructure.Database;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
public sealed class PersonalAccessTokenService(
    IDbContextFactory<CityMaturityDb> dbFactory, NpgsqlDataSource dataSource, TimeProvider clock, IValidator<NewToken> validator)
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

    // Every API request by token runs one of these two statements (ADR 0011): raw Npgsql with the narrowest row the request
    // needs (the user's id, Identity's stamps and lockout; with an assessment, the facts its access check reads), prepared on
    // each pooled connection by Npgsql's auto-prepare (DatabaseSetup.WithDefaults). The primary keys make the lateral
    // subquery one row at most; the token hash is unique.
    private const string TokenAndUser = """
        SELECT t.id, t.last_used_at, u.id, u.security_stamp, u.concurrency_stamp, u.lockout_enabled, u.lockout_end
        FROM personal_access_tokens t
        JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL
        """;

    private const string TokenUserAndAccess = """
        SELECT t.id, t.last_used_at, u.id, u.security_stamp, u.concurrency_stamp, u.lockout_enabled, u.lockout_end,
               access.organisation_id, access.name, access.status, access.role, access.assessment_role, access.version
        FROM personal_access_tokens t
        JOIN users u ON u.id = t.user_id
        LEFT JOIN LATERAL (
            SELECT a.organisation_id, a.name, a.status, m.role,
                   (SELECT r.role FROM assessment_roles r WHERE r.assessment_id = a.id AND r.user_id = u.id) AS assessment_role,
                   (SELECT v.version FROM assessment_data_versions v WHERE v.assessment_id = a.id) AS version
            FROM assessments a
            JOIN memberships m ON m.organisation_id = a.organisation_id AND m.user_id = u.id
            WHERE a.id = $2
        ) access ON true
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL
        """;

    /// <summary>
    /// The user a presented token acts for, read in one statement with the token, or null when malformed, unknown,
    /// revoked or its user locked out (all look alike). Checked against the database on every request, so a revocation or
    /// a lockout takes effect at once. With an assessment, the same statement also reads what deciding the token user's
    /// access to it takes (<see cref="TokenAssessmentAccess"/>, null when the user is no member of its organisation or it
    /// does not exist), so the API's hot path makes one round trip. The facts are read, not judged: the caller applies the
    /// permission rule.
    /// </summary>
    public async Task<(TokenUser? User, TokenAssessmentAccess? Access)> AuthenticateAsync(string? token, Guid? forAssessment = null)
    {
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return (null, null);
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        Guid tokenId;
        DateTimeOffset? lastUsedAt;
        TokenUser user;
        TokenAssessmentAccess? access = null;
        await using (var command = new NpgsqlCommand(forAssessment is null ? TokenAndUser : TokenUserAndAccess, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = InvitationTokens.Hash(token) });
            if (forAssessment is { } assessmentId)
            {
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = assessmentId });
            }

            await using var reader = await command.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                return (null, null);
            }

            tokenId = reader.GetGuid(0);
            lastUsedAt = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
            user = new TokenUser(
                reader.GetGuid(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetBoolean(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
            if (forAssessment is not null && !reader.IsDBNull(7))
            {
                access = new TokenAssessmentAccess(
                    reader.GetGuid(7),
                    reader.GetString(8),
                    AssessmentVocabulary.ParseStatus(reader.GetString(9)),
                    OrganisationRoles.Parse(reader.GetString(10)),
                    reader.IsDBNull(11) ? null : AssessmentVocabulary.ParseRole(reader.GetString(11)),
                    reader.IsDBNull(12) ? null : reader.GetInt64(12));
            }
        }

        if (user.IsLockedOut())
        {
            return (null, null);
        }

        var now = clock.GetUtcNow();
        if (lastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            await using var stamp = new NpgsqlCommand("UPDATE personal_access_tokens SET last_used_at = $1 WHERE id = $2", connection);
            stamp.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            stamp.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tokenId });
            await stamp.ExecuteNonQueryAsync();
        }

        return (user, access);
    }
}

/// <summary>
/// A token's user as a request by token needs them: the id, Identity's security and concurrency stamps (which key the
/// reused claims, <c>PersonalAccessTokenClaims</c>) and the lockout. Not the whole user: its claims are built from the
/// whole row only when the stamps have no claims yet.
/// </summary>
public sealed record TokenUser(Guid Id, string? SecurityStamp, string? ConcurrencyStamp, bool LockoutEnabled, DateTimeOffset? LockoutEnd)
{
    /// <summary>Identity's rule (<c>UserManager.IsLockedOutAsync</c>, which reads the system clock): lockout enabled and its end not passed.</summary>
    public bool IsLockedOut() => LockoutEnabled && LockoutEnd >= DateTimeOffset.UtcNow;
}

/// <summary>
/// What deciding a token user's access to one assessment reads, taken in the token's own round trip: the assessment's
/// organisation, name and status, the user's membership role there, a per-assessment role, and the data version.
/// </summary>
public sealed record TokenAssessmentAccess(
    Guid OrganisationId, string Name, AssessmentStatus Status, OrganisationRole Role, AssessmentRoleKind? AssessmentRole, long? DataVersion);
