using System.Globalization;

namespace CityMaturity.Domain;

/// <summary>"1 problem", "2 problems": a count with its noun in the right number (English, regular plurals).</summary>
public static class Counted
{
    public static string Of(int count, string singular, string? plural = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? singular : plural ?? singular + "s")}";
}
