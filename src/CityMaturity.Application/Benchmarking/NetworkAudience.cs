using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Benchmarking;

/// <summary>
/// A network as one person reads it: the organisation they read it through (a results reader of an accepted member) and
/// whether they coordinate it, with every member's shown name as that person may see it (ADR 0030): a member's name only
/// where it chose to appear by name, or it is their own, or they coordinate; otherwise its alias.
/// </summary>
internal sealed record NetworkAudience(
    BenchmarkNetwork Network,
    Organisation? Viewer,
    bool IsCoordinator,
    IReadOnlyDictionary<Guid, MemberLine> Lines)
{
    /// <summary>Only members read figures, evidence and values; a coordinator outside runs the network without them.</summary>
    public bool ReadsFigures => Viewer is not null;

    public string ShownAs(Guid organisationId) => Lines.TryGetValue(organisationId, out var line) ? line.ShownAs : "A former member";

    public bool IsOwn(Guid organisationId) => Viewer?.Id == organisationId;

    /// <summary>The network as <paramref name="userId"/> may see it, or null when it does not exist or they may not see it.</summary>
    public static async Task<NetworkAudience?> LoadAsync(CityMaturityDb db, Guid networkId, Guid userId, CancellationToken cancellationToken)
    {
        var network = await db.BenchmarkNetworks.AsNoTracking().SingleOrDefaultAsync(n => n.Id == networkId, cancellationToken);
        if (network is null)
        {
            return null;
        }

        var roles = await BenchmarkService.RolesAsync(db, userId, cancellationToken);
        var members = await db.BenchmarkMembers.AsNoTracking().Where(m => m.NetworkId == networkId).ToListAsync(cancellationToken);
        var organisationIds = members.Select(m => m.OrganisationId).ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var viewer = BenchmarkService.ViewerOrganisation(members, roles, organisations);
        var isCoordinator = await db.BenchmarkCoordinators.AnyAsync(c => c.NetworkId == networkId && c.UserId == userId, cancellationToken);
        if (viewer is null && !isCoordinator)
        {
            return null;
        }

        // Profiles are not needed here: these views show names or aliases only.
        var lines = members.Where(m => m.Status == MembershipStatus.Accepted).ToDictionary(
            m => m.OrganisationId,
            m => BenchmarkService.LineOf(m, organisations[m.OrganisationId], null, viewer, isCoordinator, published: false));
        return new NetworkAudience(network, viewer, isCoordinator, lines);
    }
}
