using System.Security.Claims;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CityMaturity.Web.Accounts;

/// <summary>Adds the display name and the system-administrator flag to the sign-in cookie's principal.</summary>
public sealed class AppUserClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    public const string DisplayNameClaim = "citymaturity:display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        if (user.IsSystemAdmin)
        {
            identity.AddClaim(new Claim(CityMaturityClaims.SystemAdministrator, "true"));
        }

        return identity;
    }
}
