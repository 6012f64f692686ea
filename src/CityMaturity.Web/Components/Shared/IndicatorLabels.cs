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

    /// <summary>"numerator ÷ denominator × 100", the multiplier left out when it is 1.</summary>
    public static string Of(IndicatorCalculation calculation) =>
        calculation.Multiplier == 1m
            ? $"{calculation.Numerator} ÷ {calculation.Denominator}"
            : $"{calculation.Numerator} ÷ {calculation.Denominator} × {calculation.Multiplier.ToString("#,0.####", System.Globalization.CultureInfo.InvariantCulture).Replace(",", " ", StringComparison.Ordinal)}";
}
