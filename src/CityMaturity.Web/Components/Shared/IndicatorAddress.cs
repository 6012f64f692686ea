using CityMaturity.Domain.Indicators;

namespace CityMaturity.Web.Components.Shared;

/// <summary>
/// Stable deep links to indicator pages: /indicators/{slug}, where the slug is the code's URL form
/// ("EC: ICT: ICT: 1C" → /indicators/ec-ict-ict-1c; see <see cref="IndicatorSlug"/> and docs/evidence.md).
/// </summary>
public static class IndicatorAddress
{
    public static string For(Indicator indicator) => $"indicators/{indicator.Slug}";

    public static string ForFramework(IndicatorFramework framework) => $"indicators?framework={Uri.EscapeDataString(framework.Key)}";
}
