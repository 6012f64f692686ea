using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Organisations;

namespace CityMaturity.Application.Benchmarking;

/// <summary>A network in the list of someone who may see it.</summary>
/// <param name="MemberCount">Accepted members.</param>
/// <param name="ViewerOrganisation">The member organisation the person sees it through (results readers only); null for a coordinator outside.</param>
public sealed record NetworkListing(BenchmarkNetwork Network, int MemberCount, bool IsCoordinator, Organisation? ViewerOrganisation);

/// <summary>An invitation an organisation administrator may accept.</summary>
public sealed record NetworkInvitation(BenchmarkNetwork Network, Organisation Organisation);

/// <summary>What the network list shows one person.</summary>
public sealed record NetworkOverview(IReadOnlyList<NetworkListing> Networks, IReadOnlyList<NetworkInvitation> Invitations, IReadOnlyList<Organisation> AdministeredOrganisations);

/// <summary>
/// One line of a network's member list. Members see a name only where its organisation chose to appear by name (and then
/// its self-declared profile), otherwise the alias alone; a coordinator sees every member's name, and nothing more.
/// </summary>
/// <param name="AsMembersSeeIt">The name where the member chose to appear by name (or it is the reader's own), otherwise
/// the alias — even for a coordinator: what a report or export carries out of the app.</param>
public sealed record MemberLine(string ShownAs, bool IsNamed, bool IsOwn, MembershipStatus Status, CityProfile? Profile, bool HasPublished, string AsMembersSeeIt);

/// <summary>A filter the network offers, with the number of cities in it.</summary>
public sealed record OfferedFilter(ComparisonFilter Filter, string Key, int Cities);

/// <summary>
/// Everything the network page and the API show one person. <see cref="Comparison"/> is null for a coordinator who is not a
/// member, and when the network has fewer than k cities with published results.
/// </summary>
/// <param name="NoFigures">Why there is no comparison for a member (too few cities have published); null otherwise.</param>
/// <param name="FilterRefusal">Why the filter asked for was not applied (the page shows the whole network instead); null when it was.</param>
public sealed record NetworkView(
    BenchmarkNetwork Network,
    Organisation? ViewerOrganisation,
    bool IsCoordinator,
    IReadOnlyList<MemberLine> Members,
    int PublishedCities,
    IReadOnlyList<OfferedFilter> Filters,
    NetworkComparison? Comparison,
    string? NoFigures,
    string? FilterRefusal);

/// <summary>One network an organisation is in, as its administrator manages it.</summary>
public sealed record OrganisationNetwork(BenchmarkNetwork Network, BenchmarkMember Membership, BenchmarkSnapshot? Snapshot, string? PublishedAssessmentName);

/// <summary>The organisation's benchmarking page: its profile, its networks and the closed assessments it could publish.</summary>
public sealed record OrganisationSharing(CityProfile Profile, IReadOnlyList<OrganisationNetwork> Networks, IReadOnlyList<Domain.Assessments.Assessment> Publishable);

/// <summary>A person who coordinates a network, as other coordinators see them.</summary>
public sealed record NetworkCoordinator(Guid UserId, string DisplayName, string Email);

/// <summary>What a coordinator manages: the coordinators, k, and every change to them, newest first.</summary>
public sealed record NetworkSettings(BenchmarkNetwork Network, IReadOnlyList<NetworkCoordinator> Coordinators, IReadOnlyList<BenchmarkNetworkEvent> Changes);
