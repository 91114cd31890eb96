import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddonSession } from '../../support/addon/addon-runtime.ts';
import { type AddonWorld, startAddonWorld } from './addon-world.ts';

const ROWS = 5000;
let w: AddonWorld;
let pusher: AddonSession;

/** Mondays from 2026-01-05 on, so every row is a distinct valid activity. */
function monday(i: number): string {
  return new Date(Date.UTC(2026, 0, 5) + 7 * 86_400_000 * (i % 520)).toISOString().slice(0, 10);
}

beforeAll(async () => {
  w = await startAddonWorld();
  pusher = w.open('canterbury');
  w.configure(pusher);
  const sheet = pusher.spreadsheet.tab('Activities');
  sheet.insertRowsAfter(sheet.getMaxRows(), ROWS + 1 - sheet.getMaxRows());
  for (let i = 0; i < ROWS; i++) {
    sheet.typeRow(i + 2, [
      '',
      '',
      w.seeded.adviserId,
      'christchurch-city',
      monday(i),
      'planning',
      (i % 40) + 0.5,
    ]);
  }
}, 120_000);
afterAll(() => w?.close());

describe('request budget (targets: 5,000 changed rows in one execution, at most 12 requests)', () => {
  it('should preview 5,000 new rows in one execution of at most 12 requests', () => {
    // Prepare
    const before = pusher.requests;

    // Act
    const preview = pusher.call<{ counts: { new: number; errors: number } }>('previewPush');

    // Assess
    expect(preview.counts).toMatchObject({ new: ROWS, errors: 0 });
    expect(pusher.requests - before).toBeLessThanOrEqual(12);
  }, 120_000);

  it('should push 5,000 rows in one execution of at most 12 requests and a fixed number of range calls', () => {
    // Prepare
    const before = pusher.requests;
    pusher.spreadsheet.log.reset();

    // Act
    const pushed = pusher.call<{ counts: { new: number }; complete: boolean }>('confirmPush');

    // Assess
    expect(pushed).toMatchObject({ complete: true, counts: { new: ROWS } });
    const sent = pusher.fetch.sent.slice(before);
    expect(sent.length).toBeLessThanOrEqual(12);
    expect(sent.every((r) => r.method === 'POST' && r.url.includes('/v1/sync/activities?dryRun=false'))).toBe(
      true,
    );
    const calls = pusher.spreadsheet.log.breakdown('Activities');
    // One read of each kind (and of the column tags), the same again once the server has answered
    // (people may have typed meanwhile), then values, notes and highlights written once per run of
    // owned columns.
    expect(calls).toEqual({
      'read getValues': 2,
      'read getFormulas': 2,
      'read getNotes': 2,
      'read getBackgrounds': 2,
      'structure findDeveloperMetadata': 2,
      'write setValues': 1,
      'write setNotes': 1,
      'write setBackgrounds': 1,
    });
    const sheet = pusher.spreadsheet.tab('Activities');
    expect(sheet.at(ROWS + 1, 'Sync status').value).toBe('created (v1)');
  }, 300_000);

  it('should send no request when pushing again with nothing changed', () => {
    // Prepare
    const before = pusher.requests;

    // Act
    const again = pusher.call<{ nothingToPush: boolean }>('confirmPush');

    // Assess
    expect(again.nothingToPush).toBe(true);
    expect(pusher.requests).toBe(before);
  });

  it('should pull the 5,000 rows into another spreadsheet with a fixed number of range calls', () => {
    // Prepare
    const puller = w.open('canterbury');
    w.configure(puller);
    puller.spreadsheet.log.reset();

    // Act
    const pulled = puller.call<{ summary: string; requests: number }>('pullNow');

    // Assess
    expect(pulled.summary).toBe(`Activities: ${ROWS} added`);
    expect(pulled.requests).toBeLessThanOrEqual(Math.ceil(ROWS / 500) + 1);
    expect(puller.spreadsheet.log.rangeCalls('Activities')).toBeLessThanOrEqual(10);
    expect(puller.spreadsheet.log.breakdown('Activities')).toMatchObject({
      'write setValues': 1,
      'write copyTo': 1,
    });
  }, 120_000);
});
