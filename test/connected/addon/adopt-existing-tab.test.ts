import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AddonSession, newDocument } from '../../support/addon/addon-runtime.ts';
import type { FakeSheet } from '../../support/addon/spreadsheet.ts';
import { post, put, values } from '../../support/factories.ts';
import type { AddonWorld } from './addon-world.ts';
import { startAddonWorld } from './addon-world.ts';

/**
 * A team's own tab, with its own headers and rows typed the way people type them (council names
 * without macrons, dates as day/month/year text), adopted and pushed without retyping.
 */

let w: AddonWorld;

beforeAll(async () => {
  w = await startAddonWorld();
  const national = w.seeded.tokens.national;
  await put(
    w.api,
    national,
    'councils',
    'kaikoura-district',
    values.council('Kaikōura District', 'canterbury'),
  );
  // A second adviser with the same name, so that the name alone is ambiguous.
  await post(
    w.api,
    national,
    'advisers',
    values.adviser('canterbury', ['christchurch-city'], 'Aroha Adviser'),
  );
}, 120_000);
afterAll(() => w?.close());

interface Proposal {
  columns: { index: number; header: string; field?: string; how: string; sample: string }[];
  fields: { name: string; required: boolean }[];
}

interface PushReport {
  counts: { new: number; errors: number; changed: number };
  nothingToPush: boolean;
  complete: boolean;
}

