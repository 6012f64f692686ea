using CityMaturity.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Web.Security;

/// <summary>
/// The one place that answers "may this person do X in that organisation": their membership's role,
/// looked up fresh for every check (a role change or removal takes effect at once), against the role table
/// in <see cref="CityMaturity.Domain.Organisations.OrganisationRoles"/>. No membership, no access — system
/// administrators included.
/// </summary>
public sealed class OrganisationAuthorizationHandler(IDbContextFactory<CityMaturityDb> dbFactory)
    : AuthorizationHandler<OrganisationPermissionRequirement, OrganisationResource>
{
    protected override async Task HandleRequirementAsync(
        AuthorizationHandlerContext context, OrganisationPermissionRequirement requirement, OrganisationResource resource)
    {
        if (context.User.UserId() is not { } userId)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var membership = await db.Memberships.AsNoTracking()
            .SingleOrDefaultAsync(m => m.OrganisationId == resource.OrganisationId && m.UserId == userId);
        if (membership is not null && CityMaturity.Domain.Organisations.OrganisationRoles.Grants(membership.Role, requirement.Permission))
        {
            context.Succeed(requirement);
        }
    }
}
