import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddonSession } from '../../support/addon/addon-runtime.ts';
import type { FakeSheet } from '../../support/addon/spreadsheet.ts';
import { post } from '../../support/factories.ts';
import { type AddonWorld, activityValues, startAddonWorld } from './addon-world.ts';

let w: AddonWorld;

beforeAll(async () => {
  w = await startAddonWorld();
}, 120_000);
afterAll(() => w?.close());

/** Two people, each with their own spreadsheet, both pulled up to date with one record. */
async function twoPeopleOnOneRecord() {
  const record = await post(
    w.api,
    w.seeded.tokens.canterbury,
    'activities',
    activityValues(w.seeded.adviserId, { hours: 4, summary: 'Planning day' }),
  );
  const people = (['canterbury', 'adviser'] as const).map((who) => {
    const session = w.open(who);
    w.configure(session);
    session.call('pullNow');
    const sheet = session.spreadsheet.tab('Activities');
    return { session, sheet, row: sheet.rowWhere('Id', record.id) };
  }) as [Person, Person];
  return { id: record.id as string, alice: people[0], bob: people[1] };
}

interface Person {
  session: AddonSession;
  sheet: FakeSheet;
  row: number;
}

async function stored(id: string) {
  return (await w.api.request('GET', `/v1/activities/${id}`, { token: w.seeded.tokens.national })).body;
}

async function history(id: string) {
  return (await w.api.request('GET', `/v1/activities/${id}/history`, { token: w.seeded.tokens.national }))
    .body.items as { version: number; record: { values: Record<string, unknown> } }[];
}

