using System.Text;

namespace CityMaturity.Domain.Indicators;

/// <summary>
/// The URL form of an indicator code: lower case, every run of characters other than letters and digits becomes
/// one hyphen, no hyphen at either end ("EC: ICT: ICT: 1C" → "ec-ict-ict-1c", "L1.1.1" → "l1-1-1"). The loader
/// refuses two codes with the same slug, so a slug always leads back to exactly one indicator.
/// </summary>
public static class IndicatorSlug
{
    public static string Of(string code)
    {
        var slug = new StringBuilder(code.Length);
        var pendingHyphen = false;
        foreach (var c in code.Trim())
        {
            if (char.IsLetterOrDigit(c))
            {
                if (pendingHyphen && slug.Length > 0)
                {
                    slug.Append('-');
                }

                slug.Append(char.ToLowerInvariant(c));
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return slug.ToString();
    }
}
