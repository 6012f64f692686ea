namespace CityMaturity.Domain.Benchmarking;

/// <summary>
/// The name an anonymous member appears under ("City K7"). Drawn at random when the organisation is invited and kept, so
/// the alias says nothing about who joined when or in which order; letters that read like digits (I, O) are left out.
/// </summary>
public static class MemberAliases
{
    private const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";

    public static string Pick(Random random, IReadOnlySet<string> taken)
    {
        // 192 two-character aliases; a larger network falls back to three characters.
        for (var length = 1; ; length++)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var digits = string.Concat(Enumerable.Range(0, length).Select(_ => Digits[random.Next(Digits.Length)]));
                var alias = $"City {Letters[random.Next(Letters.Length)]}{digits}";
                if (!taken.Contains(alias))
                {
                    return alias;
                }
            }
        }
    }
}