describe('two people editing the same record', () => {
  it("should give the later push a conflict with the server's values on the cell, and keep mine should win with nothing lost", async () => {
    // Prepare
    const { id, alice, bob } = await twoPeopleOnOneRecord();
    alice.sheet.type(alice.row, alice.sheet.column('Hours'), 8);
    alice.session.call('confirmPush');
    bob.sheet.type(bob.row, bob.sheet.column('Summary'), 'Planning day with the youth council');

    // Act
    const push = bob.session.call<{ counts: { conflicts: number } }>('confirmPush');
    const hoursNote = bob.sheet.at(bob.row, 'Hours').note;
    const conflicts = bob.session.spreadsheet.tab('Conflicts');
    const listed = bob.session.call<{ conflicts: { id: string; differs: string }[] }>(
      'getSidebarState',
    ).conflicts;
    const kept = bob.session.call<{ summary: string }>('resolveConflict', 'mine', 'activity', id);

    // Assess
    expect(push.counts.conflicts).toBe(1);
    expect(bob.sheet.at(bob.row, 'Sync status').value).toBe('updated (v3)');
    expect(hoursNote).toContain('the server now has 8 (changed by cant@ceg.example.nz');
    expect(hoursNote).toContain('Yours: 4');
    expect(listed).toEqual([
      {
        type: 'activity',
        label: 'Activities',
        id,
        differs:
          'Hours: yours 4, theirs 8; Summary: yours "Planning day with the youth council", theirs "Planning day"',
      },
    ]);
    expect(kept.summary).toBe('Kept mine: 1 changed');
    expect(await stored(id)).toMatchObject({
      version: 3,
      values: { hours: 4, summary: 'Planning day with the youth council' },
    });
    expect((await history(id)).map((e) => e.record.values.hours)).toEqual([4, 8, 4]);
    expect(conflicts.at(2, 'Resolution').value).toMatch(/^kept mine at .* by aroha@ceg\.example\.nz/);
    expect(conflicts.at(2, 'What differs').value).toContain('theirs 8');
    expect(bob.sheet.at(bob.row, 'Hours').note).toBe('');
  });

  it("should show the server's record when taking theirs, with my values kept in the Conflicts tab", async () => {
    // Prepare
    const { id, alice, bob } = await twoPeopleOnOneRecord();
    alice.sheet.type(alice.row, alice.sheet.column('Kind'), 'liaison');
    alice.session.call('confirmPush');
    bob.sheet.type(bob.row, bob.sheet.column('Kind'), 'advice');
    bob.session.call('confirmPush');
    bob.session.spreadsheet.selectRows('Activities', [bob.row]);

    // Act
    bob.session.call('menuTakeTheirs');

    // Assess
    expect(bob.session.ui.alerts.at(-2)).toBe(
      "Take theirs for 1 activity (Christchurch City: 1)? Your rows show the server's values; yours stay in the Conflicts tab.",
    );
    expect(bob.session.ui.alerts.at(-1)).toBe('Took theirs for 1 row(s)');
    expect(bob.sheet.at(bob.row, 'Kind').value).toBe('liaison');
    expect(bob.sheet.at(bob.row, 'Version').value).toBe(2);
    expect(bob.sheet.at(bob.row, 'Sync status').value).toBe('took theirs (v2)');
    const conflicts = bob.session.spreadsheet.tab('Conflicts');
    expect(conflicts.at(2, 'What differs').value).toBe('Kind: yours "advice", theirs "liaison"');
    expect(conflicts.at(2, 'Resolution').value).toMatch(/^took theirs/);
    expect(await stored(id)).toMatchObject({ version: 2, values: { kind: 'liaison' } });
    expect(bob.session.call<{ nothingToPush: boolean }>('confirmPush').nothingToPush).toBe(true);
  });

  it('should say how many records of which council "Keep mine" sends, leave hidden rows out, and do nothing when cancelled', async () => {
    // Prepare: two records in conflict in Bob's sheet; he hides one row by hand and selects both
    const records = await Promise.all(
      ['Planning day', 'Liaison visit'].map((summary) =>
        post(
          w.api,
          w.seeded.tokens.canterbury,
          'activities',
          activityValues(w.seeded.adviserId, { hours: 4, summary }),
        ),
      ),
    );
    const [alice, bob] = (['canterbury', 'adviser'] as const).map((who) => {
      const session = w.open(who);
      w.configure(session);
      session.call('pullNow');
      const sheet = session.spreadsheet.tab('Activities');
      return { session, sheet, rows: records.map((r) => sheet.rowWhere('Id', r.id)) };
    }) as [
      { session: AddonSession; sheet: FakeSheet; rows: number[] },
      { session: AddonSession; sheet: FakeSheet; rows: number[] },
    ];
    for (const row of alice.rows) alice.sheet.type(row, alice.sheet.column('Hours'), 8);
    alice.session.call('confirmPush');
    for (const row of bob.rows) bob.sheet.type(row, bob.sheet.column('Hours'), 2);
    expect(bob.session.call<{ counts: { conflicts: number } }>('confirmPush').counts.conflicts).toBe(2);
    bob.sheet.hideRowsByUser([bob.rows[1]!]);
    bob.session.spreadsheet.selectRows('Activities', bob.rows);

    // Act
    bob.session.ui.answer = 'CANCEL';
    bob.session.call('menuKeepMine');
    const afterCancel = await Promise.all(records.map((r) => stored(r.id)));
    bob.session.ui.answer = 'OK';
    bob.session.call('menuKeepMine');

    // Assess
    const [cancelledQuestion, cancelled, question, outcome] = bob.session.ui.alerts.slice(-4);
    const expected =
      "Keep mine for 1 activity (Christchurch City: 1)? Your values are sent over the server's; theirs stay in the Conflicts tab. 1 selected row is hidden (by a filter or by hand) and left out.";
    expect(cancelledQuestion).toBe(expected);
    expect(cancelled).toBe('Nothing was changed.');
    expect(afterCancel.map((r) => r.values.hours)).toEqual([8, 8]);
    expect(question).toBe(expected);
    expect(outcome).toBe('Kept mine: 1 changed');
    expect((await Promise.all(records.map((r) => stored(r.id)))).map((r) => r.values.hours)).toEqual([2, 8]);
  });

  it('should keep unpushed edits when a pull brings a newer version, and let the push decide', async () => {
    // Prepare
    const { alice, bob } = await twoPeopleOnOneRecord();
    alice.sheet.type(alice.row, alice.sheet.column('Hours'), 2);
    alice.session.call('confirmPush');
    bob.sheet.type(bob.row, bob.sheet.column('Hours'), 3);

    // Act
    bob.session.call('pullNow');

    // Assess
    expect(bob.sheet.at(bob.row, 'Hours').value).toBe(3);
    expect(bob.sheet.at(bob.row, 'Sync status').value).toBe(
      'newer on the server (v2 by cant@ceg.example.nz); your edits are kept, push to compare',
    );
  });
});

