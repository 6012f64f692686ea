using CityMaturity.Domain.Assessments;

namespace CityMaturity.Domain.Organisations;

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

/// <summary>
/// Who may do what with one assessment: the organisation role first (facilitators and administrators manage every
/// assessment of their organisation, leaders read results), then a per-assessment role (a member made facilitator or
/// observer of one assessment). The authorisation handler and the queries that list what a member may open use this.
/// </summary>
public static class AssessmentAccess
{
    public static bool Grants(OrganisationRole role, AssessmentRoleKind? assessmentRole, AssessmentPermission permission) => permission switch
    {
        AssessmentPermission.View => role.Grants(Permission.ViewOrganisation),
        AssessmentPermission.Manage => role.Grants(Permission.ManageAssessments) || assessmentRole == AssessmentRoleKind.Facilitator,
        AssessmentPermission.ViewResults => role.Grants(Permission.ViewResults) || assessmentRole is AssessmentRoleKind.Facilitator or AssessmentRoleKind.Observer,
    };
}
