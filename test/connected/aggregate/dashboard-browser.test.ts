import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../../dashboard/build.ts';
import { aggregateAndPublishDates } from '../../../functions/aggregate/nightly-run.ts';
import type { AppEnv } from '../../../functions/api/request.ts';
import { dashboardExtension } from '../../../local/dashboard-extension.ts';
import { launchChromium } from '../../support/chromium.ts';
import { type DashboardHarness, startDashboardHarness } from '../../support/dashboard-harness.ts';
import { seedHandCheckedWorld } from '../../support/hand-checked-world.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../../test-artifacts');
const PANELS = ['goals', 'adviserWork', 'strategies', 'history'] as const;

/** A page that records console errors and uncaught exceptions, which the tests expect none of. */
async function openPage(browser: Browser, headers: Record<string, string> = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, extraHTTPHeaders: headers });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, problems };
}

async function waitUntilSettled(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.state !== 'loading', null, {
    timeout: 15_000,
  });
  return page.evaluate(() => document.documentElement.dataset.state);
}

const figure = (page: Page, id: string) => page.locator(`[data-figure="${id}"] .value`).textContent();

/** Pixels with any ink on each chart's canvas, and the number of data points Chart.js holds. */
function chartInk(page: Page) {
  return page.evaluate(
    (ids) => {
      const panels = (
        window as unknown as {
          partnershipDashboard: {
            panels: Record<
              string,
              { chart?: { data: { datasets: { data: number[] }[] }; canvas: HTMLCanvasElement } }
            >;
          };
        }
      ).partnershipDashboard.panels;
      return ids.map((id) => {
        const chart = panels[id]?.chart;
        if (!chart) return { id, chart: false, inked: 0, points: 0 };
        const { width, height } = chart.canvas;
        const pixels = chart.canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
        let inked = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) inked++;
        return { id, chart: true, inked, points: chart.data.datasets.reduce((n, d) => n + d.data.length, 0) };
      });
    },
    PANELS as unknown as string[],
  );
}

