namespace CityMaturity.Domain.Scoring;

/// <summary>How derived figures are rounded and written.</summary>
internal static class Figures
{
    /// <summary>Mean rounded to 2 decimals, half away from zero (the methodology's rule for every mean shown).</summary>
    public static decimal RoundedMean(decimal sum, int count) => Math.Round(sum / count, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// 4.5 − 2.5 is 2.0 in decimal arithmetic; exports and documents should read 2. Dividing by one with the largest
    /// scale makes decimal division choose the smallest exact scale.
    /// </summary>
    public static decimal WithoutTrailingZeros(decimal value) => value / 1.0000000000000000000000000000m;
}
