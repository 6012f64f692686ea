using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Web.Security;

/// <summary>What someone may do with one assessment.</summary>
public enum AssessmentPermission
{
    /// <summary>See that it exists and its settings.</summary>
    View,

    /// <summary>Set it up and run it: groups, participants, links, status, imports, history.</summary>
    Manage,

    /// <summary>Dashboards, exports, reports.</summary>
    ViewResults,
}

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

        await using var db = await dbFactory.CreateDbContextAsync();
        var membership = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.OrganisationId == resource.OrganisationId && m.UserId == userId);
        if (membership is null || !await db.Assessments.AnyAsync(a => a.Id == resource.AssessmentId && a.OrganisationId == resource.OrganisationId))
        {
            return;
        }

        var assessmentRole = await db.AssessmentRoles.AsNoTracking()
            .Where(r => r.AssessmentId == resource.AssessmentId && r.UserId == userId)
            .Select(r => (AssessmentRoleKind?)r.Role)
            .SingleOrDefaultAsync();
        if (Grants(membership.Role, assessmentRole, requirement.Permission))
        {
            context.Succeed(requirement);
        }
    }

    public static bool Grants(OrganisationRole role, AssessmentRoleKind? assessmentRole, AssessmentPermission permission) => permission switch
    {
        AssessmentPermission.View => role.Grants(Permission.ViewOrganisation),
        AssessmentPermission.Manage => role.Grants(Permission.ManageAssessments) || assessmentRole == AssessmentRoleKind.Facilitator,
        AssessmentPermission.ViewResults => role.Grants(Permission.ViewResults) || assessmentRole is AssessmentRoleKind.Facilitator or AssessmentRoleKind.Observer,
    };
}
