import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDocument } from '../../support/addon/addon-runtime.ts';
import type { FakeSheet } from '../../support/addon/spreadsheet.ts';
import { post } from '../../support/factories.ts';
import { type AddonWorld, activityValues, startAddonWorld } from './addon-world.ts';

let w: AddonWorld;

beforeAll(async () => {
  w = await startAddonWorld();
}, 120_000);
afterAll(() => w?.close());

/** A new row typed at the bottom of the Activities tab, as a person would. */
function typeNewRow(sheet: FakeSheet, values: Record<string, unknown>): number {
  const row = Math.max(sheet.getLastRow(), 1) + 1;
  for (const [header, value] of Object.entries(values)) sheet.type(row, sheet.column(header), value);
  return row;
}

describe('problems explained on the cell', () => {
  it('should note a bad date and then an unknown council on their cells, and clear the notes once fixed', () => {
    // Prepare
    const session = w.open('canterbury');
    w.configure(session);
    const sheet = session.spreadsheet.tab('Activities');
    const row = typeNewRow(sheet, {
      Adviser: w.seeded.adviserId,
      Council: 'atlantis-city',
      'Week starting': 'next Tuesday',
      Kind: 'advice',
      Hours: 3,
    });

    // Act
    const first = session.call<{ counts: { errors: number }; problems: { row: number; message: string }[] }>(
      'previewPush',
    );
    const dateNote = sheet.at(row, 'Week starting').note;
    sheet.type(row, sheet.column('Week starting'), '2026-11-30');
    session.call('previewPush');
    const councilNote = sheet.at(row, 'Council').note;
    const dateNoteAfterFix = sheet.at(row, 'Week starting').note;
    sheet.type(row, sheet.column('Council'), 'christchurch-city');
    session.call('previewPush');
    const pushed = session.call<{ counts: { new: number } }>('confirmPush');

    // Assess
    expect(first.counts.errors).toBe(1);
    expect(first.problems[0]).toMatchObject({
      row,
      message: expect.stringContaining('Week starting: expected a date like 2026-03-01'),
    });
    expect(dateNote).toContain('Week starting: expected a date like 2026-03-01');
    expect(dateNote).toContain('"next Tuesday"');
    expect(councilNote).toContain('there is no council with id "atlantis-city"; choose one from the list');
    expect(dateNoteAfterFix).toBe('');
    expect(pushed.counts.new).toBe(1);
    expect(sheet.at(row, 'Council').note).toBe('');
    expect(sheet.at(row, 'Council').background).toBe('#ffffff');
    expect(sheet.at(row, 'Sync status').value).toBe('created (v1)');
  });

  it('should refuse work for a council that is not a Taskforce member in the words of the rule', () => {
    // Prepare
    const session = w.open('canterbury');
    w.configure(session);
    const sheet = session.spreadsheet.tab('Activities');
    const row = typeNewRow(sheet, {
      Adviser: w.seeded.adviserId,
      Council: 'selwyn-district',
      'Week starting': '2026-11-30',
      Kind: 'advice',
      Hours: 1,
    });

    // Act
    session.call('previewPush');

    // Assess
    expect(sheet.at(row, 'Council').note).toContain(
      'Selwyn District is not a Mayors Taskforce for Jobs member council',
    );
    expect(sheet.at(row, 'Council').background).toBe('#f4cccc');
    expect(sheet.at(row, 'Sync status').value).toBe('error: 1 problem, see the notes');
  });
});

describe('copied rows', () => {
  it('should refuse a pasted copy of a row, which shares its Id, and say how to make it a new record', async () => {
    // Prepare
    const { id } = await post(
      w.api,
      w.seeded.tokens.canterbury,
      'activities',
      activityValues(w.seeded.adviserId, { summary: 'original' }),
    );
    const session = w.open('canterbury');
    w.configure(session);
    session.call('pullNow');
    const sheet = session.spreadsheet.tab('Activities');
    const original = sheet.rowWhere('Id', id);
    const copy = sheet.getLastRow() + 1;
    sheet.typeRow(
      copy,
      sheet.headers().map((h) => (h === 'Summary' ? 'copy' : sheet.at(original, h).value)),
    );

    // Act
    const preview = session.call<{
      counts: { errors: number };
      problems: { row: number; message: string }[];
    }>('previewPush');

    // Assess
    expect(preview.counts.errors).toBe(1);
    expect(preview.problems).toEqual([
      expect.objectContaining({
        row: copy,
        message: expect.stringContaining(`this row has the same Id as row ${original}`),
      }),
    ]);
    expect(sheet.at(copy, 'Id').note).toContain(
      "clear this row's Id and Version cells to push it as a new record",
    );
  });
});

