namespace CityMaturity.Domain.Indicators;

/// <summary>What kind of number an indicator's value is; it decides which values are plausible.</summary>
public enum IndicatorValueType
{
    /// <summary>A share in per cent: 0 to 100.</summary>
    Percentage,

    /// <summary>A whole number of things: 0 or more, no fraction.</summary>
    Count,

    /// <summary>A measured amount that cannot be negative (km, kWh, m² per person, a rate per 100 000).</summary>
    Quantity,

    /// <summary>Any real number, negative allowed (a growth rate, a balance).</summary>
    Number,

    /// <summary>Yes or no, stored as 1 or 0 (e.g. "an open data portal exists").</summary>
    YesNo,
}

/// <summary>Which way is an improvement, so a trend can be called better or worse.</summary>
public enum IndicatorDirection
{
    HigherIsBetter,
    LowerIsBetter,
    Neither,
}

/// <summary>The framework's own classification of an indicator, where it has one.</summary>
public enum IndicatorTier
{
    Core,
    Advanced,
    Supporting,
    Profile,
}

/// <summary>
/// What an indicator shows a city is becoming, as the U4SSC KPIs classify each of theirs: smarter (ICT in use),
/// more sustainable, or a structural fact of the city (its economy, education, safety). Unknown (null) where we
/// could not read the publication's classification; see docs/evidence.md for which KPIs are covered.
/// </summary>
public enum IndicatorFocus
{
    Smart,
    Sustainable,
    Structural,
}

/// <summary>
/// How the value is calculated where the framework defines a ratio: value = numerator / denominator × multiplier
/// (multiplier 100 for a percentage, 100 000 for "per 100 000 population").
/// </summary>
public sealed record IndicatorCalculation(string Numerator, string Denominator, decimal Multiplier);

/// <summary>A level of a framework's hierarchy (a dimension, theme, category…), by code, with its parent.</summary>
public sealed record IndicatorGroup(string Code, string Name, string? ParentCode, string Kind);

/// <summary>
/// One indicator of a framework. <see cref="Code"/> is unique across every loaded framework (the loader refuses
/// duplicates), so a city's value names its indicator by code alone.
/// </summary>
public sealed record Indicator(
    string FrameworkKey,
    string Code,
    string Name,
    string Definition,
    string GroupCode,
    string Unit,
    IndicatorValueType ValueType,
    IndicatorDirection Direction,
    IndicatorTier? Tier,
    IndicatorCalculation? Calculation,
    IReadOnlyList<string> SdgTargets,
    IReadOnlyList<string> Tags,
    string? Note)
{
    /// <summary>The code's URL form (<see cref="IndicatorSlug"/>), unique like the code.</summary>
    public string Slug => IndicatorSlug.Of(Code);

    /// <summary>The framework's smart / sustainable / structural classification, or null where it has none or we could not read it.</summary>
    public IndicatorFocus? Focus { get; init; }

    /// <summary>
    /// What a verifier checks for this indicator, from the framework's verification guidance (for the U4SSC KPIs, the
    /// verification manual), in our words; empty where our data has none (an auditor's page then says so).
    /// </summary>
    public IReadOnlyList<string> VerificationNotes { get; init; } = [];
}

/// <summary>
/// A published indicator framework (ISO/IEC 30146, the U4SSC KPIs, ISO 37120, a national pack), in our words
/// unless a licensed text pack replaced them. <see cref="IncompleteParts"/> names the parts the source we had did
/// not contain, so nobody mistakes a gap for an absence.
/// </summary>
public sealed record IndicatorFramework(
    string Key,
    string Code,
    string Name,
    string Publisher,
    string About,
    IReadOnlyList<IndicatorGroup> Groups,
    IReadOnlyList<Indicator> Indicators,
    IReadOnlyList<string> IncompleteParts)
{
    /// <summary>Whose wording the names and definitions are: our paraphrase, a national body's, or a text pack's.</summary>
    public string WordingSource { get; init; } = string.Empty;

    /// <summary>The group with this code, or null.</summary>
    public IndicatorGroup? FindGroup(string code) => Groups.FirstOrDefault(g => g.Code == code);

    /// <summary>The group and its ancestors, outermost first (dimension, then sub-dimension, …).</summary>
    public IReadOnlyList<IndicatorGroup> PathTo(string groupCode)
    {
        var path = new List<IndicatorGroup>();
        for (var group = FindGroup(groupCode); group is not null && path.Count < Groups.Count; group = group.ParentCode is null ? null : FindGroup(group.ParentCode))
        {
            path.Insert(0, group);
        }

        return path;
    }
}

/// <summary>Why an indicator can evidence a characteristic: one line of our own reasoning.</summary>
public sealed record IndicatorLink(string IndicatorCode, string CharacteristicCode, string Rationale);
