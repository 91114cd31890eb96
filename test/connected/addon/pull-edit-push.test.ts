import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddonSession } from '../../support/addon/addon-runtime.ts';
import type { FakeSheet } from '../../support/addon/spreadsheet.ts';
import { post } from '../../support/factories.ts';
import { type AddonWorld, activityValues, startAddonWorld } from './addon-world.ts';

let w: AddonWorld;
let seededIds: string[];

beforeAll(async () => {
  w = await startAddonWorld();
  seededIds = [];
  for (const [week, hours] of [
    ['2026-11-02', 4],
    ['2026-11-09', 5.25],
    ['2026-11-16', 6.5],
  ] as const) {
    const record = await post(
      w.api,
      w.seeded.tokens.canterbury,
      'activities',
      activityValues(w.seeded.adviserId, { weekStarting: week, hours }),
    );
    seededIds.push(record.id);
  }
}, 120_000);
afterAll(() => w?.close());

function pulledSheet(): { session: AddonSession; sheet: FakeSheet } {
  const session = w.open('canterbury');
  w.configure(session);
  session.call('pullNow');
  return { session, sheet: session.spreadsheet.tab('Activities') };
}

describe('set-up', () => {
  it('should make a tab per record type with headers, dropdowns, checkboxes and warning-only protected system columns', () => {
    // Prepare
    const session = w.open('canterbury');

    // Act
    w.configure(session);

    // Assess
    const sheet = session.spreadsheet.tab('Activities');
    expect(sheet.headers()).toEqual([
      'Id',
      'Sync status',
      'Adviser',
      'Council',
      'Week starting',
      'Kind',
      'Hours',
      'Summary',
      'Project',
      'Non-funded',
      'Version',
      'Last synced values',
    ]);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.peek(2, sheet.column('Kind')).validation).toMatchObject({
      criteria: 'VALUE_IN_LIST',
      values: expect.arrayContaining(['planning']),
    });
    expect(sheet.peek(2, sheet.column('Council')).validation?.criteria).toBe('VALUE_IN_RANGE');
    expect(sheet.peek(2, sheet.column('Week starting')).format).toBe('yyyy-mm-dd');
    expect(sheet.isColumnHiddenByUser(sheet.column('Last synced values'))).toBe(true);
    expect(sheet.isProtected(sheet.column('Id'))).toBe(true);
    expect(sheet.isProtected(sheet.column('Project'))).toBe(true);
    expect(sheet.isProtected(sheet.column('Hours'))).toBe(false);
    expect(sheet.protections.every((p) => p.isWarningOnly())).toBe(true);
    expect(sheet.at(1, 'Hours').note).toContain('Hours spent that week');
    const lists = session.spreadsheet.tab('Lists');
    expect(lists.headers()).toContain('council ids');
    expect(lists.at(lists.rowWhere('council ids', 'christchurch-city'), 'council names').value).toBe(
      'Christchurch City',
    );
  });
});

describe('pull', () => {
  it('should pull the region into rows matched by id, with exact dates and numbers', () => {
    // Prepare
    const session = w.open('canterbury');
    w.configure(session);

    // Act
    const report = session.call<{ summary: string }>('pullNow');

    // Assess
    const sheet = session.spreadsheet.tab('Activities');
    expect(report.summary).toBe('Activities: 3 added');
    const row = sheet.rowWhere('Id', seededIds[1]);
    expect(sheet.at(row, 'Hours').value).toBe(5.25);
    expect(sheet.at(row, 'Week starting').value).toBeInstanceOf(Date);
    expect(sheet.at(row, 'Sync status').value).toBe('pulled (v1)');
    expect(sheet.at(row, 'Project').value).toBe('MTFJ Christchurch');
    expect(sheet.at(row, 'Non-funded').value).toBe(true);
  });

  it('should skip versions it already has when pull windows overlap, writing nothing', () => {
    // Prepare
    const { session } = pulledSheet();
    session.spreadsheet.log.reset();

    // Act
    const report = session.call<{ summary: string }>('pullNow');

    // Assess
    expect(report.summary).toBe('Activities: up to date');
    expect(session.spreadsheet.log.breakdown('Activities')).toEqual({
      'read getValues': 1,
      'read getFormulas': 1,
      'read getNotes': 1,
      'read getBackgrounds': 1,
      'structure findDeveloperMetadata': 1,
    });
  });
});

