using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace CityMaturity.Web.Theming;

/// <summary>
/// MudBlazor's theme as a stylesheet of its own (ADR 0058). <see cref="MudThemeProvider"/> writes about 12 kB of CSS
/// variables into every page it renders, and builds them anew each time, for a theme that never changes while the app
/// runs (<see cref="AppTheme"/>). So the provider is rendered once per process, by MudBlazor itself, and what it
/// would write inline is served at <see cref="Path"/> under a hash of its content, for the browser to keep.
/// </summary>
public sealed partial record ThemeStylesheet(string Css, string Version)
{
    public const string Path = "/theme.css";

    private static readonly Lock Gate = new();
    private static Task<ThemeStylesheet>? _rendering;
    private static ThemeStylesheet? _current;

    /// <summary>The address the layouts link to; a new theme or MudBlazor version gives a new address.</summary>
    public string Href => $"theme.css?v={Version}";

    /// <summary>The stylesheet, once start-up has rendered it (<see cref="RenderOnceAsync"/>).</summary>
    public static ThemeStylesheet Current => Volatile.Read(ref _current)
        ?? throw new InvalidOperationException("The theme stylesheet is rendered at start-up, before the first page.");

    /// <summary>Renders the theme the first time it is asked for in this process; later calls get the same result.</summary>
    public static Task<ThemeStylesheet> RenderOnceAsync(IServiceProvider services)
    {
        lock (Gate)
        {
            return _rendering ??= RenderAsync(services);
        }
    }

    private static async Task<ThemeStylesheet> RenderAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = AppTheme.Theme,
                [nameof(MudThemeProvider.ObserveSystemDarkModeChange)] = false,
            });
            return (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString();
        });
        var css = string.Join('\n', StyleElement().Matches(html).Select(m => m.Groups["css"].Value.Trim()));
        if (!css.Contains("--mud-palette-primary", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("MudThemeProvider rendered no theme variables; the theme stylesheet would be empty.");
        }

        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(css)))[..16];
        var rendered = new ThemeStylesheet(css, version);
        Volatile.Write(ref _current, rendered);
        return rendered;
    }

    [GeneratedRegex("<style[^>]*>(?<css>.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();
}
