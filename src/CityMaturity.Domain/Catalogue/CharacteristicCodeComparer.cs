using System.Globalization;

namespace CityMaturity.Domain.Catalogue;

/// <summary>
/// Orders codes as the catalogue does: part by part as numbers, so 1.2.10 comes after 1.2.9 and 4.10 after 4.9.
/// A part that is not a plain number compares as text. The one ordering of characteristic codes in the code base.
/// </summary>
public sealed class CharacteristicCodeComparer : IComparer<string>
{
    public static CharacteristicCodeComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var left = (x ?? string.Empty).Split('.');
        var right = (y ?? string.Empty).Split('.');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var byPart = int.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
                && int.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var b)
                ? a.CompareTo(b)
                : string.CompareOrdinal(left[i], right[i]);
            if (byPart != 0)
            {
                return byPart;
            }
        }

        return left.Length.CompareTo(right.Length);
    }
}