describe('push', () => {
  it("should preview new and edited rows, then push them and show each row's outcome", async () => {
    // Prepare
    const { session, sheet } = pulledSheet();
    const edited = sheet.rowWhere('Id', seededIds[0]);
    sheet.type(edited, sheet.column('Hours'), 7.75);
    const added = sheet.getLastRow() + 1;
    sheet.type(added, sheet.column('Adviser'), w.seeded.adviserId);
    sheet.type(added, sheet.column('Council'), 'christchurch-city');
    sheet.type(added, sheet.column('Week starting'), '2026-11-23');
    sheet.type(added, sheet.column('Kind'), 'Liaison');
    sheet.type(added, sheet.column('Hours'), 2);

    // Act
    const preview = session.call<{ counts: Record<string, number> }>('previewPush');
    const statusesAfterPreview = [
      sheet.at(edited, 'Sync status').value,
      sheet.at(added, 'Sync status').value,
    ];
    const pushed = session.call<{ counts: Record<string, number> }>('confirmPush');

    // Assess
    expect(preview.counts).toMatchObject({ new: 1, changed: 1, errors: 0 });
    expect(statusesAfterPreview).toEqual(['ready to push: changed', 'ready to push: new']);
    expect(pushed.counts).toMatchObject({ new: 1, changed: 1 });
    expect(sheet.at(edited, 'Sync status').value).toBe('updated (v2)');
    expect(sheet.at(added, 'Sync status').value).toBe('created (v1)');
    const newId = String(sheet.at(added, 'Id').value);
    expect(newId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sheet.at(added, 'Project').value).toBe('MTFJ Christchurch');
    const stored = await w.api.request('GET', `/v1/activities/${newId}`, { token: w.seeded.tokens.national });
    expect(stored.body.values).toMatchObject({ weekStarting: '2026-11-23', kind: 'liaison', hours: 2 });
    const updated = await w.api.request('GET', `/v1/activities/${seededIds[0]}`, {
      token: w.seeded.tokens.national,
    });
    expect(updated.body).toMatchObject({ version: 2, values: { hours: 7.75, weekStarting: '2026-11-02' } });
  });

  it('should send no request at all when nothing changed', () => {
    // Prepare
    const { session } = pulledSheet();
    const before = session.requests;

    // Act
    const report = session.call<{ nothingToPush: boolean }>('confirmPush');

    // Assess
    expect(report.nothingToPush).toBe(true);
    expect(session.requests).toBe(before);
  });
});

describe('menu and row actions', () => {
  it('should add the Partnership Records menu when the spreadsheet opens', () => {
    // Prepare
    const session = w.open('canterbury');

    // Act
    session.call('onOpen', { authMode: 'NONE' });

    // Assess
    const [menu] = session.ui.menus;
    expect(menu!.items!.map((i) => i.caption)).toEqual([
      'Open sidebar',
      '---',
      'Set up / repair tabs',
      'Use one of your own tabs…',
      'Pull changes',
      'Push changes…',
      'Push selected rows…',
      'Resolve conflicts',
      'Delete selected records…',
      'Undo last push…',
      '---',
      'Weekly report…',
      'Preview LEC digest…',
      'Settings',
    ]);
    expect(
      menu!.items!.find((i) => i.caption === 'Resolve conflicts')!.items!.map((i) => i.functionName),
    ).toEqual(['menuKeepMine', 'menuTakeTheirs']);
  });

  it('should push only the selected rows, after a preview in the sidebar', async () => {
    // Prepare
    const { session, sheet } = pulledSheet();
    const [a, b] = [sheet.rowWhere('Id', seededIds[1]), sheet.rowWhere('Id', seededIds[2])];
    sheet.type(a, sheet.column('Summary'), 'selected');
    sheet.type(b, sheet.column('Summary'), 'not selected');
    session.spreadsheet.selectRows('Activities', [a]);

    // Act
    session.call('menuPushSelected');
    const { pending } = session.call<{ pending: { kind: string; scope: unknown } }>('getSidebarState');
    const preview = session.call<{ counts: { changed: number } }>('previewPush', pending.scope);
    const pushed = session.call<{ counts: { changed: number } }>('confirmPush', pending.scope);

    // Assess
    expect(session.ui.sidebars.map((s) => s.title)).toEqual(['Partnership Records']);
    expect(pending).toEqual({ kind: 'preview', scope: { type: 'activity', rows: [a - 2] } });
    expect([preview.counts.changed, pushed.counts.changed]).toEqual([1, 1]);
    expect(sheet.at(b, 'Sync status').value).toBe('pulled (v1)');
    const stored = await w.api.request('GET', `/v1/activities/${seededIds[2]}`, {
      token: w.seeded.tokens.national,
    });
    expect(stored.body.values.summary).toBeUndefined();
  });

  it("should delete the selected rows' records after confirming, keep the rows greyed and log the run", async () => {
    // Prepare
    const { id } = await post(
      w.api,
      w.seeded.tokens.canterbury,
      'activities',
      activityValues(w.seeded.adviserId, { summary: 'duplicate entry' }),
    );
    const { session, sheet } = pulledSheet();
    const row = sheet.rowWhere('Id', id);
    session.spreadsheet.selectRows('Activities', [row]);

    // Act
    session.call('menuDeleteSelected');

    // Assess
    expect(session.ui.alerts.at(-1)).toBe('Delete: 1 deleted');
    expect(sheet.at(row, 'Sync status').value).toBe('deleted on the server by cant@ceg.example.nz');
    expect(
      (await w.api.request('GET', `/v1/activities/${id}`, { token: w.seeded.tokens.national })).status,
    ).toBe(410);
    const log = session.spreadsheet.tab('Sync log');
    expect([log.at(2, 'Action').value, log.at(2, 'Result').value, log.at(2, 'Who').value]).toEqual([
      'delete selected records',
      'ok',
      'cant@ceg.example.nz',
    ]);
    expect(log.at(3, 'Action').value).toBe('pull');
  });
});

