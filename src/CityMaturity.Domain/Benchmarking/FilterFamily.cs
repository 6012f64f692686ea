namespace CityMaturity.Domain.Benchmarking;

/// <summary>The privacy threshold of a network (ADR 0030).</summary>
public static class BenchmarkPrivacy
{
    public const int DefaultK = 5;

    /// <summary>With the viewer's own city in a set, k = 3 still leaves two others in every set a value can come from.</summary>
    public const int MinimumK = 3;

    public const int MaximumK = 50;

    public static string KRule => $"The privacy threshold k is a whole number from {MinimumK} to {MaximumK}.";

    public static bool IsValidK(int k) => k is >= MinimumK and <= MaximumK;
}

/// <summary>
/// The filters a network offers, chosen so that no combination of their results singles a city out (ADR 0030).
/// <para>
/// The cities split into <em>atoms</em>: cities that fall in exactly the same offered filters. Every offered set is a
/// union of atoms, so whatever anyone computes from the distributions of offered sets — differences, sums, any signed
/// combination — is a combination of whole atoms. A filter is offered only if, with it, every atom still holds at least k
/// cities; then no arithmetic on the offered sets narrows a value down to fewer than k cities. Two filters whose sets
/// differ by one city would make that city an atom of one, so the second of them is withheld.
/// </para>
/// <para>
/// Candidates are tried in a fixed order (the whole network, each method, each peer group in facet and value order, then
/// each peer group with each method) and kept greedily, so the same network always offers the same filters.
/// </para>
/// </summary>
public sealed class FilterFamily
{
    private readonly Dictionary<Guid, int> _atomOf;
    private readonly List<ComparisonFilter> _offered;

    private FilterFamily(int k, IReadOnlyList<BenchmarkCity> cities, List<ComparisonFilter> offered, List<ComparisonFilter> withheld, Dictionary<Guid, int> atomOf)
    {
        K = k;
        Cities = cities;
        _offered = offered;
        Withheld = withheld;
        _atomOf = atomOf;
    }

    public int K { get; }
    public IReadOnlyList<BenchmarkCity> Cities { get; }
    public IReadOnlyList<ComparisonFilter> Offered => _offered;

    /// <summary>Candidates with at least k cities that were not offered because they would have split an atom below k.</summary>
    public IReadOnlyList<ComparisonFilter> Withheld { get; }

    public bool Offers(ComparisonFilter filter) => _offered.Contains(filter);

    public static FilterFamily Build(IReadOnlyList<BenchmarkCity> cities, int k)
    {
        if (!BenchmarkPrivacy.IsValidK(k))
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, BenchmarkPrivacy.KRule);
        }

        var atomOf = cities.ToDictionary(c => c.OrganisationId, _ => 0);
        var offered = new List<ComparisonFilter>();
        var withheld = new List<ComparisonFilter>();
        if (cities.Count < k)
        {
            return new FilterFamily(k, cities, offered, withheld, atomOf);
        }

        offered.Add(ComparisonFilter.All);
        foreach (var candidate in Candidates(cities))
        {
            var members = cities.Where(candidate.Matches).Select(c => c.OrganisationId).ToHashSet();
            if (members.Count < k)
            {
                continue;
            }

            if (!SplitKeepsAtomsLarge(atomOf, members, k, out var split))
            {
                withheld.Add(candidate);
                continue;
            }

            offered.Add(candidate);
            foreach (var (city, atom) in split)
            {
                atomOf[city] = atom;
            }
        }

        return new FilterFamily(k, cities, offered, withheld, atomOf);
    }

    /// <summary>The cities of an offered filter; throws for one that is not offered, so nothing reads around the rule.</summary>
    public IReadOnlyList<BenchmarkCity> Members(ComparisonFilter filter) =>
        Offers(filter)
            ? [.. Cities.Where(filter.Matches)]
            : throw new InvalidOperationException($"The filter '{filter.DisplayName}' is not offered in this network.");

    /// <summary>
    /// Whether a shared score of a filter may be shown: within each atom of the filter, either no city has a score or at
    /// least k do. A characteristic some cities left unrated would otherwise reopen the differencing the atoms close.
    /// </summary>
    public bool MayShow(IEnumerable<BenchmarkCity> ratedMembers)
    {
        var counts = ratedMembers.GroupBy(c => _atomOf[c.OrganisationId]).Select(g => g.Count()).ToList();
        return counts.Count > 0 && counts.All(n => n >= K);
    }

    private static IEnumerable<ComparisonFilter> Candidates(IReadOnlyList<BenchmarkCity> cities)
    {
        var methods = cities.Select(c => c.Method).Distinct().Order().ToList();
        var peers = PeerGroup.DeclaredBy(cities.Select(c => c.Profile));
        foreach (var method in methods)
        {
            yield return new ComparisonFilter(null, method);
        }

        foreach (var peer in peers)
        {
            yield return new ComparisonFilter(peer, null);
        }

        foreach (var peer in peers)
        {
            foreach (var method in methods)
            {
                yield return new ComparisonFilter(peer, method);
            }
        }
    }

    /// <summary>Splits every atom by membership of <paramref name="members"/>; false if a part would hold fewer than k cities.</summary>
    private static bool SplitKeepsAtomsLarge(Dictionary<Guid, int> atomOf, HashSet<Guid> members, int k, out Dictionary<Guid, int> split)
    {
        var next = atomOf.Values.Max() + 1;
        var renumbered = new Dictionary<(int Atom, bool In), int>();
        split = [];
        foreach (var (city, atom) in atomOf)
        {
            var key = (atom, members.Contains(city));
            if (!renumbered.TryGetValue(key, out var id))
            {
                id = next++;
                renumbered[key] = id;
            }

            split[city] = id;
        }

        return split.Values.GroupBy(a => a).All(g => g.Count() >= k);
    }
}
