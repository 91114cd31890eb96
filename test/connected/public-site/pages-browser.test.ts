import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../support/chromium.ts';
import { type Harness, startHarness } from '../../support/harness.ts';
import { SECRETS, seedPublicDirectory } from '../../support/public-directory-world.ts';

/** The public website as a member of the public uses it: a phone-sized window, JavaScript off. */
const PHONE = { width: 390, height: 844 };

let h: Harness;
let browser: Browser;
let noScript: BrowserContext;
let world: Awaited<ReturnType<typeof seedPublicDirectory>>;
const problems: string[] = [];

beforeAll(async () => {
  h = await startHarness({ publicSite: true });
  world = await seedPublicDirectory(h);
  browser = await launchChromium();
  noScript = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${path}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
  await page.goto(`${h.baseUrl}${path}`);
  return page;
}

const resultNames = (page: Page) => page.locator('ul.results h3').allTextContents();

describe('public website: finding a service on a phone without JavaScript', () => {
  it('should find Whangārei when searched without macrons', async () => {
    // Prepare
    const page = await open(noScript, '/');
    // Act
    await page.getByLabel('What are you looking for?').fill('Whangarei');
    await page.getByRole('button', { name: 'Search' }).click();
    // Assess
    expect(await resultNames(page)).toEqual(['Whangārei Youth Hub']);
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toContain('1 service found');
  });

  it('should narrow results by region, kind of help and council', async () => {
    // Prepare
    const page = await open(noScript, '/');
    // Act
    await page.getByLabel('Region').selectOption('canterbury');
    await page.getByRole('button', { name: 'Search' }).click();
    const inCanterbury = await resultNames(page);
    await page.getByLabel('Kind of help').selectOption('youth');
    await page.getByRole('button', { name: 'Search' }).click();
    const youthInCanterbury = await resultNames(page);
    await page.getByLabel('Kind of help').selectOption('');
    await page.getByLabel('Council district').selectOption('ashburton-district');
    await page.getByRole('button', { name: 'Search' }).click();
    const inAshburton = await resultNames(page);
    // Assess
    expect(inCanterbury.sort()).toEqual([
      'Ashburton Job Search Workshop',
      'Christchurch Youth Transition Service',
    ]);
    expect(youthInCanterbury).toEqual(['Christchurch Youth Transition Service']);
    expect(inAshburton).toEqual(['Ashburton Job Search Workshop']);
  });

  it('should say clearly when nothing matches, and what to try', async () => {
    // Act
    const page = await open(noScript, '/?q=astronaut+training');
    // Assess
    expect(await page.locator('#results-heading').textContent()).toContain('No services found');
    expect(await page.locator('.notice').textContent()).toContain('fewer or shorter words');
  });

  it('should show a service with who it is for, where, when and how to get in touch', async () => {
    // Act
    const page = await open(noScript, '/?q=whangarei');
    await page.getByRole('link', { name: 'Whangārei Youth Hub' }).click();
    const text = await page.locator('main').textContent();
    // Assess
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Whangārei Youth Hub');
    for (const words of [
      'Young people aged 15 to 24',
      '15 to 24',
      'Free',
      '12 Rathbone Street, Whangārei, 0110',
      'Mon–Fri',
      '09:00 to 17:00',
      '(03) 555 0101',
    ])
      expect(text).toContain(words);
    expect(await page.locator('link[rel=canonical]').getAttribute('href')).toMatch(/\/services\//);
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(
      'Whangārei Youth Hub',
    );
  });

  it('should reach the West Coast employment profile from the regions page', async () => {
    // Act
    const page = await open(noScript, '/');
    await page.getByRole('link', { name: 'Regions and profiles' }).click();
    await page.getByRole('link', { name: 'West Coast' }).click();
    const text = await page.locator('main').textContent();
    // Assess
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'West Coast employment profile 2026',
    );
    for (const words of [
      'Unemployment rate: 4.1%',
      'Mining: about 900 jobs',
      'Census',
      '1 February 2026',
      '15 March 2026',
    ])
      expect(text).toContain(words);
  });

  it('should fit the phone width on every page, with no sideways scrolling', async () => {
    // Act: each page's scroll width on a phone.
    const widths: [string, number][] = [];
    for (const path of [
      '/',
      '/?region=canterbury',
      `/services/${world.christchurch.id}`,
      '/regions',
      '/regions/west-coast',
      '/about',
    ]) {
      const page = await open(noScript, path);
      widths.push([path, await page.evaluate(() => document.documentElement.scrollWidth)]);
      await page.close();
    }

    // Assess
    for (const [path, width] of widths) expect(width, path).toBeLessThanOrEqual(PHONE.width);
  });
});

describe('public website: nothing private, ever', () => {
  it('should answer a clear 404 page for an unlisted service and a region that does not exist', async () => {
    // Act
    const unlisted = await fetch(`${h.baseUrl}/services/${world.unlisted.id}`);
    const region = await fetch(`${h.baseUrl}/regions/atlantis`);
    // Assess
    expect(unlisted.status).toBe(404);
    expect(await unlisted.text()).toContain('Page not found');
    expect(region.status).toBe(404);
  });

  it('should show no unlisted service, unpublished profile or private field on any page in the sitemap', async () => {
    // Prepare
    const sitemap = await (await fetch(`${h.baseUrl}/sitemap.xml`)).text();
    const paths = [...sitemap.matchAll(/<loc>https?:\/\/[^/]+([^<]*)<\/loc>/g)].map((m) => m[1]!);
    const searches = [
      '/?q=timaru',
      '/?region=canterbury',
      '/?category=youth',
      '/?council=timaru-district',
      '/regions/southland',
    ];
    // Act
    const pages = await Promise.all(
      [...paths, ...searches].map(async (p) => [p, await (await fetch(`${h.baseUrl}${p}`)).text()] as const),
    );
    // Assess
    expect(paths.length).toBeGreaterThan(20);
    expect(paths).toContain(`/services/${world.whangarei.id}`);
    for (const [path, html] of pages) {
      for (const secret of [...SECRETS, world.unlisted.id, world.organisation.id])
        expect(html, path).not.toContain(secret);
    }
  });
});

describe('public website: accessible, quiet and standard', () => {
  it('should have no axe-core violations (WCAG 2.2 AA) on any kind of page, at phone and desktop widths', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: PHONE });
    const wide = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const paths = [
      '/',
      '/?region=canterbury&category=youth',
      '/?q=nothing+matches+this',
      `/services/${world.whangarei.id}`,
      '/regions',
      '/regions/west-coast',
      '/regions/southland',
      '/about',
      '/services/missing',
    ];
    // Every page at phone width; the two busiest again at desktop width.
    const checks = [
      ...paths.map((path) => ({ ctx: context, path })),
      ...paths.slice(0, 2).map((path) => ({ ctx: wide, path })),
    ];

    // Act
    const found: [string, string[]][] = [];
    for (const { ctx, path } of checks) {
      const page = await open(ctx, path);
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      found.push([
        path,
        result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ]);
      await page.close();
    }
    await context.close();
    await wide.close();

    // Assess
    for (const [path, violations] of found) expect(violations, path).toEqual([]);
  }, 120_000);

  it('should log no console errors, set no cookies and request nothing from another host', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: PHONE });
    const origins = new Set<string>();
    context.on('request', (r) => origins.add(new URL(r.url()).origin));
    problems.length = 0;
    // Act
    for (const path of [
      '/',
      '/?q=youth',
      `/services/${world.christchurch.id}`,
      '/regions/west-coast',
      '/about',
    ]) {
      const page = await open(context, path);
      await page.close();
    }
    // Assess
    expect(problems).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    expect([...origins]).toEqual([h.baseUrl]);
    await context.close();
  });

  it('should offer robots.txt, a sitemap and a meta description on each page', async () => {
    // Act
    const robots = await (await fetch(`${h.baseUrl}/robots.txt`)).text();
    const home = await (await fetch(`${h.baseUrl}/`)).text();
    // Assess
    expect(robots).toContain(`Sitemap: ${h.baseUrl}/sitemap.xml`);
    expect(home).toMatch(/<meta name="description" content="[^"]{50,}">/);
    expect(home).toContain('<html lang="en-NZ">');
  });
});