describe('recovery', () => {
  it('should not duplicate anything when a push is retried after its response was lost', async () => {
    // Prepare
    const session = w.open('canterbury');
    w.configure(session);
    const sheet = session.spreadsheet.tab('Activities');
    for (let i = 0; i < 3; i++) {
      sheet.typeRow(i + 2, ['', '', w.seeded.adviserId, 'christchurch-city', '2026-12-07', 'advice', i + 1]);
    }
    session.call('previewPush');
    session.fetch.loseResponse = (request) => request.method === 'POST';

    // Act
    const lost = session.call<{ complete: boolean; summary: string }>('confirmPush');
    const statusAfterTimeout = sheet.at(2, 'Sync status').value;
    session.fetch.loseResponse = undefined;
    // Pushing again starts with its preview, which already finds the three records saved.
    const retried = session.call<{ counts: { new: number; unchanged: number } }>('previewPush');
    const again = session.call<{ nothingToPush: boolean }>('confirmPush');

    // Assess
    expect(lost.complete).toBe(false);
    expect(lost.summary).toContain('Timeout');
    expect(statusAfterTimeout).toBe('not confirmed, push again');
    expect(retried.counts).toMatchObject({ new: 0, unchanged: 3 });
    expect(again.nothingToPush).toBe(true);
    const ids = [2, 3, 4].map((row) => String(sheet.at(row, 'Id').value));
    for (const id of ids) {
      expect((await history(id)).map((e) => e.version)).toEqual([1]);
      expect(sheet.at(sheet.rowWhere('Id', id), 'Version').value).toBe(1);
    }
    const list = await w.api.request('GET', '/v1/activities?region=canterbury&limit=500', {
      token: w.seeded.tokens.national,
    });
    expect(
      list.body.items.filter(
        (r: { values: { weekStarting: string } }) => r.values.weekStarting === '2026-12-07',
      ),
    ).toHaveLength(3);
  });

  it('should undo the last push: created records deleted, changed ones given their old values back', async () => {
    // Prepare
    const existing = await post(
      w.api,
      w.seeded.tokens.canterbury,
      'activities',
      activityValues(w.seeded.adviserId, { hours: 5 }),
    );
    const session = w.open('canterbury');
    w.configure(session);
    session.call('pullNow');
    const sheet = session.spreadsheet.tab('Activities');
    sheet.type(sheet.rowWhere('Id', existing.id), sheet.column('Hours'), 11);
    const added = sheet.getLastRow() + 1;
    sheet.typeRow(added, ['', '', w.seeded.adviserId, 'christchurch-city', '2026-12-14', 'advice', 1]);
    session.call('confirmPush');
    const createdId = String(sheet.at(added, 'Id').value);

    // Act
    const question = session.call<string>('undoQuestion');
    const undone = session.call<{ summary: string }>('undoPush');

    // Assess
    expect(question).toMatch(
      /^Undo the push of \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} by cant@ceg\.example\.nz\? 1 changed record gets its previous values back and 1 created record is deleted\.$/,
    );
    expect(undone.summary).toMatch(/^Undid the push of .*: 1 changed, 1 deleted$/);
    expect(await stored(existing.id)).toMatchObject({ version: 3, values: { hours: 5 } });
    expect(
      (await w.api.request('GET', `/v1/activities/${createdId}`, { token: w.seeded.tokens.national })).status,
    ).toBe(410);
    expect(sheet.at(sheet.rowWhere('Id', existing.id), 'Hours').value).toBe(5);
    expect(sheet.at(added, 'Sync status').value).toBe('deleted on the server by cant@ceg.example.nz');

    // Act: undo again.
    const undoingAgain = () => session.call('undoPush');

    // Assess: there is one undo per push.
    expect(undoingAgain).toThrow('There is no push to undo');
  });
});
