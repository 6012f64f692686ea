using System.Security.Claims;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Web.Security;

/// <summary>
/// Resolves an organisation from an address and checks a permission on it in one call. Unknown and
/// forbidden look the same to the caller (null), so ids and slugs of other organisations reveal nothing.
/// </summary>
public sealed class OrganisationAccess(IDbContextFactory<CityMaturityDb> dbFactory, IAuthorizationService authorization)
{
    public async Task<Organisation?> FindAsync(ClaimsPrincipal user, string slug, Permission permission)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug);
        return organisation is not null && await IsAllowedAsync(user, organisation.Id, permission) ? organisation : null;
    }

    public async Task<bool> IsAllowedAsync(ClaimsPrincipal user, Guid organisationId, Permission permission) =>
        (await authorization.AuthorizeAsync(user, new OrganisationResource(organisationId), Policies.For(permission))).Succeeded;

    /// <summary>The assessment of that organisation, if the user holds the permission on it; null otherwise (unknown or forbidden alike).</summary>
    public async Task<AssessmentContext?> FindAssessmentAsync(ClaimsPrincipal user, string slug, Guid assessmentId, AssessmentPermission permission)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var found = await (from a in db.Assessments
                           join o in db.Organisations on a.OrganisationId equals o.Id
                           where a.Id == assessmentId && o.Slug == slug
                           select new { a, o }).AsNoTracking().SingleOrDefaultAsync();
        return found is not null && await IsAllowedAsync(user, found.o.Id, found.a.Id, permission) ? new AssessmentContext(found.o, found.a) : null;
    }

    /// <summary>
    /// As <see cref="FindAssessmentAsync(ClaimsPrincipal, string, Guid, AssessmentPermission)"/>, in one round trip, with
    /// the user's standing on it: the facts the authorization handler reads (the membership role in the assessment's own
    /// organisation, the per-assessment role) come with the assessment and are judged by the same rule,
    /// <see cref="AssessmentAccess.Grants"/>, for this permission and for any other the page asks about (the dashboard
    /// shows more to those who may manage).
    /// </summary>
    public async Task<AssessmentStanding?> FindAssessmentStandingAsync(ClaimsPrincipal user, string slug, Guid assessmentId, AssessmentPermission permission)
    {
        if (!user.Identities.Any(i => i.IsAuthenticated) || user.UserId() is not { } userId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var found = await (from a in db.Assessments
                           join o in db.Organisations on a.OrganisationId equals o.Id
                           join m in db.Memberships on o.Id equals m.OrganisationId
                           where a.Id == assessmentId && o.Slug == slug && m.UserId == userId
                           select new
                           {
                               a,
                               o,
                               m.Role,
                               AssessmentRole = db.AssessmentRoles.Where(r => r.AssessmentId == a.Id && r.UserId == userId)
                                   .Select(r => (AssessmentRoleKind?)r.Role).FirstOrDefault(),
                           }).AsNoTracking().SingleOrDefaultAsync();
        if (found is null)
        {
            return null;
        }

        var standing = new AssessmentStanding(new AssessmentContext(found.o, found.a), found.Role, found.AssessmentRole);
        return standing.Allows(permission) ? standing : null;
    }

    /// <summary>
    /// The assessment with that id, if the user holds the permission on it through its own organisation (the API's
    /// addresses carry only the id); null when unknown or forbidden alike.
    /// </summary>
    public async Task<Assessment?> FindAssessmentAsync(ClaimsPrincipal user, Guid assessmentId, AssessmentPermission permission, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assessment = await db.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assessmentId, cancellationToken);
        return assessment is not null && await IsAllowedAsync(user, assessment.OrganisationId, assessment.Id, permission) ? assessment : null;
    }

    private sealed record AccessFacts(Guid OrganisationId, string Name, AssessmentStatus Status, OrganisationRole Role, AssessmentRoleKind? AssessmentRole, long? Version);

    // The summary API runs this on every request: compiled once, so EF skips translating and caching it per request.
    private static readonly Func<CityMaturityDb, Guid, Guid, CancellationToken, Task<AccessFacts?>> FindAccessFacts = EF.CompileAsyncQuery(
        (CityMaturityDb db, Guid assessmentId, Guid userId, CancellationToken cancellationToken) =>
            (from a in db.Assessments
             join m in db.Memberships on a.OrganisationId equals m.OrganisationId
             where a.Id == assessmentId && m.UserId == userId
             select new AccessFacts(
                 a.OrganisationId,
                 a.Name,
                 a.Status,
                 m.Role,
                 db.AssessmentRoles.Where(r => r.AssessmentId == a.Id && r.UserId == userId).Select(r => (AssessmentRoleKind?)r.Role).FirstOrDefault(),
                 db.AssessmentDataVersions.Where(v => v.AssessmentId == a.Id).Select(v => (long?)v.Version).FirstOrDefault()))
            .AsNoTracking().SingleOrDefault());

    /// <summary>
    /// For the API's hot path, in one database round trip: the assessment's row as the summary JSON needs it and its data
    /// version, if the user holds the permission on it; null when unknown or forbidden alike. The facts the authorization
    /// handler would read (membership role in the assessment's own organisation, per-assessment role) are read in the same
    /// query and judged by the same rule, <see cref="AssessmentAccess.Grants"/>.
    /// </summary>
    public async Task<VersionedAssessment?> FindVersionedAssessmentAsync(
        ClaimsPrincipal user, Guid assessmentId, AssessmentPermission permission, CancellationToken cancellationToken = default)
    {
        if (!user.Identities.Any(i => i.IsAuthenticated) || user.UserId() is not { } userId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindAccessFacts(db, assessmentId, userId, cancellationToken);
        return found is not null && AssessmentAccess.Grants(found.Role, found.AssessmentRole, permission)
            ? new VersionedAssessment(assessmentId, found.OrganisationId, found.Name, found.Status, found.Version ?? 0)
            : null;
    }

    /// <summary>
    /// As <see cref="FindVersionedAssessmentAsync(ClaimsPrincipal, Guid, AssessmentPermission, CancellationToken)"/>, but
    /// when the request's token was checked together with this assessment's access facts (one statement,
    /// <see cref="ReadsAssessmentAccessWithToken"/>), those facts are judged by the same rule instead of read again.
    /// </summary>
    public async Task<VersionedAssessment?> FindVersionedAssessmentAsync(
        HttpContext http, Guid assessmentId, AssessmentPermission permission, CancellationToken cancellationToken = default)
    {
        if (http.Features.Get<AssessmentAccessReadWithToken>() is { } read && read.AssessmentId == assessmentId && http.User.UserId() == read.UserId)
        {
            return read.Access is { } found && AssessmentAccess.Grants(found.Role, found.AssessmentRole, permission)
                ? new VersionedAssessment(assessmentId, found.OrganisationId, found.Name, found.Status, found.DataVersion ?? 0)
                : null;
        }

        return await FindVersionedAssessmentAsync(http.User, assessmentId, permission, cancellationToken);
    }

    public async Task<bool> IsAllowedAsync(ClaimsPrincipal user, Guid organisationId, Guid assessmentId, AssessmentPermission permission) =>
        (await authorization.AuthorizeAsync(user, new AssessmentResource(organisationId, assessmentId), Policies.For(permission))).Succeeded;
}

public sealed record AssessmentContext(Organisation Organisation, Assessment Assessment);

/// <summary>An assessment with what one user may do with it (<see cref="OrganisationAccess.FindAssessmentStandingAsync"/>).</summary>
public sealed record AssessmentStanding(AssessmentContext Context, OrganisationRole Role, AssessmentRoleKind? AssessmentRole)
{
    public bool Allows(AssessmentPermission permission) => AssessmentAccess.Grants(Role, AssessmentRole, permission);
}

/// <summary>What the summary JSON reads of an assessment's own row, and the data version its figures belong to.</summary>
public sealed record VersionedAssessment(Guid Id, Guid OrganisationId, string Name, AssessmentStatus Status, long DataVersion);
