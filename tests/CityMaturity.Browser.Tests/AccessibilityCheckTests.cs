using Microsoft.Playwright;
using Xunit.Sdk;

namespace CityMaturity.Browser.Tests;

/// <summary>
/// The axe check every browser test relies on (<see cref="Accessibility"/>) finds what it must: a page with known
/// critical and serious faults fails it, naming each rule and node, and the same page mended passes.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public class AccessibilityCheckTests(BrowserFixture fixture)
{
    private const string Faulty = """
        <!doctype html><html lang="en"><head><title>Faults</title></head><body><main>
          <h1>Known faults</h1>
          <img id="no-alt" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
          <p id="faint" style="color:#b0b0b0;background:#ffffff">Faint text on white</p>
          <span id="labelled-span" aria-label="A label on a plain span"></span>
        </main></body></html>
        """;

    private const string Mended = """
        <!doctype html><html lang="en"><head><title>Mended</title></head><body><main>
          <h1>Known faults, mended</h1>
          <img id="no-alt" alt="A pixel" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
          <p id="faint" style="color:#595959;background:#ffffff">Readable text on white</p>
          <span id="labelled-span">Plain text</span>
        </main></body></html>
        """;

    [Fact]
    public async Task The_check_fails_a_page_with_serious_faults_naming_each_one_and_passes_it_mended()
    {
        var page = await fixture.NewPageAsync();
        await page.SetContentAsync(Faulty);

        var failure = await Assert.ThrowsAsync<XunitException>(() => Accessibility.AssertNoSeriousViolationsAsync(page, "the faulty page"));
        Assert.Contains("critical image-alt", failure.Message);
        Assert.Contains("#no-alt", failure.Message);
        Assert.Contains("serious color-contrast", failure.Message);
        Assert.Contains("#faint", failure.Message);
        Assert.Contains("serious aria-prohibited-attr", failure.Message);
        Assert.Contains("#labelled-span", failure.Message);

        await page.SetContentAsync(Mended);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the mended page");
        await page.Context.CloseAsync();
    }
}
