import { describe, expect, it } from 'vitest';
import type { ApiRecord, TypeDescription } from '../../../sheets-addon/src/sheet/catalogue.ts';
import { absorbWrites, type TabSnapshot } from '../../../sheets-addon/src/sheet/tab-writes.ts';
import type { HttpRequest } from '../../../sheets-addon/src/sync/api-client.ts';
import type { Environment, TablePort, TabPort, Workbook } from '../../../sheets-addon/src/sync/ports.ts';
import { runPull } from '../../../sheets-addon/src/sync/pull-run.ts';
import { DocumentState, type KeyValueStore } from '../../../sheets-addon/src/sync/settings.ts';
import { activity, readDate, recordOf, tabOf, typeOf } from './fixtures.ts';

/**
 * The pull run against in-memory ports: a server with pages of records, and a clock the test
 * moves on at each request, to show what a long first pull does at Apps Script's time limit:
 * it stops in time to write its Sync log line, whatever it managed to write before.
 */

const types = [typeOf('activity'), typeOf('need')];

function memoryTable(): TablePort {
  let rows: unknown[][] = [];
  return {
    read: () => rows.map((r) => [...r]),
    write: (next) => {
      rows = next;
    },
  };
}

function world(recordsPerType: number) {
  const tabs = new Map<string, { stored: TabSnapshot; port: TabPort }>();
  for (const type of types) {
    const { snapshot, map } = tabOf(type);
    const stored: TabSnapshot = snapshot;
    tabs.set(type.type, {
      stored,
      port: {
        name: type.pluralLabel,
        read: () => ({ snapshot: JSON.parse(JSON.stringify(stored)) as TabSnapshot, map }),
        write: (plan) => absorbWrites(stored, plan),
      },
    });
  }
  const server = new Map<string, ApiRecord[]>(
    types.map((type) => [
      type.path,
      Array.from({ length: recordsPerType }, () =>
        recordOf(type.type, type.type === 'activity' ? activity : { councilId: 'christchurch-city' }),
      ),
    ]),
  );
  const workbook: Workbook = {
    tab: (type: TypeDescription) => tabs.get(type.type)?.port,
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
    types: types.map((t) => t.type),
    hourlyPull: false,
  });
  for (const type of types) state.saveType(type);
  const clock = { ms: Date.UTC(2026, 10, 23), stepMs: 0 };
  const sent: HttpRequest[] = [];
  const env: Environment = {
    http: {
      fetchAll(requests) {
        sent.push(...requests);
        clock.ms += clock.stepMs;
        return requests.map((request) => {
          // /v1/sync/{path}?limit=500&region=…&since=<offset>: the cursor is the offset read.
          const url = new URL(request.url);
          const records = server.get(url.pathname.split('/').pop()!)!;
          const from = Number(url.searchParams.get('since') ?? 0);
          const limit = Number(url.searchParams.get('limit'));
          const items = records.slice(from, from + limit);
          const next = from + items.length;
          return {
            status: 200,
            body: JSON.stringify({ items, more: next < records.length, cursor: String(next) }),
          };
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
  const rowsOf = (type: string) => tabs.get(type)!.stored.rows.length;
  const logLines = () => workbook.log.read().map((r) => [r[2], r[3], r[4]]);
  return { env, workbook, clock, sent, state, rowsOf, logLines };
}

describe('the pull run at the time limit', () => {
  it('should write what it read, leave the next tab for the next pull, and log the run', () => {
    // Prepare: each page takes 100 s, so the budget ends after the third page of the first tab
    const w = world(2_000);
    w.clock.stepMs = 100_000;

    // Act
    const first = runPull(w.env, w.workbook);
    const rowsAfterFirst = w.rowsOf('activity');
    w.clock.stepMs = 0;
    const second = runPull(w.env, w.workbook);

    // Assess
    expect(first.complete).toBe(false);
    expect(rowsAfterFirst).toBe(1_500);
    expect(w.rowsOf('need')).toBe(2_000);
    expect(first.summary).toBe(
      "Activities: 1500 added (more to come: pull again). Needs: not pulled this time: the run reached Apps Script's time limit first. Pull again to continue",
    );
    expect(second).toMatchObject({ complete: true, summary: 'Activities: 500 added. Needs: 2000 added' });
    expect(w.rowsOf('activity')).toBe(2_000);
    expect(w.logLines()).toEqual([
      ['pull', 'ok', second.summary],
      ['pull', 'ok', first.summary],
    ]);
  });

  it('should write no tab once past the write deadline, keep its cursor, and still log the run', () => {
    // Prepare: one page answers after 330 s (a slow API on a first pull), past the write deadline
    const w = world(300);
    w.clock.stepMs = 330_000;

    // Act
    const late = runPull(w.env, w.workbook);
    const requestsLate = w.sent.length;
    w.clock.stepMs = 0;
    const again = runPull(w.env, w.workbook);

    // Assess
    expect(requestsLate).toBe(1);
    expect(late.complete).toBe(false);
    expect(late.summary).toBe(
      "Activities: not pulled this time: the run reached Apps Script's time limit first. Pull again to continue. Needs: not pulled this time: the run reached Apps Script's time limit first. Pull again to continue",
    );
    expect(w.logLines()[1]).toEqual(['pull', 'ok', late.summary]);
    expect(new DocumentState(w.env.documentStore).progress()).toBeUndefined();
    expect(again).toMatchObject({ complete: true, summary: 'Activities: 300 added. Needs: 300 added' });
    expect(w.rowsOf('activity')).toBe(300);
  });
});
