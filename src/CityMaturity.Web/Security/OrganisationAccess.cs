using System.Security.Claims;
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
}
