using CityMaturity.Testing;
using Microsoft.Playwright;

namespace CityMaturity.Browser.Tests;

/// <summary>
/// The app on real Kestrel over a real PostgreSQL, and Debian's chromium-headless-shell driven by Playwright.
/// Never downloads a browser: CHROMIUM_PATH or /usr/bin/chromium-headless-shell must exist (scripts/test.sh installs it).
/// </summary>
/// <remarks>
/// chromium-headless-shell is chromium's own engine (the same Blink, V8 and version as Debian's chromium) without the
/// desktop browser around it: the build Playwright itself runs headless tests in. The full browser in its headless
/// mode spent about 1.7 times the shell's processor time on the same tests (docs/testing.md, ADR 0063);
/// CHROMIUM_PATH=/usr/bin/chromium runs the tests in it.
/// </remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private TestDatabaseServer? _database;
    private CityMaturityFactory? _factory;
    private IPlaywright? _playwright;
    private string _connectionString = string.Empty;

    private static readonly Dictionary<string, string?> AppSettings = new() { ["DemoData:Enabled"] = "true" };

    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => _factory!.Services;

    /// <summary>The test database's connection string (a test may run a second app on it, e.g. through a cable it cuts).</summary>
    public string ConnectionString => _connectionString;

    public async Task InitializeAsync()
    {
        // Expectations poll until they hold; 20 s (Playwright's default is 5 s) leaves room for a loaded machine.
        Assertions.SetDefaultExpectTimeout(20_000);
        _database = await TestDatabaseServer.StartAsync();
        _connectionString = await _database.CreateMigratedDatabaseAsync();
        _factory = new CityMaturityFactory(_connectionString, AppSettings);
        BaseAddress = _factory.StartKestrel();

        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium-headless-shell";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium was not found at {chromium}. Install Debian's 'chromium-headless-shell' package (scripts/test.sh does) or set CHROMIUM_PATH.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArguments,
        });
    }

    /// <summary>Stops the app process's host; pages stay open and see the server gone.</summary>
    public async Task StopAppAsync()
    {
        await _factory!.DisposeAsync();
        _factory = null;
    }

    /// <summary>Starts the app again on the same database and the same address, as after a restart.</summary>
    public void StartAppAgain()
    {
        _factory = new CityMaturityFactory(_connectionString, AppSettings);
        _factory.StartKestrel(BaseAddress.Port);
    }

    /// <summary>A fresh browser context (own cookies) with a page; desktop size unless a viewport is given.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
        });
        // Limits on waiting, never on speed: on a loaded 2-core CI machine a first page load (the app compiling its
        // first render while the integration tests run beside it) has taken more than 15 s.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(45_000);
        var page = await context.NewPageAsync();
        // Browser-side errors (a CSP violation, a circuit failure) land in the test output.
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Console.WriteLine($"[browser {message.Type}] {message.Text}");
            }
        };
        return page;
    }

    /// <summary>Opens a page and waits until the Blazor circuit is live, so clicks reach the server.</summary>
    public async Task<IPage> OpenInteractiveAsync(string path, ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(viewport);
        await page.GotoAsync(path);
        await page.Locator("[data-interactive='true']").WaitForAsync();
        return page;
    }

    /// <summary>Signs in through the real form and waits for the landing page's live circuit.</summary>
    public async Task<IPage> SignInAsync(string email, string password, ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(viewport);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("[data-interactive='true']").WaitForAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>
/// About half of the ordinary browser tests (the workshop, the signed-in accessibility walk, rating, evidence, plans,
/// cycles, the dashboard); <see cref="SecondBrowserCollection"/> holds the other half. Each runs its tests one after
/// another on its own app, database and browser, and xunit runs the collections side by side (xunit.runner.json).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The other half of the ordinary browser tests (audits, benchmarking, the catalogue and indicators, members, accounts,
/// the participants' journey), on an app and database of their own beside <see cref="BrowserCollection"/>, so the
/// browser suite keeps both processor cores busy for its whole run instead of one collection running alone. Every
/// class seeds what it needs on top of the demo data each app starts with, so a class may move between the two.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SecondBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser-2";
}

/// <summary>
/// Tests that spend most of their time waiting (a connection lost for up to two minutes, a stopped app, a cut cable)
/// run on an app and database of their own, beside the two others: xunit runs the three collections at once (its
/// xunit.runner.json gives each a slot, so a test waiting here never holds up the others), so their waiting no longer
/// holds up every other browser test, and stopping their app touches nobody else.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OutageBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser-outages";
}
