using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace CityMaturity.Browser.Tests;

/// <summary>
/// axe-core run inside the page as it stands (evaluated, so the app's CSP does not block it).
/// The bar is WCAG 2.1 AA: no critical and no serious violation.
/// </summary>
public static class Accessibility
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions
        {
            Type = "tag",
            Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
        },
    };

    /// <summary>Fails with every critical or serious violation listed, each with the nodes it was found on.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe(WcagAa);
        var serious = result.Violations
            .Where(violation => violation.Impact is "critical" or "serious")
            .ToList();
        if (serious.Count == 0)
        {
            return;
        }

        var lines = serious.Select(violation =>
            $"- {violation.Impact} {violation.Id}: {violation.Help} ({violation.Nodes.Length} nodes: " +
            string.Join("; ", violation.Nodes.Take(5).Select(node => node.Target?.ToString())) + ")");
        throw new XunitException($"axe found {serious.Count} critical or serious violation(s) on {where} ({page.Url}):\n{string.Join('\n', lines)}");
    }
}
