using CityMaturity.Reports.Fonts;
using PdfSharp;
using PdfSharp.Fonts;

namespace CityMaturity.Reports;

/// <summary>
/// PDFsharp's process-wide settings, made once: the AGPL licence (PDFsharp 6.5 refuses to work until a
/// licence is chosen; CityMaturity is AGPL-3.0-only, ADR 0004) and our font resolver. Safe to call from
/// any thread, any number of times; the renderer calls it, and a host may call it at start-up.
/// </summary>
public static class PdfSharpSetup
{
    private static readonly Lock Gate = new();
    private static volatile bool _initialised;

    /// <summary>The resolver registered with PDFsharp.</summary>
    public static FontResolver Fonts { get; } = new();

    public static void EnsureInitialised()
    {
        if (_initialised)
        {
            return;
        }

        lock (Gate)
        {
            if (_initialised)
            {
                return;
            }

            PdfSharpLicense.SetAgplLicense();

            // PDFsharp allows the resolver to be set once (or again with the same instance).
            var current = GlobalFontSettings.FontResolver;
            if (current is null)
            {
                GlobalFontSettings.FontResolver = Fonts;
            }
            else if (!ReferenceEquals(current, Fonts))
            {
                throw new InvalidOperationException(
                    "Another font resolver is registered with PDFsharp; CityMaturity.Reports needs its own (PdfSharpSetup.Fonts).");
            }

            _initialised = true;
        }
    }
}
