using CityMaturity.Domain.Indicators;

namespace CityMaturity.Domain.Tests.Indicators;

/// <summary>A small library built in code, one indicator per value type, so each rule is tested on its own.</summary>
internal static class TestIndicators
{
    public static readonly Indicator Share = Make("T.PCT", "%", IndicatorValueType.Percentage, new IndicatorCalculation("households with broadband", "all households", 100));
    public static readonly Indicator Count = Make("T.CNT", "number", IndicatorValueType.Count);
    public static readonly Indicator PerPopulation = Make("T.RATE", "per 100 000 population", IndicatorValueType.Quantity, new IndicatorCalculation("deaths", "population", 100_000));
    public static readonly Indicator Area = Make("T.AREA", "m² per person", IndicatorValueType.Quantity);
    public static readonly Indicator Growth = Make("T.GROWTH", "% per year", IndicatorValueType.Number);
    public static readonly Indicator Portal = Make("T.YN", "yes/no", IndicatorValueType.YesNo);

    public static readonly IndicatorLibrary Library = new(
        [new IndicatorFramework("test", "TEST", "Test framework", "Us", "For tests", [new IndicatorGroup("T", "Tests", null, "theme")],
            [Share, Count, PerPopulation, Area, Growth, Portal], [])],
        []);

    private static Indicator Make(string code, string unit, IndicatorValueType type, IndicatorCalculation? calculation = null) =>
        new("test", code, code + " name", "definition", "T", unit, type, IndicatorDirection.HigherIsBetter, IndicatorTier.Core, calculation, [], [], null);
}
