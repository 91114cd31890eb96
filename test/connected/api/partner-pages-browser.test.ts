import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_DIR } from '../../../dashboard/build.ts';
import { dashboardExtension } from '../../../local/dashboard-extension.ts';
import { buildPartnerPages } from '../../../partner-pages/build.ts';
import type { DevPerson } from '../../../partner-pages/src/session.ts';
import { launchChromium } from '../../support/chromium.ts';
import { post, seedWorld, values } from '../../support/factories.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

/**
 * The partner pages in headless Chromium on a phone-sized screen, signed in as development people:
 * the mayor's office sees the agreement awaiting it, reads what changed since the mayor last
 * agreed, and agrees; an adviser in Canterbury searches Otago's good practice. No console errors,
 * no axe-core violations (WCAG 2.1 A and AA).
 */
let h: Harness;
let browser: Browser;
let distDir: string;
let world: Awaited<ReturnType<typeof seedWorld>>;
let people: DevPerson[] = [];
let agreementId: string;
const consoleErrors: string[] = [];
/** The shared machine can be slow: wait for the page rather than fail on a busy second. */
const PATIENT = { timeout: 20_000, interval: 100 };

beforeAll(async () => {
  distDir = await mkdtemp(path.join(tmpdir(), 'partner-pages-'));
  await buildPartnerPages(path.join(distDir, 'partners'), { minify: false });
  await copyFile(path.join(DASHBOARD_DIR, 'styles.css'), path.join(distDir, 'styles.css'));
  h = await startHarness({
    extend: dashboardExtension({ distDir, snapshotDir: distDir, devPeople: () => people }),
  });
  world = await seedWorld(h);
  people = [
    { label: "Christchurch City Mayor's Office", email: 'mayor@ccc.example.nz', token: world.tokens.mayor },
    { label: 'Canterbury Adviser', email: 'aroha@ceg.example.nz', token: world.tokens.adviser },
  ];
  // The story of the local demo: agreed once, revised by the adviser, awaiting the mayor again.
  const draft = await post(
    h,
    world.tokens.adviser,
    'agreements',
    values.agreement('christchurch-city', world.adviserId, 'draft'),
  );
  agreementId = draft.id;
  const act = (token: string, action: string, body: unknown) =>
    h.request('POST', `/v1/agreements/${agreementId}/sign-offs/${action}`, { token, body });
  const agreed = await act(world.tokens.mayor, 'agree', { version: draft.version });
  const revised = await h.request('PATCH', `/v1/agreements/${agreementId}`, {
    token: world.tokens.adviser,
    body: {
      expectations: 'Monthly meetings with the mayor and the youth council; the adviser drafts the plan.',
    },
    headers: { 'if-match': `"${agreed.body.version}"` },
  });
  const ceg = await act(world.tokens.adviser, 'agree', { version: revised.body.version });
  await act(world.tokens.adviser, 'request', {
    party: 'taskforce',
    requestedOf: 'mayor@ccc.example.nz',
    comment: 'Could the mayor agree the revised expectations?',
  });
  expect(ceg.status).toBe(200);
  await post(h, world.tokens.otago, 'practices', {
    regionId: 'otago',
    title: 'Māori trades cadetships',
    summary: 'Cadets trained with the marae on building projects.',
    topic: 'youth-employment',
    whatWorked: 'Whānau support.',
  });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
  await rm(distDir, { recursive: true, force: true });
});

async function phonePage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { context, page };
}

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

