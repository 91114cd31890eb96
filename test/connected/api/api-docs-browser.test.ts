import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDocsExtension } from '../../../local/api-docs-extension.ts';
import { launchChromium } from '../../support/chromium.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

/**
 * The self-hosted API reference in headless Chromium: it must render the whole document with no
 * request leaving the host (anything else is refused and counted), and carry no critical or
 * serious accessibility violation (axe-core, WCAG 2.1 A and AA).
 */
let h: Harness;
let browser: Browser;
let page: Page;
const elsewhere: string[] = [];

beforeAll(async () => {
  h = await startHarness({ extend: apiDocsExtension() });
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  // Offline, as behind a strict proxy: any request to another host fails and is recorded.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(h.baseUrl) || url.startsWith('data:')) return route.continue();
    elsewhere.push(url);
    return route.abort('internetdisconnected');
  });
  // Act, shared by the tests below: open the reference as a person would.
  await page.goto(`${h.baseUrl}/docs`);
  await page.locator('.opblock-tag-section').first().waitFor({ timeout: 30_000 });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

// Rendering 200 operations and running axe over them takes seconds, and many more on a busy machine.
describe('the API reference at /docs', { timeout: 120_000 }, () => {
  it('should show every tag of the document, from this host alone', async () => {
    // Assess
    expect(page.url()).toBe(`${h.baseUrl}/docs/index.html`);
    const doc = (await h.request('GET', '/openapi.json')).body;
    const shown = await page.locator('.opblock-tag-section h3').allInnerTexts();
    expect(shown.length).toBe(doc.tags.length);
    expect(await page.locator('.info .title').innerText()).toContain('Partnership Records API');
    expect(elsewhere).toEqual([]);
  });

  it('should have no critical or serious accessibility violations, with an operation open', async () => {
    // Prepare
    await page.locator('.opblock-tag-section h3').first().click();
    // A read and a create: parameters, a request body with its media types, responses.
    await page.locator('.opblock-summary').nth(0).click();
    await page.locator('.opblock-summary').nth(1).click();
    await page.locator('.opblock-body').nth(1).waitFor();

    // Act
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();

    // Assess
    const grave = results.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map(
        (v) =>
          `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')}`,
      );
    expect(grave).toEqual([]);
    expect(elsewhere).toEqual([]);
  });
});
