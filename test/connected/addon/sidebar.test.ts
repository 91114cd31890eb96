import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildForTest } from '../../support/addon/addon-runtime.ts';
import { launchChromium } from '../../support/chromium.ts';

/**
 * The sidebar as staff see it, in headless Chromium, with a stand-in for google.script.run that
 * answers as the add-on's server functions do (their real answers are covered end to end).
 */

type Answer = { value: unknown } | { error: string };

let browser: Browser;
let sidebarUrl: string;
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

const settled = {
  user: 'cant@ceg.example.nz',
  settings: {
    apiUrl: 'https://records.example.nz',
    regionId: 'canterbury',
    types: ['activity'],
    hourlyPull: true,
  },
  types: [{ type: 'activity', label: 'Activities' }],
  lastRun: { action: 'pull', at: '2026-11-23 09:15:02', ok: true, summary: 'Activities: 3 added' },
  progress: null,
  hourlyPull: true,
  hourly: {
    on: true,
    lastRun: { at: '2026-11-23 10:00', ok: true, summary: 'Activities: 2 updated' },
  } as Record<string, unknown>,
  allowedApi: ['https://records.example.nz'],
  conflicts: [] as unknown[],
  pending: null as unknown,
};

const counts = {
  new: 12,
  changed: 30,
  deleted: 0,
  unchanged: 0,
  errors: 2,
  conflicts: 0,
  forbidden: 0,
  failed: 0,
};

beforeAll(async () => {
  const built = await buildForTest();
  sidebarUrl = `file://${join(built.outDir, 'sidebar.html')}`;
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);
afterAll(() => browser?.close());

/** Opens the sidebar with server functions answering as given; calls are recorded in window.calls. */
async function openSidebar(answers: Record<string, Answer>): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
  await page.addInitScript((all: Record<string, Answer>) => {
    const calls: { name: string; args: unknown[] }[] = [];
    (window as unknown as { calls: typeof calls }).calls = calls;
    const answer = { getProgress: { value: null }, ...all };
    const runner = (ok?: (v: unknown) => void, fail?: (e: Error) => void): Record<string, unknown> => {
      const r: Record<string, unknown> = {
        withSuccessHandler: (f: (v: unknown) => void) => runner(f, fail),
        withFailureHandler: (f: (e: Error) => void) => runner(ok, f),
      };
      for (const [name, a] of Object.entries(answer)) {
        r[name] = (...args: unknown[]) => {
          calls.push({ name, args });
          setTimeout(() => {
            if ('error' in a) fail?.(new Error(String(a.error)));
            else ok?.(a.value);
          }, 20);
        };
      }
      return r;
    };
    (window as unknown as { google: unknown }).google = { script: { run: runner() } };
  }, answers);
  await page.goto(sidebarUrl);
  return page;
}

