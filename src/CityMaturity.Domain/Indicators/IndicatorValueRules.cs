using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CityMaturity.Domain.Indicators;

/// <summary>Something wrong with one field of an indicator value; <see cref="Field"/> is the CSV column's name.</summary>
public sealed record IndicatorValueProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>
/// What makes a city's figure plausible for its indicator: the value fits the indicator's type, the unit is the
/// indicator's, a numerator and denominator are given together where the indicator defines them, a share's numerator
/// does not exceed its denominator, and a value given with both agrees with numerator ÷ denominator × multiplier
/// within the rounding of the value as written. Every problem names its field.
/// </summary>
public static partial class IndicatorValueRules
{
    /// <summary>The earliest year a value may describe; older figures are almost always a typing error.</summary>
    public const int MinYear = 1950;

    public const int MaxSourceLength = 500;
    public const int MaxNoteLength = 2000;
    public const int MaxUnitLength = 100;

    /// <summary>Larger magnitudes are typing errors for every indicator we know, and keep the numbers exact in PostgreSQL and .NET.</summary>
    public const decimal MaxMagnitude = 1_000_000_000_000_000m;

    /// <summary>The problems of <paramref name="entry"/> for <paramref name="indicator"/>; empty when it may be stored.</summary>
    public static IReadOnlyList<IndicatorValueProblem> Check(Indicator indicator, IndicatorEntry entry)
    {
        var problems = new List<IndicatorValueProblem>();
        CheckValue(indicator, entry.Value, problems);
        CheckUnit(indicator, entry.Unit, problems);
        CheckRatio(indicator, entry, problems);
        CheckText(entry.Source, "source", MaxSourceLength, problems);
        CheckText(entry.Note, "note", MaxNoteLength, problems);
        return problems;
    }

    /// <summary>A problem with the year, or null: from <see cref="MinYear"/> to <paramref name="currentYear"/>, since values describe what was.</summary>
    public static IndicatorValueProblem? CheckYear(int year, int currentYear) =>
        year < MinYear || year > currentYear
            ? new IndicatorValueProblem("year", string.Create(CultureInfo.InvariantCulture, $"{year} is not a plausible year; use {MinYear} to {currentYear}"))
            : null;

    /// <summary>
    /// True when <paramref name="unit"/> is the indicator's unit written another accepted way (docs/evidence.md lists
    /// them): case, spacing, thousands separators in numbers ("100,000"), "percent"/"per cent" for "%", "m2" for "m²".
    /// An empty unit means the indicator's own.
    /// </summary>
    public static bool IsUnitOf(Indicator indicator, string? unit) =>
        string.IsNullOrWhiteSpace(unit) || string.Equals(CanonicalUnit(unit), CanonicalUnit(indicator.Unit), StringComparison.Ordinal);

    /// <summary>The unit to store for an accepted <paramref name="unit"/>: always the indicator's own spelling.</summary>
    public static string StoredUnit(Indicator indicator, string? unit) => IsUnitOf(indicator, unit) ? indicator.Unit : (unit ?? string.Empty).Trim();

    /// <summary>numerator ÷ denominator × multiplier, or null when the indicator has no calculation or either part is missing or the denominator is 0.</summary>
    public static decimal? Calculated(Indicator indicator, decimal? numerator, decimal? denominator) =>
        indicator.Calculation is { } calculation && numerator is { } n && denominator is { } d && d != 0
            ? n / d * calculation.Multiplier
            : null;

    private static void CheckValue(Indicator indicator, decimal value, List<IndicatorValueProblem> problems)
    {
        if (Math.Abs(value) >= MaxMagnitude)
        {
            problems.Add(new("value", $"{Show(value)} is too large to be a plausible value"));
            return;
        }

        var problem = indicator.ValueType switch
        {
            IndicatorValueType.Percentage when value is < 0 or > 100 => $"{Show(value)} is not a percentage; use 0 to 100",
            IndicatorValueType.Count when value < 0 => $"{Show(value)} is not a count; a count is not negative",
            IndicatorValueType.Count when value != decimal.Truncate(value) => $"{Show(value)} is not a count; a count is a whole number",
            IndicatorValueType.Quantity when value < 0 => $"{Show(value)} is negative; this quantity cannot be",
            IndicatorValueType.YesNo when value is not (0 or 1) => $"{Show(value)} is not yes or no; use 1 for yes and 0 for no",
            IndicatorValueType.Percentage or IndicatorValueType.Count or IndicatorValueType.Quantity or IndicatorValueType.Number or IndicatorValueType.YesNo => null,
        };
        if (problem is not null)
        {
            problems.Add(new("value", problem));
        }
    }