describe('safe values', () => {
  it('should keep server text starting with = + - @ as text, never a formula, and push it back unchanged', async () => {
    // Prepare
    const texts = [
      '=HYPERLINK("http://evil.example","click me")',
      '+64 3 555 0100',
      '-5 hours lost',
      '@mayor please call',
    ];
    const ids: string[] = [];
    for (const summary of texts) {
      ids.push(
        (
          await post(
            w.api,
            w.seeded.tokens.canterbury,
            'activities',
            activityValues(w.seeded.adviserId, { summary }),
          )
        ).id,
      );
    }
    const session = w.open('canterbury');
    w.configure(session);

    // Act
    session.call('pullNow');
    const sheet = session.spreadsheet.tab('Activities');
    for (const id of ids) sheet.type(sheet.rowWhere('Id', id), sheet.column('Hours'), 1.5);
    session.call('confirmPush');

    // Assess
    for (const [i, id] of ids.entries()) {
      expect(sheet.at(sheet.rowWhere('Id', id), 'Summary').formula).toBe('');
      const stored = await w.api.request('GET', `/v1/activities/${id}`, { token: w.seeded.tokens.national });
      expect(stored.body).toMatchObject({ version: 2, values: { summary: texts[i], hours: 1.5 } });
    }
  });

  it('should round-trip dates exactly in a spreadsheet whose time zone is behind UTC', async () => {
    // Prepare
    const { id } = await post(
      w.api,
      w.seeded.tokens.canterbury,
      'activities',
      activityValues(w.seeded.adviserId, { weekStarting: '2026-03-02', hours: 0.25 }),
    );
    const session = w.open('canterbury', newDocument('Pacific/Honolulu'));
    w.configure(session);

    // Act
    session.call('pullNow');
    const sheet = session.spreadsheet.tab('Activities');
    sheet.type(sheet.rowWhere('Id', id), sheet.column('Summary'), 'Met the mayor');
    const report = session.call<{ counts: { changed: number } }>('confirmPush');

    // Assess
    expect(report.counts.changed).toBe(1);
    const stored = await w.api.request('GET', `/v1/activities/${id}`, { token: w.seeded.tokens.national });
    expect(stored.body.values).toMatchObject({
      weekStarting: '2026-03-02',
      hours: 0.25,
      summary: 'Met the mayor',
    });
  });
});

describe("the person's own sheet", () => {
  it('should match rows by id after the person sorts them, and leave their own columns, formulas and notes alone', async () => {
    // Prepare
    const first = await post(
      w.api,
      w.seeded.tokens.canterbury,
      'activities',
      activityValues(w.seeded.adviserId, { summary: 'first' }),
    );
    const second = await post(
      w.api,
      w.seeded.tokens.canterbury,
      'activities',
      activityValues(w.seeded.adviserId, { summary: 'second' }),
    );
    const session = w.open('canterbury');
    w.configure(session);
    session.call('pullNow');
    const sheet = session.spreadsheet.tab('Activities');
    const own = sheet.getLastColumn() + 1;
    sheet.type(1, own, 'My follow-up');
    const rowOfFirst = sheet.rowWhere('Id', first.id);
    const rowOfSecond = sheet.rowWhere('Id', second.id);
    sheet.swapRows(rowOfFirst, rowOfSecond);
    sheet.type(rowOfSecond, own, '=TODAY()');
    sheet.cell(rowOfSecond, sheet.column('Summary')).note = 'Ask Hemi about this';
    await w.api.request('PATCH', `/v1/activities/${first.id}`, {
      token: w.seeded.tokens.canterbury,
      headers: { 'if-match': '"1"' },
      body: { summary: 'first, revised' },
    });

    // Act
    session.call('pullNow');

    // Assess
    expect(sheet.at(rowOfSecond, 'Id').value).toBe(first.id);
    expect(sheet.at(rowOfSecond, 'Summary').value).toBe('first, revised');
    expect(sheet.at(rowOfSecond, 'Summary').note).toBe('Ask Hemi about this');
    expect(sheet.peek(rowOfSecond, own).formula).toBe('=TODAY()');
    expect(sheet.at(rowOfFirst, 'Summary').value).toBe('second');
    expect(sheet.headers()[own - 1]).toBe('My follow-up');
  });

  it('should grey out rows of records deleted on the server and never push them', async () => {
    // Prepare
    const record = await post(
      w.api,
      w.seeded.tokens.canterbury,
      'activities',
      activityValues(w.seeded.adviserId, { summary: 'to go' }),
    );
    const session = w.open('canterbury');
    w.configure(session);
    session.call('pullNow');
    await w.api.request('DELETE', `/v1/activities/${record.id}`, {
      token: w.seeded.tokens.canterbury,
      headers: { 'if-match': '"1"' },
    });

    // Act
    session.call('pullNow');
    const sheet = session.spreadsheet.tab('Activities');
    const row = sheet.rowWhere('Id', record.id);
    sheet.type(row, sheet.column('Hours'), 9);
    const push = session.call<{ nothingToPush: boolean }>('confirmPush');

    // Assess
    expect(sheet.at(row, 'Sync status').value).toBe('deleted on the server by cant@ceg.example.nz');
    expect(sheet.at(row, 'Hours').background).toBe('#d9d9d9');
    expect(sheet.at(row, 'Summary').value).toBe('to go');
    expect(push.nothingToPush).toBe(true);
  });

  it('should refuse to start while another sync holds the document lock, and say so plainly', () => {
    // Prepare
    const session = w.open('canterbury');
    w.configure(session);
    session.document.lock.holder = "a colleague's push";

    // Act
    const pulling = () => session.call('pullNow');

    // Assess
    expect(pulling).toThrow(/Another sync is running on this spreadsheet/);
    session.document.lock.holder = null;
  });
});
