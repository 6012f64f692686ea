// Takes the screenshots of README.md and docs/user-guide.md (docs/images/*.png) from a running demo app:
//   PORT=5120 scripts/run.sh            # in one terminal: the app with Demoville's demo data
//   BASE=http://127.0.0.1:5120 node scripts/screenshots.mjs
// Headless Debian chromium, driven by the playwright-core that the browser tests' NuGet package ships (no npm install),
// found as the browser tests find theirs: the Microsoft.Playwright version pinned in Directory.Packages.props, in the
// NuGet package folder (NUGET_PACKAGES or ~/.nuget/packages), else the browser tests' build output; PLAYWRIGHT_CORE
// overrides. The browser is CHROMIUM_PATH (as for the tests) or /usr/bin/chromium.
// The rating card on a phone (rating-phone.png) is taken here too, offline, as a member of Demoville.
// The workshop console, presenter and phone images come from the workshop browser test (CITYMATURITY_SCREENSHOTS);
// the report images from scripts/render-report-images.sh.
import { createRequire } from 'node:module';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The playwright-core package of the Microsoft.Playwright version the browser tests build with. */
function playwrightCore() {
  if (process.env.PLAYWRIGHT_CORE) return process.env.PLAYWRIGHT_CORE;
  const pinned = /<PackageVersion Include="Microsoft\.Playwright" Version="([^"]+)"/
    .exec(readFileSync(join(root, 'Directory.Packages.props'), 'utf8'))?.[1];
  const packages = process.env.NUGET_PACKAGES ?? join(homedir(), '.nuget', 'packages');
  const candidates = [
    pinned && join(packages, 'microsoft.playwright', pinned, '.playwright', 'package'),
    // The test project copies the driver next to its assemblies on build.
    ...['Release', 'Debug'].flatMap(configuration => {
      const bin = join(root, 'tests', 'CityMaturity.Browser.Tests', 'bin', configuration);
      return existsSync(bin) ? readdirSync(bin).map(framework => join(bin, framework, '.playwright', 'package')) : [];
    }),
  ].filter(Boolean);
  const found = candidates.find(candidate => existsSync(join(candidate, 'package.json')));
  if (!found) {
    throw new Error(`playwright-core not found (Microsoft.Playwright ${pinned ?? '?'}); looked in:\n  ${candidates.join('\n  ')}\n` +
      'Build the browser tests (dotnet build tests/CityMaturity.Browser.Tests) or set PLAYWRIGHT_CORE.');
  }
  return found;
}

const { chromium } = require(playwrightCore());

const base = process.env.BASE ?? `http://127.0.0.1:${process.env.PORT ?? 5080}`;
const out = process.env.OUT ?? join(root, 'docs', 'images');
const laptop = { width: 1280, height: 860 };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const context = await browser.newContext({ viewport: laptop, baseURL: base, locale: 'en-GB' });
  const page = await context.newPage();

  /** Opens a page and waits for the live connection (signed-in pages) or the load (static pages). */
  async function open(path, { interactive = true } = {}) {
    await page.goto(path);
    if (interactive) await page.locator("[data-interactive='true']").waitFor({ timeout: 60000 });
    await page.waitForLoadState('networkidle').catch(() => {});
  }

  /** The top of the page, or more of it (a chart below the fold) when taller is given. */
  async function shot(file, { taller } = {}) {
    await page.screenshot({ path: join(out, file), clip: { x: 0, y: 0, width: laptop.width, height: taller ?? laptop.height }, fullPage: Boolean(taller) });
    console.log(`docs/images/${file}`);
  }

  /** The address (from the root) of the first link whose text matches; the app's links are relative to <base href="/">. */
  async function linkTo(name) {
    return '/' + (await page.getByRole('link', { name }).first().getAttribute('href')).replace(/^\//, '');
  }

  async function firstLink(selector) {
    return '/' + (await page.locator(selector).first().getAttribute('href')).replace(/^\//, '');
  }

  // Public pages first.
  await open('/catalogue/2.3.1', { interactive: false });
  await shot('catalogue.png');
  await open('/verify', { interactive: false });
  await shot('verify.png');

  /** Signs a page in with one of the demo accounts (README, "Demo accounts"). */
  async function signIn(on, email, password) {
    await on.goto('/account/login');
    await on.getByLabel('Email').fill(email);
    await on.getByLabel('Password').fill(password);
    await on.getByRole('button', { name: 'Sign in' }).click();
    await on.waitForURL(/\/orgs/);
  }

  // Signed in as Demoville's administrator (sees every page of the city).
  await signIn(page, 'admin@demoville.example', 'demo-admin-2026');

  await open('/orgs/demoville/assessments');
  const baseline = await linkTo(/Baseline 2026/);
  const review = await linkTo(/Review 2024/);

  await open(`${baseline}/dashboard`);
  await shot('dashboard.png', { taller: 1500 });

  await open(`${review}/audits`);
  await shot('audit.png');

  await open(`${baseline}/plan`);
  await shot('plan.png');

  await open('/orgs/demoville/series');
  await open(await firstLink("main a[href*='series/']"));
  await shot('series.png', { taller: 1300 });

  await open('/benchmarks');
  await open(await firstLink("main a[href*='benchmarks/']"));
  await shot('benchmarking.png');

  // The rating card on a phone while the connection is lost: a member's own rating page (plain, ADR 0022) on 2.3.1,
  // one choice made offline and shown as not saved yet. Run on a fresh demo database, or the choice shown may differ.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: base, locale: 'en-GB' });
  try {
    const rater = await phone.newPage();
    await signIn(rater, 'member@demoville.example', 'demo-member-2026');
    await rater.goto('/orgs/demoville/assessments');
    await rater.locator("[data-interactive='true']").waitFor({ timeout: 60000 });
    const rate = '/' + (await rater.locator("main a[href$='/rate']").first().getAttribute('href')).replace(/^\//, '');
    await rater.goto(`${rate}/2.3.1`);
    await rater.locator('#rating-bar').waitFor();
    await phone.setOffline(true);
    await rater.locator("label[for='now-2']").click();
    await rater.locator("[data-save-state='pending']").first().waitFor({ timeout: 30000 });
    await rater.screenshot({ path: join(out, 'rating-phone.png') });
    console.log('docs/images/rating-phone.png');
  } finally {
    await phone.close();
  }
} finally {
  await browser.close();
}
