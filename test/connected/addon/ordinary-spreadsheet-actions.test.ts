import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddonSession } from '../../support/addon/addon-runtime.ts';
import type { FakeSheet } from '../../support/addon/spreadsheet.ts';
import { post } from '../../support/factories.ts';
import { type AddonWorld, activityValues, startAddonWorld } from './addon-world.ts';

/**
 * What staff do to their sheets every day (sort part of a tab, filter it, keep formulas, edit
 * beside a colleague, rename and repeat headers), done to the fakes the way Sheets does it.
 * Each ends by reading every record back from the API: nothing changed that nobody edited.
 */

let w: AddonWorld;

beforeAll(async () => {
  w = await startAddonWorld();
}, 120_000);
afterAll(() => w?.close());

type Stored = Map<string, { version: number; values: Record<string, unknown> }>;

/** Every activity of Canterbury as the server holds it. */
async function serverRecords(): Promise<Stored> {
  const found: Stored = new Map();
  let cursor: string | undefined;
  do {
    const page = await w.api.request(
      'GET',
      `/v1/activities?region=canterbury&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token: w.seeded.tokens.national },
    );
    for (const r of page.body.items as { id: string; version: number; values: Record<string, unknown> }[])
      found.set(r.id, { version: r.version, values: r.values });
    cursor = page.body.more ? page.body.cursor : undefined;
  } while (cursor);
  return found;
}

/** The records whose version moved or that appeared or went, by id. */
function changedBetween(before: Stored, after: Stored): string[] {
  const ids = new Set([...before.keys(), ...after.keys()]);
  return [...ids].filter((id) => before.get(id)?.version !== after.get(id)?.version).sort();
}

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

/** A spreadsheet with the add-on's own Activities tab, pulled, holding `hours.length` records. */
async function ownTab(hours: number[]): Promise<{ session: AddonSession; sheet: FakeSheet; ids: string[] }> {
  const ids: string[] = [];
  for (const [i, h] of hours.entries()) {
    const record = await post(
      w.api,
      w.seeded.tokens.canterbury,
      'activities',
      activityValues(w.seeded.adviserId, { hours: h, summary: `own tab ${i}`, weekStarting: '2026-10-05' }),
    );
    ids.push(record.id);
  }
  const session = w.open('canterbury');
  w.configure(session);
  session.call('pullNow');
  return { session, sheet: session.spreadsheet.tab('Activities'), ids };
}

/** A team's own tab ("Date, Council, Hours, Notes"), adopted and pushed, so its rows are records. */
function adoptedTab(rows: [string, string, number, string][]): { session: AddonSession; sheet: FakeSheet } {
  const session = w.open('canterbury');
  session.call('saveSettings', {
    apiUrl: w.api.baseUrl,
    regionId: 'canterbury',
    types: ['activity'],
    hourlyPull: false,
  });
  session.spreadsheet.insertSheet('Our activities');
  const sheet = session.spreadsheet.tab('Our activities');
  sheet.typeRow(1, ['Date', 'Council', 'Hours', 'Notes']);
  rows.forEach((row, i) => {
    sheet.typeRow(i + 2, row);
  });
  session.call('adoptTab', {
    tab: 'Our activities',
    type: 'activity',
    choices: { 0: 'weekStarting', 1: 'councilId', 2: 'hours', 3: 'summary' },
    fill: { adviserId: w.seeded.adviserId, kind: 'planning' },
  });
  session.call('previewPush');
  session.call('confirmPush');
  return { session, sheet };
}

describe('a sort of part of a tab', () => {
  it("should refuse to push an adopted tab whose team columns were sorted without the add-on's, and send nothing", async () => {
    // Prepare: the team sorts Date..Notes by Hours (Data > Sort range), leaving Id and the rest
    const { session, sheet } = adoptedTab([
      ['2/11/2026', 'Christchurch', 3, 'third'],
      ['9/11/2026', 'christchurch city', 1, 'first'],
      ['16/11/2026', 'Christchurch', 2, 'second'],
    ]);
    const before = await serverRecords();
    const sent = session.requests;
    sheet.sortRange({ row: 2, column: 1, numRows: 3, numColumns: 4 }, 3);

    // Act
    const previewing = refusal(() => session.call('previewPush'));
    const pulling = refusal(() => session.call('pullNow'));

    // Assess
    expect(previewing).toContain('Part of "Our activities" looks sorted or pasted without its Id column');
    expect(previewing).toContain('Undo it with Ctrl+Z');
    expect(pulling).toContain('looks sorted or pasted');
    expect(session.requests - sent).toBe(1); // the pull's page; the preview sent nothing
    expect(changedBetween(before, await serverRecords())).toEqual([]);
  });

  it('should refuse a range sort of its own tab that stopped at the last visible column, and push once the whole sheet is sorted', async () => {
    // Prepare: Id..Version sorted by Hours, the hidden Last synced values column left out
    const { session, sheet, ids } = await ownTab([5, 4, 3]);
    const first = sheet.rowWhere('Id', ids[0]);
    const before = await serverRecords();
    const lastVisible = sheet.column('Version');
    sheet.sortRange({ row: first, column: 1, numRows: 3, numColumns: lastVisible }, sheet.column('Hours'));

    // Act
    const previewing = refusal(() => session.call('previewPush'));
    const deleting = () => {
      session.spreadsheet.selectRows('Activities', [first]);
      session.call('menuDeleteSelected');
    };

    // Assess
    expect(previewing).toContain(
      'the Id and Version cells no longer belong to the hidden Last synced values',
    );
    deleting();
    expect(session.ui.alerts.at(-1)).toContain('Part of "Activities" was sorted or pasted without the rest');
    expect(changedBetween(before, await serverRecords())).toEqual([]);
  });

  it('should see nothing wrong when the whole sheet is sorted, and push only what a person then edits', async () => {
    // Prepare
    const { session, sheet, ids } = await ownTab([7, 9, 8]);
    const first = sheet.rowWhere('Id', ids[0]);
    sheet.sortRange(
      { row: first, column: 1, numRows: 3, numColumns: sheet.getLastColumn() },
      sheet.column('Hours'),
    );
    const edited = sheet.rowWhere('Id', ids[1]);
    sheet.type(edited, sheet.column('Summary'), 'edited after sorting');
    const before = await serverRecords();

    // Act
    const preview = session.call<{ counts: { changed: number } }>('previewPush');
    session.call('confirmPush');

    // Assess
    expect(preview.counts.changed).toBe(1);
    expect(changedBetween(before, await serverRecords())).toEqual([ids[1]]);
  });
});

describe('a filter with hidden rows', () => {
  it('should delete only the selected rows that show, after saying how many records of which council', async () => {
    // Prepare: a filter shows only 4-hour rows; the person selects every row
    const { session, sheet, ids } = await ownTab([4, 6, 4, 6]);
    const rows = ids.map((id) => sheet.rowWhere('Id', id));
    sheet.filterRows((r) => sheet.at(r, 'Hours').value === 4 || !rows.includes(r));
    session.spreadsheet.selectRows('Activities', rows);
    const before = await serverRecords();

    // Act
    session.call('menuDeleteSelected');

    // Assess
    const [question, outcome] = session.ui.alerts.slice(-2);
    expect(question).toBe(
      'Delete 2 activities (Christchurch City: 2) on the server? The rows stay in the sheet, greyed out, and "Undo last push" brings them back. 2 selected rows are hidden (by a filter or by hand) and left out.',
    );
    expect(outcome).toBe('Delete: 2 deleted');
    expect(changedBetween(before, await serverRecords())).toEqual([ids[0], ids[2]].sort());
  });

  it('should push only the selected rows that show', async () => {
    // Prepare: two edited rows, one hidden by hand
    const { session, sheet, ids } = await ownTab([2, 2]);
    const [a, b] = ids.map((id) => sheet.rowWhere('Id', id)) as [number, number];
    sheet.type(a, sheet.column('Summary'), 'shown and edited');
    sheet.type(b, sheet.column('Summary'), 'hidden and edited');
    sheet.hideRowsByUser([b]);
    session.spreadsheet.selectRows('Activities', [a, b]);
    const before = await serverRecords();

    // Act
    session.call('menuPushSelected');
    const { pending } = session.call<{ pending: { scope: unknown } }>('getSidebarState');
    session.call('previewPush', pending.scope);
    session.call('confirmPush', pending.scope);

    // Assess
    expect(pending.scope).toEqual({ type: 'activity', rows: [a - 2] });
    expect(changedBetween(before, await serverRecords())).toEqual([ids[0]]);
  });
});

describe('a preview that is the push', () => {
  it('should list each changed field, and send nothing when the sheet changed after the preview', async () => {
    // Prepare
    const { session, sheet, ids } = await ownTab([3, 3]);
    const [a, b] = ids.map((id) => sheet.rowWhere('Id', id)) as [number, number];
    sheet.type(a, sheet.column('Hours'), 5);
    sheet.type(a, sheet.column('Summary'), '');
    const preview = session.call<{ planToken: string; changes: unknown[] }>('previewPush');
    sheet.type(b, sheet.column('Hours'), 9); // a colleague, after the preview
    const before = await serverRecords();
    const sent = session.requests;

    // Act
    const stale = session.call<{ stale: boolean; summary: string }>('confirmPush', null, preview.planToken);

    // Assess
    expect(preview.changes).toEqual([
      {
        tab: 'Activities',
        row: a,
        id: ids[0],
        kind: 'changed',
        fields: [
          { field: 'hours', title: 'Hours', from: '3', to: '5' },
          { field: 'summary', title: 'Summary', from: '"own tab 0"', to: '(cleared)' },
        ],
      },
    ]);
    expect(stale).toMatchObject({ stale: true });
    expect(session.requests).toBe(sent);
    expect(changedBetween(before, await serverRecords())).toEqual([]);
  });
});

describe("the sheet's own content", () => {
  it('should push the value a formula gives and leave the formula in its cell', async () => {
    // Prepare
    const { session, sheet, ids } = await ownTab([2]);
    const row = sheet.rowWhere('Id', ids[0]);
    sheet.typeFormula(row, sheet.column('Hours'), '=1+2', 3);
    const before = await serverRecords();

    // Act
    session.call('confirmPush');

    // Assess
    expect(sheet.at(row, 'Hours')).toMatchObject({ formula: '=1+2', value: 3 });
    const after = await serverRecords();
    expect(after.get(ids[0]!)?.values.hours).toBe(3);
    expect(changedBetween(before, after)).toEqual([ids[0]]);
  });

  it("should keep a colleague's edits made while the push waited for the server, and show them as edits", async () => {
    // Prepare
    const { session, sheet, ids } = await ownTab([2, 2]);
    const [a, b] = ids.map((id) => sheet.rowWhere('Id', id)) as [number, number];
    sheet.type(a, sheet.column('Hours'), 4);
    session.call('previewPush');
    session.fetch.whileWaiting = {
      matching: /dryRun=false/,
      act: () => {
        sheet.type(a, sheet.column('Summary'), 'typed by a colleague');
        sheet.type(b, sheet.column('Summary'), 'also typed by a colleague');
      },
    };
    const before = await serverRecords();

    // Act
    session.call('confirmPush');
    const statusAfterPush = sheet.at(a, 'Sync status').value;
    const next = session.call<{ changes: { row: number; fields: { field: string }[] }[] }>('previewPush');

    // Assess
    expect(sheet.at(a, 'Summary').value).toBe('typed by a colleague');
    expect(sheet.at(b, 'Summary').value).toBe('also typed by a colleague');
    expect(statusAfterPush).toBe(
      'updated (v2); edited while the push ran: the new value is kept (the server has what was pushed); push again to send it',
    );
    expect(next.changes.map((c) => [c.row, c.fields.map((f) => f.field)])).toEqual([
      [a, ['summary']],
      [b, ['summary']],
    ]);
    const after = await serverRecords();
    expect(after.get(ids[0]!)?.values).toMatchObject({ hours: 4, summary: 'own tab 0' });
    expect(changedBetween(before, after)).toEqual([ids[0]]);
  });
});

describe('renamed and look-alike headers', () => {
  it('should still know a renamed field column by its tag, push what is typed there, and repair nothing', async () => {
    // Prepare: "Summary" renamed "Notes"; one row's note edited on purpose
    const { session, sheet, ids } = await ownTab([1, 1]);
    const rows = ids.map((id) => sheet.rowWhere('Id', id));
    const column = sheet.column('Summary');
    sheet.type(1, column, 'Notes');
    const before = await serverRecords();

    // Act
    const untouched = session.call<{ nothingToPush: boolean }>('previewPush');
    const repair = session.call<{ tabs: { added: string[] }[] }>('setUpTabs');
    const widthAfterRepair = sheet.getLastColumn();
    sheet.type(rows[0]!, column, 'typed under the new header');
    const preview = session.call<{ counts: { changed: number } }>('previewPush');
    session.call('confirmPush');

    // Assess
    expect(untouched.nothingToPush).toBe(true);
    expect(repair.tabs.map((t) => t.added)).toEqual([[]]);
    expect(widthAfterRepair).toBe(sheet.getLastColumn());
    expect(() => sheet.column('Summary')).toThrow();
    expect(preview.counts.changed).toBe(1);
    const after = await serverRecords();
    expect(changedBetween(before, after)).toEqual([ids[0]]);
    expect(after.get(ids[0]!)?.values.summary).toBe('typed under the new header');
    expect(after.get(ids[1]!)?.values.summary).toBe('own tab 1');
  });

  it("should not take a team's own column headed like a field for that field, wherever it is", async () => {
    // Prepare: the team adds their own "Summary" at the far right, and another one inserted
    // left of every column, so the add-on's columns all move one to the right
    const { session, sheet, ids } = await ownTab([1]);
    const row = sheet.rowWhere('Id', ids[0]!);
    const far = sheet.getLastColumn() + 1;
    sheet.type(1, far, 'Summary');
    sheet.type(row, far, 'our own summary');
    sheet.insertColumnsAfter(0, 1);
    sheet.type(1, 1, 'Summary');
    sheet.type(row, 1, 'our other summary');
    const before = await serverRecords();

    // Act
    const preview = session.call<{ nothingToPush: boolean }>('previewPush');
    session.call('setUpTabs');
    const again = session.call<{ nothingToPush: boolean }>('previewPush');

    // Assess
    expect(preview.nothingToPush).toBe(true);
    expect(again.nothingToPush).toBe(true);
    expect(sheet.cell(row, 1).value).toBe('our other summary');
    expect(sheet.cell(row, far + 1).value).toBe('our own summary');
    expect(changedBetween(before, await serverRecords())).toEqual([]);
  });
});
