using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Benchmarking;

/// <summary>
/// Where one person stands in a network, the first step of every view of it: the network, its members (invited ones
/// too) and their organisations, the accepted member organisation they read it through, and whether they coordinate it.
/// </summary>
internal sealed record NetworkStanding(
    BenchmarkNetwork Network,
    IReadOnlyList<BenchmarkMember> Members,
    IReadOnlyDictionary<Guid, Organisation> Organisations,
    Organisation? Viewer,
    bool IsCoordinator)
{
    /// <summary>Null when the network does not exist or the person neither reads it through a member nor coordinates it.</summary>
    public static async Task<NetworkStanding?> LoadAsync(CityMaturityDb db, Guid networkId, Guid userId, CancellationToken cancellationToken)
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
        return viewer is null && !isCoordinator ? null : new NetworkStanding(network, members, organisations, viewer, isCoordinator);
    }
}
