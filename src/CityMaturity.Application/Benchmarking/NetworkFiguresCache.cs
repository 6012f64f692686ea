using System.Collections.Concurrent;
using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Organisations;
using Microsoft.Extensions.Caching.Memory;

namespace CityMaturity.Application.Benchmarking;

/// <summary>
/// What a network's comparison is computed from, as it stood at one figures version (ADR 0055): the network, its members
/// and their organisations, profiles, who has published, and the filter family over the published cities. The same for
/// every viewer; who the viewer is, and what they may see, is decided per request and never stored here. The member list
/// is kept sorted twice — as members see it and as coordinators see it, with no one's own line — so a request only puts
/// the viewer's own line in its place instead of sorting a thousand names.
/// </summary>
internal sealed record NetworkFigures(
    long Version,
    BenchmarkNetwork Network,
    IReadOnlyList<BenchmarkMember> Members,
    Dictionary<Guid, Organisation> Organisations,
    IReadOnlyDictionary<Guid, CityProfile> Profiles,
    IReadOnlySet<Guid> Published,
    FilterFamily Family,
    IReadOnlyList<OfferedFilter> Filters)
{
    private readonly (Guid OrganisationId, MemberLine Line)[] _asMembersSeeThem = Sorted(Members, Organisations, Profiles, Published, isCoordinator: false);
    private readonly (Guid OrganisationId, MemberLine Line)[] _asCoordinatorsSeeThem = Sorted(Members, Organisations, Profiles, Published, isCoordinator: true);

    /// <summary>The member list as <paramref name="viewer"/> (a member organisation, or none) sees it, in the list's order.</summary>
    public IReadOnlyList<MemberLine> LinesFor(Organisation? viewer, bool isCoordinator)
    {
        var sorted = isCoordinator ? _asCoordinatorsSeeThem : _asMembersSeeThem;
        var lines = new List<MemberLine>(sorted.Length);
        foreach (var (organisationId, line) in sorted)
        {
            if (organisationId != viewer?.Id)
            {
                lines.Add(line);
            }
        }

        if (viewer is not null && Members.FirstOrDefault(m => m.OrganisationId == viewer.Id) is { } own)
        {
            var line = LineOf(own, viewer, isCoordinator);
            var at = lines.BinarySearch(line, MemberLineOrder.Instance);
            lines.Insert(at < 0 ? ~at : at, line);
        }

        return lines;
    }

    private MemberLine LineOf(BenchmarkMember member, Organisation? viewer, bool isCoordinator) =>
        BenchmarkService.LineOf(member, Organisations[member.OrganisationId], Profiles.GetValueOrDefault(member.OrganisationId), viewer, isCoordinator, Published.Contains(member.OrganisationId));

    private static (Guid, MemberLine)[] Sorted(
        IReadOnlyList<BenchmarkMember> members, Dictionary<Guid, Organisation> organisations, IReadOnlyDictionary<Guid, CityProfile> profiles, IReadOnlySet<Guid> published, bool isCoordinator) =>
        [.. members
            .Select(m => (m.OrganisationId, BenchmarkService.LineOf(m, organisations[m.OrganisationId], profiles.GetValueOrDefault(m.OrganisationId), null, isCoordinator, published.Contains(m.OrganisationId))))
            .OrderBy(l => l.Item2, MemberLineOrder.Instance)];
}

/// <summary>The member list's order: invited after accepted, named before aliases, then by the name shown.</summary>
internal sealed class MemberLineOrder : IComparer<MemberLine>
{
    public static readonly MemberLineOrder Instance = new();

    public int Compare(MemberLine? x, MemberLine? y) =>
        (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            _ => x.Status.CompareTo(y.Status) is not 0 and var status ? status
                : (x.IsNamed ? 0 : 1).CompareTo(y.IsNamed ? 0 : 1) is not 0 and var named ? named
                : StringComparer.CurrentCultureIgnoreCase.Compare(x.ShownAs, y.ShownAs),
        };
}

/// <summary>
/// Benchmark networks' figures per network and figures version (ADR 0055, amending ADR 0030's "nothing is cached"):
/// <see cref="NetworkFigures"/>, and per offered filter the figures shared by every viewer
/// (<see cref="NetworkComparison.Shared"/>). The version is read from the database on every request, and triggers move it
/// in the same transaction as every change to what the figures come from, so a withdrawal acts on the very next request.
/// A dedicated memory cache bounded by size in cities' worth of figures (about <see cref="SizeLimit"/> × 2 kB); an entry of a
/// superseded version is never read again and ages out. Requests that miss the same entry at once wait for one computation.
/// </summary>
public sealed class NetworkFiguresCache : IDisposable
{
    /// <summary>In units of one city's figures: a network entry counts 3 per published city, a filter's figures 1 per city in it.</summary>
    public const long SizeLimit = 40_000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = SizeLimit });
    private readonly ConcurrentDictionary<object, Lazy<Task<object>>> _computing = new();

    private readonly record struct NetworkKey(Guid NetworkId, long Version);

    private readonly record struct FilterKey(Guid NetworkId, long Version, string Filter);

    internal Task<NetworkFigures> NetworkAsync(Guid networkId, long version, Func<Task<NetworkFigures>> load) =>
        GetOrComputeAsync(new NetworkKey(networkId, version), load, figures => 1 + (3L * figures.Family.Cities.Count));

    internal Task<NetworkComparison> FilterAsync(NetworkFigures figures, ComparisonFilter filter, Func<NetworkComparison> compute) =>
        GetOrComputeAsync(new FilterKey(figures.Network.Id, figures.Version, BenchmarkService.FilterKey(filter)), () => Task.FromResult(compute()), shared => 1 + shared.Cities);

    private async Task<T> GetOrComputeAsync<T>(object key, Func<Task<T>> compute, Func<T, long> size) where T : class
    {
        if (_entries.TryGetValue(key, out T? cached))
        {
            return cached!;
        }

        var computing = _computing.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await compute()));
        try
        {
            var value = (T)await computing.Value;
            _entries.Set(key, value, new MemoryCacheEntryOptions { Size = size(value), SlidingExpiration = TimeSpan.FromMinutes(30) });
            return value;
        }
        finally
        {
            _computing.TryRemove(KeyValuePair.Create(key, computing));
        }
    }

    public void Dispose() => _entries.Dispose();
}
