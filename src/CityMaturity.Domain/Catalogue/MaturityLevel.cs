namespace CityMaturity.Domain.Catalogue;

/// <summary>The five maturity levels of ISO/TS 37107. The numeric values are the levels themselves.</summary>
public enum MaturityLevel
{
    Initial = 1,
    PartiallyFulfilled = 2,
    Fulfilled = 3,
    Improving = 4,
    SustainablyOptimising = 5,
}

public static class MaturityLevels
{
    public static IReadOnlyList<MaturityLevel> All { get; } =
        [MaturityLevel.Initial, MaturityLevel.PartiallyFulfilled, MaturityLevel.Fulfilled, MaturityLevel.Improving, MaturityLevel.SustainablyOptimising];

    public static int Number(this MaturityLevel level) => (int)level;

    public static bool TryFromNumber(int number, out MaturityLevel level)
    {
        level = (MaturityLevel)number;
        return number is >= 1 and <= 5;
    }

    public static MaturityLevel FromNumber(int number) =>
        TryFromNumber(number, out var level)
            ? level
            : throw new ArgumentOutOfRangeException(nameof(number), number, "A maturity level is a whole number from 1 to 5.");

    /// <summary>The standard's English name of the level; catalogue texts may carry translations.</summary>
    public static string DefaultName(this MaturityLevel level) => level switch
    {
        MaturityLevel.Initial => "Initial",
        MaturityLevel.PartiallyFulfilled => "Partially fulfilled",
        MaturityLevel.Fulfilled => "Fulfilled",
        MaturityLevel.Improving => "Improving",
        MaturityLevel.SustainablyOptimising => "Sustainably optimising",
    };
}
