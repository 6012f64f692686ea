using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CityMaturity.Browser.Tests;

/// <summary>Choosing in a MudSelect: its input (found by label) opens a list over the page; the item is clicked by its exact text.</summary>
internal static class MudSelects
{
    public static Task ChooseAsync(IPage page, ILocator select, string item) =>
        ChooseAsync(page, select, new Regex($"^{Regex.Escape(item)}$"));

    public static async Task ChooseAsync(IPage page, ILocator select, Regex item)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = item }).ClickAsync();
    }
}