describe('action owners in the sheet', () => {
  it('should warn in the owner column when a cell is not an email address, and keep the owner in words', () => {
    // Prepare
    const session = w.open('canterbury');

    // Act
    w.configure(session, ['action']);

    // Assess
    const sheet = session.spreadsheet.tab('Actions');
    expect(sheet.headers()).toEqual(expect.arrayContaining(['Owner (as written)', 'Owner']));
    expect(sheet.peek(2, sheet.column('Owner')).validation).toMatchObject({
      criteria: 'TEXT_IS_VALID_EMAIL',
      allowInvalid: true,
    });
  });
});

describe('reminder settings in the sidebar', () => {
  it("should show and save the signed-in person's reminder settings on the server", () => {
    // Prepare
    const session = w.open('canterbury');
    w.configure(session);

    // Act
    const shown = session.call('getReminderSettings') as {
      email: string;
      kinds: { kind: string; cadence: string }[];
    };

    // Assess
    expect(shown.email).toBe('cant@ceg.example.nz');
    expect(shown.kinds.map((k) => k.kind)).toEqual([
      'actions',
      'agreement-reviews',
      'sign-offs',
      'weekly-activities',
      'quarterly-report',
    ]);

    // Act: save two changes.
    const saved = session.call('saveReminderSettings', {
      actions: 'weekly',
      'sign-offs': 'off',
    }) as typeof shown;

    // Assess: saved on the server, as a fresh read shows.
    expect(saved.kinds.find((k) => k.kind === 'actions')!.cadence).toBe('weekly');
    const again = session.call('getReminderSettings') as typeof shown;
    expect(again.kinds.find((k) => k.kind === 'sign-offs')!.cadence).toBe('off');

    // Act: save a cadence that does not exist.
    const saving = () => session.call('saveReminderSettings', { actions: 'hourly' });

    // Assess
    expect(saving).toThrow(/expected one of: daily, weekly, off/);
  });
});

describe('weekly report', () => {
  it("should pull a region's weekly report into a tab of its own, and replace it when pulled again", () => {
    // Prepare
    const session = w.open('canterbury');
    w.configure(session);

    // Act
    const first = session.call('weeklyReportTab', { who: '', week: '2026-11-16' }) as {
      tab: string;
      summary: string;
    };
    session.call('weeklyReportTab', { who: 'region canterbury', week: '2026-11-16' });

    // Assess
    expect(first.tab).toBe('Weekly report Canterbury 2026-11-16');
    expect(first.summary).toContain('the week starting 2026-11-16');
    const values = session.spreadsheet.tab(first.tab).getDataRange().getValues();
    expect(values[0]![0]).toBe('Weekly report: Canterbury, week 2026-11-16 to 2026-11-22');
    expect(values[1]![0]).toBe('1 activity, 6.5 hours');
    expect(values[2]).toEqual(['Adviser', 'Project', 'Funding', 'Council', 'Kind', 'Hours', 'Summary']);
    expect(values[3]!.slice(0, 6)).toEqual([
      'Aroha Adviser',
      'MTFJ Christchurch',
      'Non-funded',
      'Christchurch City',
      'planning',
      6.5,
    ]);
    expect(values[4]!.slice(0, 6)).toEqual(['Aroha Adviser: total', '', '', '', '', 6.5]);
    expect(values.findIndex((r) => r[0] === 'Hours per project')).toBeGreaterThan(4);
  });

  it("should say how to name the week when it is not a Monday's date", () => {
    // Prepare
    const session = w.open('canterbury');
    w.configure(session);

    // Act
    const pulling = () => session.call('weeklyReportTab', { who: 'canterbury', week: 'next Monday' });

    // Assess
    expect(pulling).toThrow('Give the week as the date of its Monday, like 2026-11-16, not "next Monday"');
  });

  it("should read an adviser's name and a day/month/year week from the prompt, and keep a team's columns beside the report", () => {
    // Prepare: the team keeps a column of their own at the right of the report's
    const session = w.open('canterbury');
    w.configure(session);
    session.ui.prompts.push('adviser Aroha Adviser 16/11/2026');
    session.call('menuWeeklyReport');
    const tab = session.spreadsheet.tab('Weekly report Aroha Adviser 2026-11-16');
    tab.type(4, 9, 'checked by Mere');
    session.ui.prompts.push('adviser Aroha Adviser 16/11/2026');

    // Act
    session.call('menuWeeklyReport');

    // Assess
    expect(session.ui.alerts.at(-1)).toContain('the week starting 2026-11-16');
    expect(tab.peek(1, 1).value).toBe('Weekly report: Aroha Adviser, week 2026-11-16 to 2026-11-22');
    expect(tab.peek(4, 9).value).toBe('checked by Mere');
  });
});
