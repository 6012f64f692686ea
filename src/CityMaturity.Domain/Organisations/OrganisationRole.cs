namespace CityMaturity.Domain.Organisations;

/// <summary>A member's role in one organisation. A person may hold different roles in different organisations.</summary>
public enum OrganisationRole
{
    /// <summary>Reads the organisation and takes part in its assessments.</summary>
    Member,

    /// <summary>Reads results, dashboards and reports.</summary>
    Leader,

    /// <summary>Keeps the organisation's indicator data (the city's own figures per indicator and year).</summary>
    DataOfficer,

    /// <summary>Sets up and runs assessments and workshops; reads results.</summary>
    Facilitator,

    /// <summary>Everything a facilitator does, and manages members and invitations.</summary>
    OrganisationAdministrator,
}

/// <summary>What someone may do within an organisation. Checked in one place: the organisation authorization handler.</summary>
public enum Permission
{
    ViewOrganisation,
    RateAssessments,
    ViewResults,
    ManageAssessments,
    ManageMembers,

    /// <summary>Enter, import and publish the organisation's indicator values. Every member may read them.</summary>
    EditIndicatorData,
}

public static class OrganisationRoles
{
    /// <summary>The one table that says which role may do what. docs/security.md shows it; a test pins it.</summary>
    public static bool Grants(this OrganisationRole role, Permission permission) => permission switch
    {
        Permission.ViewOrganisation => true,
        Permission.RateAssessments => true,
        Permission.ViewResults => role is OrganisationRole.Leader or OrganisationRole.Facilitator or OrganisationRole.OrganisationAdministrator,
        Permission.ManageAssessments => role is OrganisationRole.Facilitator or OrganisationRole.OrganisationAdministrator,
        Permission.ManageMembers => role is OrganisationRole.OrganisationAdministrator,
        // Facilitators too: a person holds one role per organisation, and in a small city the facilitator keeps the figures.
        Permission.EditIndicatorData => role is OrganisationRole.DataOfficer or OrganisationRole.Facilitator or OrganisationRole.OrganisationAdministrator,
    };

    public static string Code(this OrganisationRole role) => role switch
    {
        OrganisationRole.Member => "member",
        OrganisationRole.Leader => "leader",
        OrganisationRole.DataOfficer => "data_officer",
        OrganisationRole.Facilitator => "facilitator",
        OrganisationRole.OrganisationAdministrator => "org_admin",
    };

    public static string DisplayName(this OrganisationRole role) => role switch
    {
        OrganisationRole.Member => "Member",
        OrganisationRole.Leader => "Leader",
        OrganisationRole.DataOfficer => "Data officer",
        OrganisationRole.Facilitator => "Facilitator",
        OrganisationRole.OrganisationAdministrator => "Organisation administrator",
    };

    public static OrganisationRole Parse(string code) =>
        TryParse(code, out var role) ? role : throw new FormatException($"'{code}' is not an organisation role.");

    public static bool TryParse(string? code, out OrganisationRole role)
    {
        foreach (var candidate in Enum.GetValues<OrganisationRole>())
        {
            if (candidate.Code() == code)
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