// A whole visit in Chromium takes seconds, and many more on a busy machine.
describe('the sign-off page, as a mayor’s office on a phone', { timeout: 120_000 }, () => {
  // One visit, step by step: each step below builds on the one before.
  it('should show what awaits the mayor, what changed, and record the agreement', async () => {
    // Prepare
    const { context, page } = await phonePage();

    // Act: sign in as the mayor's office.
    await page.goto(`${h.baseUrl}/dashboard/partners/sign-offs.html`);
    await page.getByRole('button', { name: "Christchurch City Mayor's Office" }).click();

    // Assess: the list, asked of you.
    const asked = page.getByRole('region', { name: /Asked of you/ });
    await expect.poll(() => asked.getByRole('link').count(), PATIENT).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // Act: open the record.
    await asked.getByRole('link').click();

    // Assess: what changed since the mayor agreed, as a readable diff.
    await page.getByRole('heading', { name: /What changed since the Taskforce agreed/ }).waitFor();
    expect(await page.locator('.changes ins').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('youth council')]),
    );
    expect(await page.locator('.changes del').count()).toBeGreaterThan(0);
    expect(await page.locator('.request').innerText()).toContain(
      'Could the mayor agree the revised expectations?',
    );
    expect(await axeViolations(page)).toEqual([]);

    // Act: agree, with a comment.
    await page.getByLabel(/Comment/).fill('Agreed at the mayoral meeting.');
    await page.getByRole('button', { name: 'Agree' }).click();

    // Assess
    await expect
      .poll(() => page.locator('#status').innerText(), PATIENT)
      .toContain('You agreed this for the Taskforce.');

    const record = await h.request('GET', `/v1/agreements/${agreementId}`, { token: world.tokens.adviser });
    expect(record.body.values).toMatchObject({
      status: 'agreed',
      agreedByTaskforce: true,
      agreedByCeg: true,
    });
    expect(record.body.signOffs.taskforce.given).toMatchObject({
      by: 'mayor@ccc.example.nz',
      comment: 'Agreed at the mayoral meeting.',
    });
    // The token stays in this tab's session storage, never in local storage.
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await context.close();
  });

  it('should ask for a comment before Not yet', async () => {
    // Prepare
    const draft = await post(
      h,
      world.tokens.adviser,
      'agreements',
      values.agreement('christchurch-city', world.adviserId, 'draft'),
    );
    const { context, page } = await phonePage();
    await page.goto(`${h.baseUrl}/dashboard/partners/sign-offs.html?open=agreements/${draft.id}`);
    await page.getByRole('button', { name: "Christchurch City Mayor's Office" }).click();

    // Act: Not yet, without a comment.
    await page.getByRole('button', { name: 'Not yet' }).click();

    // Assess
    await expect.poll(() => page.locator('#status').innerText(), PATIENT).toContain('Write a comment');

    // Act: again, with one.
    await page.getByLabel(/Comment/).fill('Please add the youth council.');
    await page.getByRole('button', { name: 'Not yet' }).click();

    // Assess
    await expect.poll(() => page.locator('#status').innerText(), PATIENT).toContain('stays awaiting');
    await context.close();
  });
});

describe('the knowledge-base page, as an adviser in Canterbury', { timeout: 120_000 }, () => {
  it('should find Otago’s practice without typing the macron, and filter by region', async () => {
    // Prepare
    const { context, page } = await phonePage();
    await page.goto(`${h.baseUrl}/dashboard/partners/knowledge.html`);
    await page.getByRole('button', { name: 'Canterbury Adviser' }).click();

    // Act: search without the macron.
    await page.getByLabel('Words').fill('maori cadet');
    await page.getByRole('button', { name: 'Search' }).click();

    // Assess
    await expect.poll(() => page.locator('#results h2').innerText(), PATIENT).toBe('1 match');
    expect(await page.locator('.entry h3').allInnerTexts()).toEqual(['Māori trades cadetships']);

    // Act: narrow to Canterbury.
    await page.getByLabel('Region').selectOption('canterbury');

    // Assess
    await expect.poll(() => page.locator('#results h2').innerText(), PATIENT).toBe('0 matches');
    expect(page.url()).toContain('region=canterbury');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  // Its Act is every visit above.
  it('should have logged no console errors on any page', () => {
    // Assess
    expect(consoleErrors).toEqual([]);
  });
});