/** Mondays from 2025-01-06 on, written the New Zealand way: 6/01/2025. */
function nzMonday(i: number): string {
  const date = new Date(Date.UTC(2025, 0, 6) + 7 * 86_400_000 * i);
  return `${date.getUTCDate()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;
}

function settingsOnly(session: AddonSession): void {
  session.call('saveSettings', {
    apiUrl: w.api.baseUrl,
    regionId: 'canterbury',
    types: ['activity'],
    hourlyPull: false,
  });
}

function teamTab(session: AddonSession, name: string, rows: unknown[][]): FakeSheet {
  session.spreadsheet.insertSheet(name);
  const sheet = session.spreadsheet.tab(name);
  if (sheet.getMaxRows() < rows.length)
    sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  rows.forEach((row, i) => {
    sheet.typeRow(i + 1, row);
  });
  return sheet;
}

function choicesOf(proposal: Proposal): Record<number, string> {
  return Object.fromEntries(proposal.columns.map((c) => [c.index, c.field ?? '']));
}

describe("adopting a team's own tab", () => {
  it('should adopt 300 rows with their own headers, council names without macrons and dd/mm/yyyy dates, and push them', () => {
    // Prepare
    const session = w.open('canterbury');
    settingsOnly(session);
    const councils = ['Christchurch', 'Kaikoura', 'christchurch city', 'KAIKOURA DISTRICT council'];
    const sheet = teamTab(session, 'Our activities', [
      ['Date', 'Council', 'Hours', 'Notes', 'Checked by'],
      ...Array.from({ length: 300 }, (_, i) => [
        nzMonday(i),
        councils[i % councils.length],
        (i % 30) + 0.5,
        `Week ${i + 1}: met the mayor's office`,
        'Mere',
      ]),
    ]);

    // Act: from the menu to the sidebar, then propose, confirm, adopt, preview, push
    session.call('menuAdoptTab');
    const { pending } = session.call<{ pending: unknown }>('getSidebarState');
    const proposal = session.call<Proposal>('proposeAdoption', 'Our activities', 'activity');
    const adopted = session.call<{ summary: string; rows: number }>('adoptTab', {
      tab: 'Our activities',
      type: 'activity',
      choices: choicesOf(proposal),
      fill: { adviserId: w.seeded.adviserId, kind: 'Planning' },
    });
    const preview = session.call<PushReport>('previewPush');
    const pushed = session.call<PushReport>('confirmPush');
    const again = session.call<PushReport>('previewPush');
    const pulled = session.call<{ summary: string }>('pullNow');

    // Assess
    expect(pending).toEqual({ kind: 'adopt' });
    expect(session.ui.sidebars).toHaveLength(1);
    expect(proposal.columns.map((c) => [c.header, c.field ?? null, c.how])).toEqual([
      ['Date', 'weekStarting', 'close'],
      ['Council', 'councilId', 'title'],
      ['Hours', 'hours', 'title'],
      ['Notes', 'summary', 'close'],
      ['Checked by', null, 'none'],
    ]);
    expect(proposal.columns[0]!.sample).toBe('6/01/2025');
    expect(adopted.rows).toBe(300);
    expect(adopted.summary).toContain('Adopted "Our activities" as Activities');
    expect(preview.counts).toMatchObject({ new: 300, errors: 0 });
    expect(pushed).toMatchObject({ complete: true, counts: { new: 300, errors: 0 } });
    expect(again.nothingToPush).toBe(true);
    expect(pulled.summary).toBe('Activities: up to date');
    // Their headers and their own column are kept; the add-on's columns are added at the right.
    expect(sheet.headers().slice(0, 5)).toEqual(['Date', 'Council', 'Hours', 'Notes', 'Checked by']);
    expect(sheet.headers()).toEqual(
      expect.arrayContaining(['Id', 'Sync status', 'Adviser', 'Kind', 'Version']),
    );
    expect(sheet.at(301, 'Checked by').value).toBe('Mere');
    expect(sheet.at(2, 'Sync status').value).toBe('created (v1)');
    expect(sheet.at(3, 'Council').value).toBe('kaikoura-district');
    expect(sheet.at(301, 'Sync status').value).toBe('created (v1)');
  }, 120_000);

  it('should explain ambiguous and unknown names, and a date ambiguous in a month-first spreadsheet, on their cells', () => {
    // Prepare: a spreadsheet in the United States locale, where 03/04/2026 could be either
    const session = w.open('canterbury', newDocument('Pacific/Auckland', 'en_US'));
    settingsOnly(session);
    const sheet = teamTab(session, 'Weekly', [
      ['Week', 'Council', 'Adviser', 'Kind', 'Hours'],
      ['03/04/2026', 'Christchurch', 'Aroha Adviser', 'planning', 2],
      ['11/16/2026', 'Gondor', w.seeded.adviserId, 'planning', 3],
      ['11/23/2026', 'Christchurch City', w.seeded.adviserId, 'planning', 4],
    ]);
    const proposal = session.call<Proposal>('proposeAdoption', 'Weekly', 'activity');
    session.call('adoptTab', { tab: 'Weekly', type: 'activity', choices: choicesOf(proposal) });

    // Act
    const preview = session.call<PushReport>('previewPush');

    // Assess
    expect(preview.counts).toMatchObject({ new: 1, errors: 2 });
    expect(sheet.at(2, 'Week').note).toContain(
      '"03/04/2026" could be 3 April 2026 or 4 March 2026 (this spreadsheet\'s locale writes the month first); type 2026-04-03 or 2026-03-04',
    );
    expect(sheet.at(2, 'Adviser').note).toContain('"Aroha Adviser" could be more than one adviser');
    expect(sheet.at(3, 'Council').note).toContain(
      '"Gondor" is neither the id nor the name of a council on the Lists tab',
    );
    expect(String(sheet.at(3, 'Sync status').value)).toMatch(/^error/);
    expect(sheet.at(4, 'Sync status').value).toBe('ready to push: new');
  });

  it('should keep a header the team uses for something else as theirs, and refuse a field chosen twice', () => {
    // Prepare
    const session = w.open('canterbury');
    settingsOnly(session);
    const sheet = teamTab(session, 'Log', [
      ['When', 'Kind', 'Council', 'Hours'],
      ['16/11/2026', 'phone call', 'Christchurch', 1],
    ]);

    // Act
    let refusal = '';
    try {
      session.call('adoptTab', {
        tab: 'Log',
        type: 'activity',
        choices: { 0: 'weekStarting', 3: 'weekStarting' },
      });
    } catch (error) {
      refusal = (error as Error).message;
    }
    session.call('adoptTab', {
      tab: 'Log',
      type: 'activity',
      choices: { 0: 'weekStarting', 1: '', 2: 'councilId', 3: 'hours' },
      fill: { adviserId: w.seeded.adviserId, kind: 'liaison' },
    });
    const preview = session.call<PushReport>('previewPush');

    // Assess
    expect(refusal).toContain('"When" and "Hours" are both matched to Week starting; choose one.');
    expect(sheet.headers()).toContain('Kind (Partnership Records)');
    expect(sheet.at(2, 'Kind').value).toBe('phone call');
    expect(sheet.at(2, 'Kind (Partnership Records)').value).toBe('liaison');
    expect(preview.counts).toMatchObject({ new: 1, errors: 0 });
  });
});