    private static void CheckUnit(Indicator indicator, string unit, List<IndicatorValueProblem> problems)
    {
        if (unit.Length > MaxUnitLength)
        {
            problems.Add(new("unit", $"the unit has {unit.Length} characters; the limit is {MaxUnitLength}"));
        }
        else if (!IsUnitOf(indicator, unit))
        {
            problems.Add(new("unit", $"\"{unit.Trim()}\" is not the unit of {indicator.Code}; use \"{indicator.Unit}\""));
        }
    }

    private static void CheckRatio(Indicator indicator, IndicatorEntry entry, List<IndicatorValueProblem> problems)
    {
        var (numerator, denominator) = (entry.Numerator, entry.Denominator);
        if (numerator is null && denominator is null)
        {
            return;
        }

        if (indicator.Calculation is not { } calculation)
        {
            problems.Add(new(numerator is not null ? "numerator" : "denominator",
                $"{indicator.Code} is not calculated from a numerator and a denominator; leave both empty"));
            return;
        }

        if (numerator is null || denominator is null)
        {
            problems.Add(new(numerator is null ? "numerator" : "denominator",
                $"give the numerator ({calculation.Numerator}) and the denominator ({calculation.Denominator}) together, or neither"));
            return;
        }

        var before = problems.Count;
        if (Math.Abs(numerator.Value) >= MaxMagnitude)
        {
            problems.Add(new("numerator", $"{Show(numerator.Value)} is too large to be plausible"));
        }

        if (Math.Abs(denominator.Value) >= MaxMagnitude)
        {
            problems.Add(new("denominator", $"{Show(denominator.Value)} is too large to be plausible"));
        }

        if (denominator <= 0)
        {
            problems.Add(new("denominator", $"{Show(denominator.Value)} cannot divide; the denominator must be more than 0"));
        }

        if (numerator < 0 && indicator.ValueType is not IndicatorValueType.Number)
        {
            problems.Add(new("numerator", $"{Show(numerator.Value)} is negative; the numerator of {indicator.Code} cannot be"));
        }

        if (IsShare(indicator) && numerator > denominator)
        {
            problems.Add(new("numerator",
                $"{Show(numerator.Value)} is more than the denominator {Show(denominator.Value)}; a share's part cannot exceed its whole"));
        }

        if (problems.Count > before)
        {
            return;
        }

        var calculated = Calculated(indicator, numerator, denominator)!.Value;
        if (Math.Abs(calculated - entry.Value) > Tolerance(entry.Value))
        {
            problems.Add(new("value",
                $"{Show(entry.Value)} does not agree with numerator ÷ denominator × {Show(calculation.Multiplier)} = {Show(Math.Round(calculated, 4))}; correct the value or the numbers"));
        }
    }

    /// <summary>
    /// A percentage is a share of a whole, so its part cannot exceed the whole. Other ratios (per 100 000 people,
    /// m² per person) may well have a numerator larger than the denominator.
    /// </summary>
    private static bool IsShare(Indicator indicator) => indicator.ValueType is IndicatorValueType.Percentage;

    /// <summary>Half a unit in the last decimal place the value was written with (33.3 allows 0.05), never less than a millionth of it.</summary>
    private static decimal Tolerance(decimal value)
    {
        var scale = value.Scale;
        var halfLastPlace = 0.5m / Pow10(scale);
        return Math.Max(halfLastPlace, Math.Abs(value) / 1_000_000m);
    }

    private static decimal Pow10(int scale)
    {
        var result = 1m;
        for (var i = 0; i < scale; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static void CheckText(string? text, string field, int maxLength, List<IndicatorValueProblem> problems)
    {
        if (text is null)
        {
            return;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            problems.Add(new(field, "contains a NUL character, which cannot be stored"));
        }

        var length = text.Trim().EnumerateRunes().Count();
        if (length > maxLength)
        {
            problems.Add(new(field, $"the {field} has {length} characters; the limit is {maxLength}"));
        }
    }

    private static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Lower case, one spelling of per cent and of squares, no separators inside numbers, single spaces.</summary>
    private static string CanonicalUnit(string unit)
    {
        var text = unit.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormKC);
        text = PerCent().Replace(text, "%");
        text = DigitSeparator().Replace(text, string.Empty);
        text = Whitespace().Replace(text, " ");
        return text.Replace(" %", "%", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b(percent(age)?|per cent)\b")]
    private static partial Regex PerCent();

    // "100,000", "100 000" and "100 000" (narrow no-break space) are all 100000.
    [GeneratedRegex(@"(?<=\d)[,\s\u202F\u00A0](?=\d{3}\b)")]
    private static partial Regex DigitSeparator();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