describe('the national dashboard and the quarterly report in Chromium', () => {
  let h: DashboardHarness;
  let browser: Browser;
  let distDir: string;
  let nationalToken: string;

  beforeAll(async () => {
    distDir = await mkdtemp(path.join(tmpdir(), 'dashboard-dist-'));
    await buildDashboard({ outDir: distDir, minify: false });
    h = await startDashboardHarness({ distDir });
    nationalToken = (await seedHandCheckedWorld(h)).tokens.national;
    await aggregateAndPublishDates(h.store, h.archive, { dates: ['2026-10-07', '2026-11-11', '2026-11-18'] });
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await rm(distDir, { recursive: true, force: true });
  });

  it('should show the snapshot date, the national figures and every chart drawn', async () => {
    // Prepare
    const { page, problems } = await openPage(browser);
    // Act
    await page.goto(`${h.baseUrl}/dashboard`);
    const state = await waitUntilSettled(page);
    // Assess
    expect(state).toBe('ready');
    expect(page.url()).toBe(`${h.baseUrl}/dashboard/`);
    expect(await page.locator('#snapshot-date time').textContent()).toBe('Wednesday, 18 November 2026');
    expect(await figure(page, 'overdue-actions')).toBe('4');
    expect(await figure(page, 'active-strategies')).toBe('2');
    expect(await figure(page, 'young-people')).toBe('530');
    for (const chart of await chartInk(page)) {
      expect(chart, chart.id).toMatchObject({ chart: true });
      expect(chart.inked, `${chart.id} has ink`).toBeGreaterThan(1000);
      expect(chart.points, `${chart.id} has data`).toBeGreaterThan(0);
    }
    expect(await page.locator('#overdue tbody tr').count()).toBe(4);
    expect(await page.locator('#not-reporting tbody tr').allTextContents()).toEqual([
      expect.stringContaining('Otago'),
    ]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-national.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('should read on a phone: tables as labelled cards, nothing wider than the screen, the current week marked as so far, no axe violations', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const problems: string[] = [];
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    // Act
    await page.goto(`${h.baseUrl}/dashboard/`);
    await waitUntilSettled(page);
    for (const d of await page.locator('details').all())
      await d.evaluate((e) => ((e as HTMLDetailsElement).open = true));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    const overdue = await page
      .locator('#overdue tbody tr')
      .first()
      .locator('td')
      .evaluateAll((cells) =>
        cells.map((c) => `${c.getAttribute('data-label')}: ${getComputedStyle(c, '::before').content}`),
      );
    const weeks = await page.locator('#chart-adviser-work tbody th').allTextContents();
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
      .analyze();
    // Assess
    expect(width).toBeLessThanOrEqual(390);
    expect(overdue.length).toBeGreaterThan(1);
    for (const cell of overdue) expect(cell).toMatch(/^(.+): "\1"$/);
    expect(weeks.at(-1)).toContain('(so far)');
    // The trend comes from the compact series, not from every dated snapshot.
    expect(fetched).toContain('/dashboard/snapshots/trends.json');
    expect(fetched.filter((p) => /snapshots\/\d{4}-\d{2}-\d{2}\.json$/.test(p))).toEqual([]);
    expect(await page.locator('#chart-history tbody tr').count()).toBe(3);
    expect(weeks.slice(0, -1).join()).not.toContain('so far');
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-phone.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('should change the figures, charts and lists when a region is picked', async () => {
    // Prepare
    const { page, problems } = await openPage(browser);
    await page.goto(`${h.baseUrl}/dashboard/`);
    await waitUntilSettled(page);
    const nationalHours = await page.locator('#chart-adviser-work tbody').textContent();
    // Act
    await page.selectOption('#area', 'otago');
    // Assess
    expect(await page.locator('#area-name').textContent()).toBe('Otago');
    expect(await figure(page, 'overdue-actions')).toBe('1');
    expect(await figure(page, 'active-strategies')).toBe('0');
    expect(await figure(page, 'reported')).toBe('No');
    expect(await page.locator('#overdue tbody tr').allTextContents()).toEqual([
      expect.stringContaining('Review the plan'),
    ]);
    expect(await page.locator('#chart-adviser-work tbody').textContent()).not.toBe(nationalHours);
    expect(page.url()).toContain('#area=otago');
    expect(await page.locator('#regions tr.selected th').textContent()).toBe('Otago');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-otago.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('should offer every chart as a table, and show an earlier snapshot when one is picked', async () => {
    // Prepare
    const { page, problems } = await openPage(browser);
    await page.goto(`${h.baseUrl}/dashboard/`);
    await waitUntilSettled(page);
    // Act
    await page.locator('#chart-adviser-work summary').click();
    const weeks = await page.locator('#chart-adviser-work tbody tr').count();
    const tables = await page.locator('.chart-panel details table').count();
    await page.selectOption('#date', '2026-10-07');
    await page.waitForFunction(
      () => document.querySelector('#snapshot-date time')?.getAttribute('datetime') === '2026-10-07',
    );
    // Assess
    expect(weeks).toBe(12);
    expect(tables).toBe(PANELS.length);
    expect(await figure(page, 'overdue-actions')).toBe('1');
    expect(await page.locator('#chart-history tbody tr').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('should hide the controls when printed', async () => {
    // Prepare
    const { page } = await openPage(browser);
    await page.goto(`${h.baseUrl}/dashboard/`);
    await waitUntilSettled(page);
    // Act
    await page.emulateMedia({ media: 'print' });
    // Assess
    expect(await page.locator('#controls').isVisible()).toBe(false);
    expect(await page.locator('#snapshot-date').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-print.png'), fullPage: true });
    await page.close();
  });

  it('should say clearly that there is no snapshot yet before the first run', async () => {
    // Prepare: the same page over an empty snapshot folder.
    const empty = await mkdtemp(path.join(tmpdir(), 'no-snapshots-'));
    const app = new Hono<AppEnv>();
    dashboardExtension({ distDir, snapshotDir: empty })(app);
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { page, problems } = await openPage(browser);
    try {
      // Act
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/dashboard/`);
      const state = await waitUntilSettled(page);
      // Assess
      expect(state).toBe('empty');
      expect(await page.locator('#status h2').textContent()).toBe('There is no snapshot yet');
      expect(await page.locator('#content').isVisible()).toBe(false);
      // The browser reports the missing files themselves; nothing else may go wrong.
      expect(problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-no-snapshot.png') });
    } finally {
      await page.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('should render the quarterly report as a printable page', async () => {
    // Prepare
    const { page, problems } = await openPage(browser, { authorization: `Bearer ${nationalToken}` });
    // Act
    await page.goto(`${h.baseUrl}/v1/reports/quarterly/2026-Q4?format=html`);
    // Assess
    expect(await page.locator('h1').textContent()).toBe('Quarterly progress report: 2026-Q4');
    expect(await page.locator('table').count()).toBe(4);
    expect(await page.locator('script').count()).toBe(0);
    const canterbury = page.locator('tr', { has: page.locator('th', { hasText: 'Canterbury' }) }).first();
    expect(await canterbury.textContent()).toContain('380');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'quarterly-report.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
