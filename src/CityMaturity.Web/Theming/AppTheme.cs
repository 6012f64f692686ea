using MudBlazor;

namespace CityMaturity.Web.Theming;

/// <summary>
/// MudBlazor's theme in the app's colours (ADR 0020). Every text/background pair here reaches WCAG 2.1 AA
/// (4.5:1 for body text) on white and on the surface tint; <c>AppThemeTests</c> checks the ratios.
/// </summary>
public static class AppTheme
{
    public const string Accent = "#0b3d91";
    public const string Ink = "#1b1b1b";
    public const string Muted = "#4a4a4a";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = Accent,
            PrimaryContrastText = "#ffffff",
            Secondary = "#1b5e20",
            SecondaryContrastText = "#ffffff",
            Tertiary = "#5b2a86",
            TertiaryContrastText = "#ffffff",
            Info = Accent,
            InfoContrastText = "#ffffff",
            Success = "#1b5e20",
            SuccessContrastText = "#ffffff",
            Warning = "#7a4a00",
            WarningContrastText = "#ffffff",
            Error = "#b3261e",
            ErrorContrastText = "#ffffff",
            Dark = Ink,
            TextPrimary = Ink,
            TextSecondary = Muted,
            // MudBlazor greys disabled text to 38 % black (2.3:1); disabled controls are exempt from 1.4.3, but a
            // darker grey stays readable.
            TextDisabled = "#6b6b6b",
            ActionDefault = Muted,
            Background = "#ffffff",
            Surface = "#ffffff",
            AppbarBackground = Accent,
            AppbarText = "#ffffff",
            LinesInputs = "#767676",
            TableLines = "#c9d1e0",
            Divider = "#c9d1e0",
        },
        Typography = new Typography
        {
            // The app's own system font stack: no web font is fetched (the CSP allows fonts from 'self' only).
            Default = new DefaultTypography { FontFamily = ["system-ui", "Segoe UI", "DejaVu Sans", "sans-serif"] },
        },
    };

    /// <summary>The colour pairs a reader sees as text on background, for the contrast test.</summary>
    public static IEnumerable<(string Name, MudBlazor.Utilities.MudColor Text, MudBlazor.Utilities.MudColor Background)> TextPairs()
    {
        var palette = (PaletteLight)Theme.PaletteLight;
        yield return ("primary", palette.PrimaryContrastText, palette.Primary);
        yield return ("secondary", palette.SecondaryContrastText, palette.Secondary);
        yield return ("tertiary", palette.TertiaryContrastText, palette.Tertiary);
        yield return ("info", palette.InfoContrastText, palette.Info);
        yield return ("success", palette.SuccessContrastText, palette.Success);
        yield return ("warning", palette.WarningContrastText, palette.Warning);
        yield return ("error", palette.ErrorContrastText, palette.Error);
        yield return ("text on background", palette.TextPrimary, palette.Background);
        yield return ("secondary text on background", palette.TextSecondary, palette.Background);
        yield return ("primary text on surface", palette.Primary, palette.Surface);
        yield return ("error text on surface", palette.Error, palette.Surface);
        yield return ("success text on surface", palette.Success, palette.Surface);
        yield return ("warning text on surface", palette.Warning, palette.Surface);
        yield return ("app bar", palette.AppbarText, palette.AppbarBackground);
    }
}
