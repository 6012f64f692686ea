using CityMaturity.Web.Theming;
using MudBlazor.Utilities;

namespace CityMaturity.Integration.Tests.Ui;

/// <summary>The MudBlazor theme's text colours reach WCAG 2.1 AA contrast (4.5:1) on their backgrounds (ADR 0020).</summary>
public sealed class AppThemeTests
{
    public static TheoryData<string> Pairs() => [.. AppTheme.TextPairs().Select(pair => pair.Name)];

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Text_on_its_background_reaches_4_5_to_1(string name)
    {
        var (_, text, background) = AppTheme.TextPairs().Single(pair => pair.Name == name);

        var ratio = ContrastRatio(text, background);

        Assert.True(ratio >= 4.5, $"{name}: {text} on {background} is {ratio:0.00}:1");
    }

    [Fact]
    public void The_check_fails_for_a_low_contrast_pair()
    {
        // MudBlazor's stock palette: white on its warning orange (#ffa800) is about 1.9:1.
        Assert.True(ContrastRatio(new MudColor("#ffffff"), new MudColor("#ffa800")) < 4.5);
    }

    // WCAG 2.1 relative luminance and contrast ratio.
    private static double ContrastRatio(MudColor a, MudColor b)
    {
        var (lighter, darker) = (Luminance(a), Luminance(b)) is var (x, y) && x > y ? (x, y) : (y, x);
        return (lighter + 0.05) / (darker + 0.05);
    }

    private static double Luminance(MudColor colour) =>
        (0.2126 * Channel(colour.R)) + (0.7152 * Channel(colour.G)) + (0.0722 * Channel(colour.B));

    private static double Channel(byte value)
    {
        var c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
