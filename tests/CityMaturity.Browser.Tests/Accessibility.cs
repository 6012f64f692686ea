using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace CityMaturity.Browser.Tests;

/// <summary>
/// axe-core run inside the page as it stands (evaluated, so the app's CSP does not block it).
/// The bar is WCAG 2.1 AA: no critical and no serious violation.
/// </summary>
/// <remarks>
/// axe runs in the page itself with <c>axe.run</c>, and only the serious and critical violations travel back. The
/// package's <c>RunAxe</c> runs axe in parts and finishes the run in a new browser page, injecting axe's 500 kB
/// script twice and carrying every passing node's result to .NET and back; for pages without frames, as all of ours
/// are, that is the same check at several times the cost (docs/testing.md).
/// </remarks>
public static class Accessibility
{
    private static readonly string[] WcagAaTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

    private static readonly Lazy<string> AxeScript = new(() => new BundledAxeScriptProvider().GetScript());

    private const string RunInPage = """
        async (tags) => {
          const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return result.violations
            .filter(v => v.impact === 'critical' || v.impact === 'serious')
            .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => JSON.stringify(n.target)) }));
        }
        """;

    /// <summary>One rule's violation as the page reports it (Playwright fills it through its setters).</summary>
    private sealed class Violation
    {
        public string Id { get; set; } = "";
        public string Impact { get; set; } = "";
        public string Help { get; set; } = "";
        public string[] Nodes { get; set; } = [];
    }

    /// <summary>Fails with every critical or serious violation listed, each with the nodes it was found on.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string where)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync($"() => {{ {AxeScript.Value} }}");
        }

        var serious = await page.EvaluateAsync<Violation[]>(RunInPage, WcagAaTags);
        if (serious.Length == 0)
        {
            return;
        }

        var lines = serious.Select(violation =>
            $"- {violation.Impact} {violation.Id}: {violation.Help} ({violation.Nodes.Length} nodes: " +
            string.Join("; ", violation.Nodes.Take(5)) + ")");
        throw new XunitException($"axe found {serious.Length} critical or serious violation(s) on {where} ({page.Url}):\n{string.Join('\n', lines)}");
    }

    /// <summary>
    /// Runs <paramref name="check"/> on the page as it stands at each size in turn (given the width), then gives the page
    /// back the viewport it had: one sign-in, seed and page load serve every width. Our layouts follow the width through
    /// CSS alone (no component asks the browser for its size), so a resized page is laid out as one loaded at that size.
    /// </summary>
    public static async Task AtEachWidthAsync(IPage page, IEnumerable<ViewportSize> sizes, Func<int, Task> check)
    {
        var (width, height) = page.ViewportSize is { } before ? (before.Width, before.Height) : (1280, 900);
        foreach (var size in sizes)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            await check(size.Width);
        }

        await page.SetViewportSizeAsync(width, height);
    }

    /// <summary>A laptop's viewport (900 px high) for 1,000 px and wider, else a phone's (844 px high).</summary>
    public static ViewportSize ViewportOf(int width) => new() { Width = width, Height = width >= 1000 ? 900 : 844 };

    /// <summary>axe on the page as it stands at each size (<see cref="AtEachWidthAsync"/>); a failure names the width.</summary>
    public static Task AssertNoSeriousViolationsAtEachWidthAsync(IPage page, string where, params ViewportSize[] sizes) =>
        AtEachWidthAsync(page, sizes, width => AssertNoSeriousViolationsAsync(page, $"{where} at {width} px"));

    /// <summary>The page as it stands at a phone's width: axe at 390 px, no sideways scroll at 360 px; then the viewport it had.</summary>
    public static async Task AssertFitsAPhoneAsync(IPage page, string where)
    {
        var (width, height) = page.ViewportSize is { } before ? (before.Width, before.Height) : (1280, 900);
        await page.SetViewportSizeAsync(390, 844);
        await AssertNoSeriousViolationsAsync(page, $"{where} at 390 px");
        await page.SetViewportSizeAsync(360, 780);
        if (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"))
        {
            throw new XunitException($"{where} scrolls sideways at 360 px ({page.Url})");
        }

        await page.SetViewportSizeAsync(width, height);
    }
}
