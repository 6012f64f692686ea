using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;

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
    public static async Task<NetworkAudience?> LoadAsync(CityMaturityDb db, Guid networkId, Guid userId, CancellationToken cancellationToken) =>
        await NetworkStanding.LoadAsync(db, networkId, userId, cancellationToken) is { } standing ? Of(standing) : null;

    /// <summary>The audience of a standing already worked out (for reads: from the cached figures, ADR 0055).</summary>
    public static NetworkAudience Of(NetworkStanding standing)
    {
        // Profiles are not needed here: these views show names or aliases only.
        var lines = standing.Members.Where(m => m.Status == MembershipStatus.Accepted).ToDictionary(
            m => m.OrganisationId,
            m => BenchmarkService.LineOf(m, standing.Organisations[m.OrganisationId], null, standing.Viewer, standing.IsCoordinator, published: false));
        return new NetworkAudience(standing.Network, standing.Viewer, standing.IsCoordinator, lines);
    }
}
