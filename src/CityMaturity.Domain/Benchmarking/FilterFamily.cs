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
    private readonly int _atomCount;
    private readonly List<ComparisonFilter> _offered;

    private FilterFamily(int k, IReadOnlyList<BenchmarkCity> cities, List<ComparisonFilter> offered, List<ComparisonFilter> withheld, int[] atoms, int atomCount)
    {
        K = k;
        Cities = cities;
        _offered = offered;
        Withheld = withheld;
        _atomOf = cities.Select((c, i) => (c.OrganisationId, Atom: atoms[i])).ToDictionary(x => x.OrganisationId, x => x.Atom);
        _atomCount = atomCount;
    }

    public int K { get; }
    public IReadOnlyList<BenchmarkCity> Cities { get; }
    public IReadOnlyList<ComparisonFilter> Offered => _offered;

    /// <summary>Candidates with at least k cities that were not offered because they would have split an atom below k.</summary>
    public IReadOnlyList<ComparisonFilter> Withheld { get; }

    public bool Offers(ComparisonFilter filter) => _offered.Contains(filter);

    /// <summary>
    /// Builds the family in one pass over the cities per candidate: the atoms are numbers per city (an array, not sets),
    /// so a network of 1,000 cities and a few hundred candidate filters takes milliseconds (docs/performance.md).
    /// </summary>
    public static FilterFamily Build(IReadOnlyList<BenchmarkCity> cities, int k)
    {
        if (!BenchmarkPrivacy.IsValidK(k))
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, BenchmarkPrivacy.KRule);
        }

        var atoms = new int[cities.Count];
        var atomCount = 1;
        var offered = new List<ComparisonFilter>();
        var withheld = new List<ComparisonFilter>();
        if (cities.Count < k)
        {
            return new FilterFamily(k, cities, offered, withheld, atoms, atomCount);
        }

        offered.Add(ComparisonFilter.All);
        var inCandidate = new bool[cities.Count];
        foreach (var candidate in Candidates(cities))
        {
            var size = 0;
            for (var i = 0; i < cities.Count; i++)
            {
                inCandidate[i] = candidate.Matches(cities[i]);
                size += inCandidate[i] ? 1 : 0;
            }

            if (size < k)
            {
                continue;
            }

            if (!SplitKeepsAtomsLarge(atoms, atomCount, inCandidate, k, out var split, out var splitCount))
            {
                withheld.Add(candidate);
                continue;
            }

            offered.Add(candidate);
            (atoms, atomCount) = (split, splitCount);
        }

        return new FilterFamily(k, cities, offered, withheld, atoms, atomCount);
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
        var counter = NewAtomCounter();
        foreach (var city in ratedMembers)
        {
            counter[AtomOf(city)]++;
        }

        return MayShow(counter);
    }

    /// <summary>The atom a city of the network belongs to: a number from 0 to the number of atoms, for an <see cref="NewAtomCounter"/>.</summary>
    public int AtomOf(BenchmarkCity city) => _atomOf[city.OrganisationId];

    /// <summary>One count per atom, all zero: count a metric's rated cities into it by <see cref="AtomOf"/>, then ask <see cref="MayShow(int[])"/>.</summary>
    public int[] NewAtomCounter() => new int[_atomCount];

    /// <summary><see cref="MayShow(IEnumerable{BenchmarkCity})"/> on rated cities already counted per atom.</summary>
    public bool MayShow(int[] ratedPerAtom) => ratedPerAtom.Any(n => n > 0) && ratedPerAtom.All(n => n == 0 || n >= K);

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

    /// <summary>Splits every atom by membership of the candidate; false if a part would hold fewer than k cities.</summary>
    private static bool SplitKeepsAtomsLarge(int[] atoms, int atomCount, bool[] inCandidate, int k, out int[] split, out int splitCount)
    {
        // Part p of atom a is slot 2a + p (p = 1 inside the candidate); parts that hold a city get new numbers in slot order.
        var sizes = new int[atomCount * 2];
        for (var i = 0; i < atoms.Length; i++)
        {
            sizes[Slot(atoms, inCandidate, i)]++;
        }

        split = [];
        splitCount = 0;
        if (sizes.Any(n => n is > 0 && n < k))
        {
            return false;
        }

        var numbers = new int[sizes.Length];
        for (var slot = 0; slot < sizes.Length; slot++)
        {
            numbers[slot] = sizes[slot] > 0 ? splitCount++ : -1;
        }

        split = new int[atoms.Length];
        for (var i = 0; i < atoms.Length; i++)
        {
            split[i] = numbers[Slot(atoms, inCandidate, i)];
        }

        return true;
    }

    private static int Slot(int[] atoms, bool[] inCandidate, int city) => (2 * atoms[city]) + (inCandidate[city] ? 1 : 0);
}
