using System.Security.Cryptography;

namespace CityMaturity.Domain.Workshops;

/// <summary>
/// Join codes: six characters from an alphabet without look-alikes (no 0/O, 1/I/L), easy to read off a projector
/// and type on a phone. 31⁶ ≈ 887 million codes; joining is rate limited, and a code only lets someone in where the
/// facilitator allows walk-ins.
/// </summary>
public static class JoinCodes
{
    public const int Length = 6;
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string NewCode() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>What a person typed, as a code: trimmed, upper case, spaces and dashes dropped; null if it cannot be one.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        var code = new string([.. typed.Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant)]);
        return code.Length == Length && code.All(Alphabet.Contains) ? code : null;
    }

    /// <summary>"ABC DEF": easier to read aloud and off a wall.</summary>
    public static string Display(string code) => code.Length == Length ? $"{code[..3]} {code[3..]}" : code;
}
