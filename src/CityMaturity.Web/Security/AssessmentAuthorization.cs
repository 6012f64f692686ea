using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Web.Security;

public readonly record struct AssessmentResource(Guid OrganisationId, Guid AssessmentId);

public sealed record AssessmentPermissionRequirement(AssessmentPermission Permission) : IAuthorizationRequirement;

/// <summary>
/// Organisation role first (facilitators and administrators manage every assessment of their organisation,
/// leaders read results), then per-assessment roles (a member made facilitator or observer of one assessment).
/// Participants are not handled here: they reach only their own answers, through their link or membership.
/// </summary>
public sealed class AssessmentAuthorizationHandler(IDbContextFactory<CityMaturityDb> dbFactory)
    : AuthorizationHandler<AssessmentPermissionRequirement, AssessmentResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AssessmentPermissionRequirement requirement, AssessmentResource resource)
    {
        if (context.User.UserId() is not { } userId)
        {
            return;
        }

        // One round trip: the membership in the assessment's organisation and the per-assessment role, if the assessment
        // belongs to that organisation at all.
        await using var db = await dbFactory.CreateDbContextAsync();
        var found = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganisationId == resource.OrganisationId && m.UserId == userId
                && db.Assessments.Any(a => a.Id == resource.AssessmentId && a.OrganisationId == resource.OrganisationId))
            .Select(m => new
            {
                m.Role,
                AssessmentRole = db.AssessmentRoles
                    .Where(r => r.AssessmentId == resource.AssessmentId && r.UserId == userId)
                    .Select(r => (AssessmentRoleKind?)r.Role).FirstOrDefault(),
            })
            .SingleOrDefaultAsync();
        if (found is not null && AssessmentAccess.Grants(found.Role, found.AssessmentRole, requirement.Permission))
        {
            context.Succeed(requirement);
        }
    }
}