describe('the sidebar', () => {
  it('should show who is signed in, the last sync and the open conflicts with a choice for each', async () => {
    // Prepare
    const conflicts = [
      { type: 'activity', label: 'Activities', id: 'a1', differs: 'Hours: yours 4, theirs 8' },
    ];

    // Act
    const page = await openSidebar({ getSidebarState: { value: { ...settled, conflicts } } });

    // Assess
    await expect
      .poll(() => page.textContent('#status'))
      .toBe('✓ Last pull at 2026-11-23 09:15:02: Activities: 3 added');
    expect(await page.textContent('#who')).toBe('Signed in as cant@ceg.example.nz');
    expect(await page.textContent('#conflict-list')).toContain('Activities a1: Hours: yours 4, theirs 8');
    expect(await page.locator('#conflict-list button').allTextContents()).toEqual([
      'Keep mine',
      'Take theirs',
    ]);
    expect(await page.inputValue('#api-url')).toBe('https://records.example.nz');
    expect(await page.isChecked('#hourly')).toBe(true);
  });

  it('should show when the hourly pull last ran, and why the add-on turned it off', async () => {
    // Act
    const running = await openSidebar({ getSidebarState: { value: settled } });
    const stopped = await openSidebar({
      getSidebarState: {
        value: {
          ...settled,
          hourlyPull: false,
          hourly: {
            on: false,
            stopped: {
              at: '2026-11-23 11:00',
              reason: 'Google gave it no spreadsheet to work on, so it was turned off.',
            },
          },
        },
      },
    });

    // Assess
    await expect
      .poll(() => running.textContent('#hourly-status'))
      .toBe('Hourly pull: on. Last run 2026-11-23 10:00: ✓ Activities: 2 updated');
    await expect
      .poll(() => stopped.textContent('#hourly-status'))
      .toBe(
        '⚠ Hourly pull stopped 2026-11-23 11:00: Google gave it no spreadsheet to work on, so it was turned off.',
      );
    expect(await stopped.getAttribute('#hourly-status', 'class')).toBe('failed');
    expect(await stopped.isChecked('#hourly')).toBe(false);
  });

  it('should offer the one API address the add-on was built for, and show why a trigger was refused', async () => {
    // Prepare
    const page = await openSidebar({
      getSidebarState: {
        value: { ...settled, settings: null, types: [], lastRun: null, hourly: { on: false } },
      },
      saveSettings: {
        value: {
          ...settled,
          hourlyPull: false,
          hourly: { on: false },
          notice: 'Settings saved, but Google would not turn the hourly pull on (too many triggers).',
        },
      },
    });
    await expect.poll(() => page.inputValue('#api-url')).toBe('https://records.example.nz');

    // Act
    await page.click('#settings-form button[type=submit]');

    // Assess
    await expect.poll(() => page.textContent('body')).toContain('Google would not turn the hourly pull on');
  });

  it('should offer the regions from the API by name, keep the saved one, and save the chosen id', async () => {
    // Prepare
    const page = await openSidebar({
      getSidebarState: { value: settled },
      listRecordTypes: { value: [{ type: 'activity', label: 'Activities' }] },
      listRegions: {
        value: [
          { id: 'canterbury', name: 'Canterbury' },
          { id: 'manawatu-whanganui', name: 'Manawatū-Whanganui' },
        ],
      },
      saveSettings: { value: settled },
    });
    await expect.poll(() => page.inputValue('#region')).toBe('canterbury');

    // Act
    await page.click('#settings-panel summary');
    await page.click('#load-types');
    await expect.poll(() => page.locator('#region option').count()).toBe(3);
    const offered = await page.locator('#region option').allTextContents();
    const keptAfterLoading = await page.inputValue('#region');
    await page.selectOption('#region', { label: 'Manawatū-Whanganui' });
    await page.click('#settings-form button[type=submit]');

    // Assess
    expect(offered).toEqual(['All regions you can see', 'Canterbury', 'Manawatū-Whanganui']);
    expect(keptAfterLoading).toBe('canterbury');
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (window as unknown as { calls: { name: string; args: unknown[] }[] }).calls.find(
              (c) => c.name === 'saveSettings',
            )?.args[0],
        ),
      )
      .toMatchObject({ regionId: 'manawatu-whanganui', types: ['activity'] });
  });

  it('should walk through adopting a tab: confirm or change each header, fill what the tab lacks', async () => {
    // Prepare
    const page = await openSidebar({
      getSidebarState: { value: settled },
      listAdoptableTabs: { value: [{ name: 'Our activities', headers: ['Date', 'Council'], rows: 300 }] },
      listRecordTypes: { value: [{ type: 'activity', label: 'Activities' }] },
      proposeAdoption: {
        value: {
          tab: 'Our activities',
          type: 'activity',
          label: 'Activities',
          columns: [
            { index: 0, header: 'Date', field: 'weekStarting', how: 'close', sample: '6/01/2025' },
            { index: 1, header: 'Council', field: 'councilId', how: 'title', sample: 'Christchurch' },
            { index: 2, header: 'Checked by', how: 'none', sample: 'Mere' },
          ],
          fields: [
            { name: 'adviserId', title: 'Adviser', required: true, kind: 'reference' },
            { name: 'councilId', title: 'Council', required: true, kind: 'reference' },
            { name: 'weekStarting', title: 'Week starting', required: true, kind: 'date' },
            { name: 'kind', title: 'Kind', required: true, kind: 'enum' },
          ],
        },
      },
      adoptTab: { value: { summary: 'Adopted "Our activities" as Activities.', rows: 300, added: [] } },
    });
    await expect.poll(() => page.textContent('#status')).toContain('Last pull');
    await page.click('#adopt-panel summary');

    // Act
    await page.click('#adopt-start');
    await page.waitForSelector('#adopt-choose:not([hidden])');
    await page.click('#adopt-match');
    await page.waitForSelector('#adopt-columns:not([hidden])');
    await page.selectOption('select[data-index="2"]', 'kind');
    await page.fill('#adopt-fill input[data-field="adviserId"]', 'adv-1');
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-adopt-tab.png'), fullPage: true });
    await page.click('#adopt-confirm');

    // Assess
    await expect.poll(() => page.textContent('#message')).toBe('Adopted "Our activities" as Activities.');
    const adopt = await page.evaluate(
      () =>
        (window as unknown as { calls: { name: string; args: unknown[] }[] }).calls.find(
          (c) => c.name === 'adoptTab',
        )?.args,
    );
    expect(adopt).toEqual([
      {
        tab: 'Our activities',
        type: 'activity',
        choices: { 0: 'weekStarting', 1: 'councilId', 2: 'kind' },
        fill: { adviserId: 'adv-1' },
      },
    ]);
  });

  it('should open the adoption steps when the menu asked for them', async () => {
    // Act
    const page = await openSidebar({
      getSidebarState: { value: { ...settled, pending: { kind: 'adopt' } } },
      listAdoptableTabs: { value: [{ name: 'Our activities', headers: ['Date'], rows: 3 }] },
      listRecordTypes: { value: [{ type: 'activity', label: 'Activities' }] },
    });

    // Assess
    await page.waitForSelector('#adopt-choose:not([hidden])');
    expect(await page.locator('#adopt-tab option').allTextContents()).toEqual(['Our activities (3 rows)']);
  });

  it('should show the dry-run preview in words, list what to fix, and push only when confirmed', async () => {
    // Prepare
    const page = await openSidebar({
      getSidebarState: { value: settled },
      previewPush: {
        value: {
          dryRun: true,
          nothingToPush: false,
          counts,
          perTab: [{ type: 'activity', label: 'Activities', counts }],
          problems: [
            {
              tab: 'Activities',
              row: 14,
              status: 'invalid',
              message: "Week starting: expected a date like 2026-03-01, got '1/3/26'",
            },
          ],
          changes: [
            {
              tab: 'Activities',
              row: 5,
              id: 'a5',
              kind: 'changed',
              fields: [
                { field: 'hours', title: 'Hours', from: '4', to: '8' },
                { field: 'summary', title: 'Summary', from: '"Met the mayor"', to: '(cleared)' },
              ],
            },
          ],
          changesLeftOut: 41,
          planToken: 'plan-1',
          complete: true,
        },
      },
      confirmPush: {
        value: { summary: 'Activities: 12 new, 30 changed, 2 with errors', complete: true, counts },
      },
    });
    await expect.poll(() => page.textContent('#status')).toContain('Last pull');

    // Act
    await page.click('#preview');
    await page.waitForSelector('#preview-panel:not([hidden])');
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-push-preview.png'), fullPage: true });
    const callsBeforeConfirm = await page.evaluate(() =>
      (window as unknown as { calls: { name: string }[] }).calls.map((c) => c.name),
    );
    await page.click('#confirm');

    // Assess
    expect(await page.textContent('#preview-summary')).toBe('12 new, 30 changed, 2 with errors');
    expect(await page.textContent('#preview-problems')).toContain(
      "Activities, row 14: Week starting: expected a date like 2026-03-01, got '1/3/26'",
    );
    expect(callsBeforeConfirm).not.toContain('confirmPush');
    expect(await page.locator('#preview-changes > li > strong').allTextContents()).toEqual([
      'Activities row 5 (changed)',
    ]);
    expect(await page.locator('#preview-changes li li').allTextContents()).toEqual([
      'Hours: 4 → 8',
      'Summary: "Met the mayor" → (cleared)',
    ]);
    expect(await page.textContent('#preview-changes')).toContain('…and 41 more records');
    const confirmed = await page.evaluate(
      () =>
        (window as unknown as { calls: { name: string; args: unknown[] }[] }).calls.find(
          (c) => c.name === 'confirmPush',
        )?.args,
    );
    expect(confirmed).toEqual([null, 'plan-1']);
    await expect
      .poll(() => page.textContent('#message'))
      .toBe('Activities: 12 new, 30 changed, 2 with errors');
    expect(await page.getAttribute('#message', 'class')).toBe('error');
  });

  it('should say so and preview again when the sheet changed after the preview', async () => {
    // Prepare
    const previewed = {
      dryRun: true,
      nothingToPush: false,
      counts,
      perTab: [],
      problems: [],
      changes: [],
      changesLeftOut: 0,
      planToken: 'plan-1',
      complete: true,
    };
    const page = await openSidebar({
      getSidebarState: { value: settled },
      previewPush: { value: previewed },
      confirmPush: {
        value: {
          ...previewed,
          stale: true,
          summary:
            'The sheet changed since the preview (…), so nothing was pushed. Check the new preview, then push.',
        },
      },
    });
    await expect.poll(() => page.textContent('#status')).toContain('Last pull');
    await page.click('#preview');
    await page.waitForSelector('#preview-panel:not([hidden])');

    // Act
    await page.click('#confirm');

    // Assess
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as { calls: { name: string }[] }).calls
            .map((c) => c.name)
            .filter((n) => n !== 'getProgress'),
        ),
      )
      .toEqual(['getSidebarState', 'previewPush', 'confirmPush', 'previewPush']);
    await expect.poll(() => page.textContent('#message')).toContain('The sheet changed since the preview');
  });

  it('should show a failure from the server in plain words', async () => {
    // Prepare
    const page = await openSidebar({
      getSidebarState: { value: settled },
      pullNow: {
        error: 'The API did not accept your sign-in: Your sign-in token has expired. Sign in again.',
      },
    });
    await expect.poll(() => page.textContent('#status')).toContain('Last pull');

    // Act
    await page.click('#pull');

    // Assess
    await expect
      .poll(() => page.textContent('#message'))
      .toBe('The API did not accept your sign-in: Your sign-in token has expired. Sign in again.');
    expect(await page.isVisible('#message.error')).toBe(true);
    expect(await page.isEnabled('#pull')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-error.png'), fullPage: true });
  });

  it('should say what to do when Google mixes up several signed-in accounts', async () => {
    // Prepare
    const page = await openSidebar({
      getSidebarState: { value: settled },
      pullNow: {
        error:
          "ScriptError: We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.",
      },
    });
    await expect.poll(() => page.textContent('#status')).toContain('Last pull');

    // Act
    await page.click('#pull');

    // Assess
    await expect
      .poll(() => page.textContent('#message'))
      .toContain(
        'this happens when several accounts are signed in to this browser. Sign out of the other accounts',
      );
  });

  it('should preview the selected rows straight away when opened from "Push selected rows…"', async () => {
    // Prepare
    const scope = { type: 'activity', rows: [3, 4] };

    // Act
    const page = await openSidebar({
      getSidebarState: { value: { ...settled, pending: { kind: 'preview', scope } } },
      previewPush: {
        value: {
          nothingToPush: true,
          summary: 'Nothing to push: no row is new or changed since the last sync.',
          counts,
          perTab: [],
          problems: [],
        },
      },
    });

    // Assess
    await expect
      .poll(() => page.textContent('#message'))
      .toBe('Nothing to push: no row is new or changed since the last sync.');
    const calls = await page.evaluate(
      () => (window as unknown as { calls: { name: string; args: unknown[] }[] }).calls,
    );
    expect(calls.find((c) => c.name === 'previewPush')?.args).toEqual([scope]);
  });
});
