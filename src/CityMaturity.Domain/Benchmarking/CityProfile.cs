namespace CityMaturity.Domain.Benchmarking;

/// <summary>
/// What an organisation declares about its city so networks can form peer groups. Self-declared and shown as such:
/// nobody checks it. One per organisation, shared by every network the organisation joins.
/// </summary>
public sealed class CityProfile
{
    public const int MaxTextLength = 100;
    public const int MaxTags = 10;

    public Guid OrganisationId { get; set; }
    public string Country { get; set; } = string.Empty;
    public string Region { get; set; } = string.Empty;

    /// <summary>One of <see cref="PopulationBands.Keys"/>, or empty when not declared.</summary>
    public string PopulationBand { get; set; } = string.Empty;

    /// <summary>One of <see cref="AreaTypes.Keys"/>, or empty when not declared.</summary>
    public string AreaType { get; set; } = string.Empty;

    /// <summary>Free peer-group tags ("port city", "capital"), lower case, at most <see cref="MaxTags"/>.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Generated for the demo network; shown as such.</summary>
    public bool IsDemo { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public static class PopulationBands
{
    public static readonly IReadOnlyList<string> Keys = ["under-50k", "50k-250k", "250k-1m", "1m-5m", "over-5m"];

    public static string DisplayName(string key) => key switch
    {
        "under-50k" => "Under 50,000",
        "50k-250k" => "50,000 to 250,000",
        "250k-1m" => "250,000 to 1 million",
        "1m-5m" => "1 to 5 million",
        "over-5m" => "Over 5 million",
        _ => key,
    };
}

public static class AreaTypes
{
    public static readonly IReadOnlyList<string> Keys = ["urban", "suburban", "rural", "mixed"];

    public static string DisplayName(string key) => key.Length == 0 ? key : char.ToUpperInvariant(key[0]) + key[1..];
}

/// <summary>The checks a profile passes before it is saved; each message says what to correct.</summary>
public static class CityProfileRules
{
    public static IReadOnlyList<string> Check(CityProfile profile)
    {
        var problems = new List<string>();
        if (profile.Country.Length > CityProfile.MaxTextLength || profile.Region.Length > CityProfile.MaxTextLength)
        {
            problems.Add($"Country and region have at most {CityProfile.MaxTextLength} characters.");
        }

        if (profile.PopulationBand.Length > 0 && !PopulationBands.Keys.Contains(profile.PopulationBand))
        {
            problems.Add($"The population band is one of: {string.Join(", ", PopulationBands.Keys)}.");
        }

        if (profile.AreaType.Length > 0 && !AreaTypes.Keys.Contains(profile.AreaType))
        {
            problems.Add($"The area type is one of: {string.Join(", ", AreaTypes.Keys)}.");
        }

        if (profile.Tags.Count > CityProfile.MaxTags || profile.Tags.Any(t => t.Length is 0 or > 40))
        {
            problems.Add($"At most {CityProfile.MaxTags} tags of 1 to 40 characters each.");
        }

        return problems;
    }

    /// <summary>"Port city, capital , port city" → ["capital", "port city"]: trimmed, lower case, once each.</summary>
    public static List<string> ParseTags(string text) =>
        [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
