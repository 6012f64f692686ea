using CityMaturity.Domain.Indicators;

namespace CityMaturity.Web.Components.Shared;

/// <summary>How the indicator model's enums read on a page.</summary>
public static class IndicatorLabels
{
    public static string Of(IndicatorValueType valueType) => valueType switch
    {
        IndicatorValueType.Percentage => "Percentage (0 to 100)",
        IndicatorValueType.Count => "Count (a whole number, 0 or more)",
        IndicatorValueType.Quantity => "Quantity (0 or more)",
        IndicatorValueType.Number => "Number (may be negative)",
        IndicatorValueType.YesNo => "Yes or no",
    };

    public static string Of(IndicatorDirection direction) => direction switch
    {
        IndicatorDirection.HigherIsBetter => "Higher is better",
        IndicatorDirection.LowerIsBetter => "Lower is better",
        IndicatorDirection.Neither => "Neither: read it in context",
    };

    public static string Of(IndicatorTier tier) => tier switch
    {
        IndicatorTier.Core => "Core",
        IndicatorTier.Advanced => "Advanced",
        IndicatorTier.Supporting => "Supporting",
        IndicatorTier.Profile => "Profile",
    };

    public static string Of(IndicatorFocus focus) => focus switch
    {
        IndicatorFocus.Smart => "Smart",
        IndicatorFocus.Sustainable => "Sustainable",
        IndicatorFocus.Structural => "Structural",
    };

    /// <summary>"SDG 11.2, SDG 6.1.1": the goals, targets or indicators an indicator's framework cites.</summary>
    public static string SdgReferences(Indicator indicator) => string.Join(", ", indicator.SdgTargets.Select(t => $"SDG {t}"));

    /// <summary>The short facts shown after an indicator in a list: unit, tier, focus and SDG references where known.</summary>
    public static string ListFacts(Indicator indicator) => string.Join(" · ", new[]
    {
        indicator.Unit,
        indicator.Tier is { } tier ? Of(tier) : null,
        indicator.Focus is { } focus ? Of(focus) : null,
        indicator.SdgTargets.Count > 0 ? SdgReferences(indicator) : null,
    }.Where(f => !string.IsNullOrEmpty(f)));

    /// <summary>"numerator ÷ denominator × 100", the multiplier left out when it is 1.</summary>
    public static string Of(IndicatorCalculation calculation) =>
        calculation.Multiplier == 1m
            ? $"{calculation.Numerator} ÷ {calculation.Denominator}"
            : $"{calculation.Numerator} ÷ {calculation.Denominator} × {calculation.Multiplier.ToString("#,0.####", System.Globalization.CultureInfo.InvariantCulture).Replace(",", " ", StringComparison.Ordinal)}";
}
