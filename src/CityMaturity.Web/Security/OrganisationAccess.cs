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
    /// The assessment with that id, if the user holds the permission on it through its own organisation (the API's
    /// addresses carry only the id); null when unknown or forbidden alike.
    /// </summary>
    public async Task<Assessment?> FindAssessmentAsync(ClaimsPrincipal user, Guid assessmentId, AssessmentPermission permission, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assessment = await db.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assessmentId, cancellationToken);
        return assessment is not null && await IsAllowedAsync(user, assessment.OrganisationId, assessment.Id, permission) ? assessment : null;
    }

    public async Task<bool> IsAllowedAsync(ClaimsPrincipal user, Guid organisationId, Guid assessmentId, AssessmentPermission permission) =>
        (await authorization.AuthorizeAsync(user, new AssessmentResource(organisationId, assessmentId), Policies.For(permission))).Succeeded;
}

public sealed record AssessmentContext(Organisation Organisation, Assessment Assessment);
