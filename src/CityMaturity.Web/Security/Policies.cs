using System.Security.Claims;
using CityMaturity.Domain.Organisations;
using Microsoft.AspNetCore.Authorization;

namespace CityMaturity.Web.Security;

public static class Policies
{
    public const string SystemAdministrator = "system-administrator";

    /// <summary>The /api endpoints: a signed-in user by cookie or by personal access token; each endpoint then checks its resource.</summary>
    public const string Api = "api";

    /// <summary>The policy name for a permission on an organisation; the resource is an <see cref="OrganisationResource"/>.</summary>
    public static string For(Permission permission) => "organisation:" + permission;

    /// <summary>The policy name for a permission on an assessment; the resource is an <see cref="AssessmentResource"/>.</summary>
    public static string For(AssessmentPermission permission) => "assessment:" + permission;

    public static void AddCityMaturityPolicies(this AuthorizationOptions options)
    {
        options.AddPolicy(Api, policy => policy
            .AddAuthenticationSchemes(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme, PersonalAccessTokenHandler.SchemeName)
            .RequireAuthenticatedUser());
        options.AddPolicy(SystemAdministrator, policy => policy.RequireAuthenticatedUser().RequireClaim(CityMaturityClaims.SystemAdministrator, "true"));
        foreach (var permission in Enum.GetValues<Permission>())
        {
            options.AddPolicy(For(permission), policy => policy.RequireAuthenticatedUser().AddRequirements(new OrganisationPermissionRequirement(permission)));
        }

        foreach (var permission in Enum.GetValues<AssessmentPermission>())
        {
            options.AddPolicy(For(permission), policy => policy.RequireAuthenticatedUser().AddRequirements(new AssessmentPermissionRequirement(permission)));
        }
    }
}

public static class CityMaturityClaims
{
    public const string SystemAdministrator = "citymaturity:system_admin";

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static bool IsSystemAdministrator(this ClaimsPrincipal user) => user.HasClaim(SystemAdministrator, "true");
}

/// <summary>The thing a permission is checked against: an organisation, by id.</summary>
public readonly record struct OrganisationResource(Guid OrganisationId);

public sealed record OrganisationPermissionRequirement(Permission Permission) : IAuthorizationRequirement;
