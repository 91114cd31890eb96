import { describe, expect, it } from 'vitest';
import type { PushRow } from '../../../sheets-addon/src/sheet/catalogue.ts';
import { absorbWrites, type TabSnapshot } from '../../../sheets-addon/src/sheet/tab-writes.ts';
import type { HttpRequest } from '../../../sheets-addon/src/sync/api-client.ts';
import type { Environment, TablePort, Workbook } from '../../../sheets-addon/src/sync/ports.ts';
import { runPush } from '../../../sheets-addon/src/sync/push-run.ts';
import { DocumentState, type KeyValueStore } from '../../../sheets-addon/src/sync/settings.ts';
import { readDate, recordOf, tabOf, typeOf } from './fixtures.ts';

/**
 * The push run against in-memory ports: a server that accepts every row, and a clock the test
 * moves on, to show what happens at Apps Script's time limit.
 */

const type = typeOf('activity');

function memoryTable(): TablePort {
  let rows: unknown[][] = [];
  return {
    read: () => rows.map((r) => [...r]),
    write: (next) => {
      rows = next;
    },
  };
}

function world(rowCount: number) {
  const { snapshot, map } = tabOf(
    type,
    Array.from({ length: rowCount }, (_, i) => ({
      Adviser: 'adv-1',
      Council: 'christchurch-city',
      'Week starting': '2026-11-16',
      Kind: 'advice',
      Hours: i % 10,
    })),
  );
  const stored: TabSnapshot = snapshot;
  const copy = (): TabSnapshot => JSON.parse(JSON.stringify(stored)) as TabSnapshot;
  const workbook: Workbook = {
    tab: () => ({
      name: 'Activities',
      read: () => ({ snapshot: copy(), map }),
      write: (plan) => absorbWrites(stored, plan),
    }),
    selection: () => undefined,
    log: memoryTable(),
    conflicts: memoryTable(),
    undo: memoryTable(),
    referenceLists: () => new Map(),
    flush: () => {},
  };
  const properties = new Map<string, string>();
  const store: KeyValueStore = {
    get: (k) => properties.get(k) ?? null,
    set: (k, v) => void properties.set(k, v),
    delete: (k) => void properties.delete(k),
  };
  const state = new DocumentState(store);
  state.saveSettings({
    apiUrl: 'https://records.example.nz',
    regionId: 'canterbury',
    types: ['activity'],
    hourlyPull: false,
  });
  state.saveType(type);
  const clock = { ms: Date.UTC(2026, 10, 23), stepMs: 0 };
  const sent: HttpRequest[] = [];
  const env: Environment = {
    http: {
      fetchAll(requests) {
        sent.push(...requests);
        clock.ms += clock.stepMs;
        return requests.map((request) => {
          const { rows } = JSON.parse(request.payload!) as { rows: PushRow[] };
          const outcomes = rows.map((row, index) => {
            const record = recordOf(
              'activity',
              { ...row.values, projectName: 'MTFJ Christchurch', nonFunded: true },
              { id: row.id! },
            );
            return { index, id: row.id, status: 'created', version: 1, record };
          });
          return { status: 200, body: JSON.stringify({ dryRun: false, rows: outcomes }) };
        });
      },
    },
    documentStore: store,
    token: () => 'token',
    user: () => 'cant@ceg.example.nz',
    uuid: () => crypto.randomUUID(),
    now: () => new Date(clock.ms),
    formatTime: (d) => d.toISOString(),
    readDate,
    withLock: (work) => work(),
    timeBudgetMs: 270_000,
    writeDeadlineMs: 320_000,
  };
  return { env, workbook, stored, map, clock, sent };
}

/** "Push now" after its preview: the push sends the plan the preview showed. */
function previewed(w: ReturnType<typeof world>): string {
  const stepMs = w.clock.stepMs;
  w.clock.stepMs = 0;
  const { planToken } = runPush(w.env, w.workbook, { dryRun: true });
  w.clock.stepMs = stepMs;
  return planToken!;
}

describe('the push run', () => {
  it('should stop before the time limit, say how far it got, and send only the rest next time', () => {
    // Prepare
    const w = world(5_200);
    w.clock.stepMs = 300_000;
    const plan = previewed(w);
    const sentBefore = w.sent.length;

    // Act
    const first = runPush(w.env, w.workbook, { dryRun: false, planToken: plan });
    const requestsInFirst = w.sent.length - sentBefore;
    const second = runPush(w.env, w.workbook, { dryRun: false, planToken: previewed(w) });

    // Assess
    expect(first.complete).toBe(false);
    expect(first.summary).toBe(
      "Activities: 5000 new. Not finished: stopped before Apps Script's time limit after 5000 of 5200 rows; run it again to send the rest",
    );
    expect(requestsInFirst).toBe(10);
    expect(second).toMatchObject({ complete: true, counts: { new: 200 } });
    expect(w.sent.length - sentBefore - requestsInFirst).toBe(2);
    expect(w.stored.rows.every((r) => r[w.map.system.status!] === 'created (v1)')).toBe(true);
  });

  it('should send nothing without a preview, and nothing when the sheet changed since the preview', () => {
    // Prepare
    const w = world(3);
    const plan = previewed(w);
    const sentBefore = w.sent.length;
    w.stored.rows[1]![w.map.fields.find((f) => f.field.name === 'hours')!.index] = 12;

    // Act
    const unseen = () => runPush(w.env, w.workbook, { dryRun: false });
    const stale = runPush(w.env, w.workbook, { dryRun: false, planToken: plan });

    // Assess
    expect(unseen).toThrow('Preview the push first');
    expect(stale).toMatchObject({ stale: true, counts: { new: 0 } });
    expect(stale.summary).toContain('The sheet changed since the preview');
    expect(w.sent.length).toBe(sentBefore);
  });

  it('should list each record the preview will send, field by field', () => {
    // Prepare
    const w = world(1);

    // Act
    const preview = runPush(w.env, w.workbook, { dryRun: true });

    // Assess
    expect(preview.changes).toEqual([expect.objectContaining({ tab: 'Activities', row: 2, kind: 'new' })]);
    expect(preview.changes[0]!.fields).toContainEqual({ field: 'kind', title: 'Kind', to: '"advice"' });
  });

  it('should leave the progress cleared and one line per run in the sync log', () => {
    // Prepare
    const w = world(3);

    // Act
    runPush(w.env, w.workbook, { dryRun: false, planToken: previewed(w) });

    // Assess
    expect(new DocumentState(w.env.documentStore).progress()).toBeUndefined();
    expect(w.workbook.log.read().map((r) => [r[2], r[3], r[4]])).toEqual([
      ['push', 'ok', 'Activities: 3 new'],
      ['push preview', 'ok', 'Activities: 3 new'],
    ]);
  });
});
