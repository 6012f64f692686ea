namespace CityMaturity.Domain.Indicators;

// The JSON shapes of indicator packs (docs/evidence.md, "Pack formats"). One file is one pack, and its "pack"
// member says which kind: "framework" (a framework, optionally with links), "links" (links only) or "text"
// (replacement wording). Everything is nullable on purpose: the loader names what is missing instead of
// failing inside the deserializer.
internal sealed class FrameworkPackJson
{
    public string? Pack { get; set; }
    public string? Key { get; set; }
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Publisher { get; set; }
    public string? About { get; set; }
    public string? Wording { get; set; }
    public List<string>? IncompleteParts { get; set; }
    public List<IndicatorGroupJson>? Groups { get; set; }
    public List<IndicatorJson>? Indicators { get; set; }
    public List<IndicatorLinkJson>? Links { get; set; }
}

internal sealed class LinksPackJson
{
    public string? Pack { get; set; }
    public string? Name { get; set; }
    public List<IndicatorLinkJson>? Links { get; set; }
}

internal sealed class TextPackJson
{
    public string? Pack { get; set; }

    /// <summary>Where the wording comes from, shown beside it (e.g. "Official text, licensed to the City of X").</summary>
    public string? Name { get; set; }
    public Dictionary<string, FrameworkTextJson>? Frameworks { get; set; }
    public Dictionary<string, IndicatorTextJson>? Indicators { get; set; }
}

internal sealed class IndicatorGroupJson
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Parent { get; set; }
    public string? Kind { get; set; }
}

internal sealed class IndicatorJson
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Definition { get; set; }
    public string? Group { get; set; }
    public string? Unit { get; set; }
    public string? ValueType { get; set; }
    public string? Direction { get; set; }
    public string? Tier { get; set; }
    public string? Focus { get; set; }
    public CalculationJson? Calculation { get; set; }
    public List<string>? SdgTargets { get; set; }
    public List<string>? Tags { get; set; }
    public string? Note { get; set; }
    public List<string>? Verification { get; set; }
}

internal sealed class CalculationJson
{
    public string? Numerator { get; set; }
    public string? Denominator { get; set; }
    public decimal? Multiplier { get; set; }
}

internal sealed class IndicatorLinkJson
{
    public string? Indicator { get; set; }
    public string? Characteristic { get; set; }
    public string? Rationale { get; set; }
}

internal sealed class FrameworkTextJson
{
    public string? Name { get; set; }
    public string? About { get; set; }
    public Dictionary<string, string>? Groups { get; set; }
}

internal sealed class IndicatorTextJson
{
    public string? Name { get; set; }
    public string? Definition { get; set; }
    public string? Note { get; set; }
}
