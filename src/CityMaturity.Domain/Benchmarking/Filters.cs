namespace CityMaturity.Domain.Benchmarking;

/// <summary>A side of the self-declared city profile that forms peer groups.</summary>
public enum PeerFacet
{
    Country,
    Region,
    PopulationBand,
    AreaType,
    Tag,
}

/// <summary>The cities whose profile says <see cref="Value"/> for <see cref="Facet"/> (for tags: carries the tag).</summary>
public sealed record PeerGroup(PeerFacet Facet, string Value)
{
    public string Key => $"{FacetKey(Facet)}:{Value}";

    public string DisplayName => Facet switch
    {
        PeerFacet.Country => $"Country: {Value}",
        PeerFacet.Region => $"Region: {Value}",
        PeerFacet.PopulationBand => $"Population: {PopulationBands.DisplayName(Value)}",
        PeerFacet.AreaType => $"Area: {AreaTypes.DisplayName(Value)}",
        PeerFacet.Tag => $"Tag: {Value}",
    };

    public bool Matches(CityProfile? profile) => profile is not null && Facet switch
    {
        PeerFacet.Country => string.Equals(profile.Country, Value, StringComparison.OrdinalIgnoreCase),
        PeerFacet.Region => string.Equals(profile.Region, Value, StringComparison.OrdinalIgnoreCase),
        PeerFacet.PopulationBand => profile.PopulationBand == Value,
        PeerFacet.AreaType => profile.AreaType == Value,
        PeerFacet.Tag => profile.Tags.Contains(Value, StringComparer.Ordinal),
    };

    /// <summary>Every peer group some city of <paramref name="profiles"/> declares, in a fixed order (facet, then value).</summary>
    public static IReadOnlyList<PeerGroup> DeclaredBy(IEnumerable<CityProfile?> profiles)
    {
        var declared = new HashSet<PeerGroup>();
        foreach (var profile in profiles.OfType<CityProfile>())
        {
            if (profile.Country.Length > 0)
            {
                declared.Add(new PeerGroup(PeerFacet.Country, profile.Country));
            }

            if (profile.Region.Length > 0)
            {
                declared.Add(new PeerGroup(PeerFacet.Region, profile.Region));
            }

            if (profile.PopulationBand.Length > 0)
            {
                declared.Add(new PeerGroup(PeerFacet.PopulationBand, profile.PopulationBand));
            }

            if (profile.AreaType.Length > 0)
            {
                declared.Add(new PeerGroup(PeerFacet.AreaType, profile.AreaType));
            }

            foreach (var tag in profile.Tags)
            {
                declared.Add(new PeerGroup(PeerFacet.Tag, tag));
            }
        }

        return [.. declared.OrderBy(g => g.Facet).ThenBy(g => g.Value, StringComparer.Ordinal)];
    }

    public static bool TryParse(string? key, out PeerGroup? group)
    {
        group = null;
        var colon = key?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (key is null || colon <= 0 || colon == key.Length - 1)
        {
            return false;
        }

        var facet = Enum.GetValues<PeerFacet>().Where(f => FacetKey(f) == key[..colon]).Cast<PeerFacet?>().FirstOrDefault();
        if (facet is null)
        {
            return false;
        }

        group = new PeerGroup(facet.Value, key[(colon + 1)..]);
        return true;
    }

    private static string FacetKey(PeerFacet facet) => facet switch
    {
        PeerFacet.Country => "country",
        PeerFacet.Region => "region",
        PeerFacet.PopulationBand => "population",
        PeerFacet.AreaType => "area",
        PeerFacet.Tag => "tag",
    };
}

/// <summary>A set of the network's cities to compare against: a peer group, a method, both, or neither (the whole network).</summary>
public sealed record ComparisonFilter(PeerGroup? Peer, ComparisonMethod? Method)
{
    public static readonly ComparisonFilter All = new(null, null);

    public string DisplayName => (Peer, Method) switch
    {
        (null, null) => "All cities of the network",
        ({ } peer, null) => peer.DisplayName,
        (null, { } method) => $"Method: {method.DisplayName()}",
        ({ } peer, { } method) => $"{peer.DisplayName} · Method: {method.DisplayName()}",
    };

    public bool Matches(BenchmarkCity city) =>
        (Peer is null || Peer.Matches(city.Profile)) && (Method is null || Method == city.Method);
}
