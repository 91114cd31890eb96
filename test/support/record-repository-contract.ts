import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent, ChangeLog, ChangeQuery } from '../../functions/domain/change-events.ts';
import { BadCursorError } from '../../functions/domain/errors.ts';
import type {
  HistoryEntry,
  PendingWrite,
  RecordRepository,
} from '../../functions/domain/record-repository.ts';
import type { StoredRecord } from '../../functions/records/definition.ts';

/**
 * The behaviour every RecordRepository must have, run against each implementation: the
 * in-memory store offline, the DynamoDB store on DynamoDB Local. Each test works in a type of
 * its own, so tests sharing one repository (one table) cannot see each other's records.
 */
export function describeRecordRepositoryContract(
  name: string,
  makeRepository: () => Promise<RecordRepository> | RecordRepository,
  /** The change log reading the same store's change events. */
  changeLogOf: (repository: RecordRepository) => ChangeLog,
): void {
  describe(`${name}: the RecordRepository contract`, () => {
    let repository: RecordRepository;
    let log: ChangeLog;
    beforeAll(async () => {
      repository = await makeRepository();
      log = changeLogOf(repository);
    });

    /** Every event of one test's record type, page by page. */
    async function eventsOf(type: string, query: Partial<ChangeQuery> = {}): Promise<ChangeEvent[]> {
      const events: ChangeEvent[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const page = await log.changes({
          scope: { kind: 'all' },
          recordTypes: [type],
          until: FAR_FUTURE,
          limit: 100,
          ...query,
          cursor,
        });
        events.push(...page.items);
        cursor = page.cursor;
        if (!page.more) break;
      }
      return events;
    }

    it('should write one change event with each committed create, update and delete, and none for a refused one', async () => {
      // Prepare
      const type = freshType();
      const v1 = created(type, 'a', { at: '2026-03-01T00:00:00.000Z', councilId: 'dunedin' });
      const twin = created(type, 'a', { at: '2026-03-01T00:00:01.000Z' });
      const v2 = updated(v1.record, { at: '2026-03-02T00:00:00.000Z', values: { n: 2 } });
      const stale = updated(v1.record, { at: '2026-03-02T00:00:01.000Z', values: { n: 3 } });
      const v3 = deleted(v2.record, '2026-03-03T00:00:00.000Z');

      // Act
      const outcomes = [
        ...(await repository.writeAll([v1])),
        ...(await repository.writeAll([twin])),
        ...(await repository.writeAll([v2])),
        ...(await repository.writeAll([stale])),
        ...(await repository.writeAll([v3])),
      ];

      // Assess
      expect(outcomes.map((o) => o.status)).toEqual([
        'written',
        'conflict',
        'written',
        'conflict',
        'written',
      ]);
      const events = await eventsOf(type);
      expect(events.map((e) => ({ ...e, id: undefined }))).toEqual(
        [
          [1, 'created', '2026-03-01T00:00:00.000Z'],
          [2, 'updated', '2026-03-02T00:00:00.000Z'],
          [3, 'deleted', '2026-03-03T00:00:00.000Z'],
        ].map(([version, op, at]) => ({
          id: undefined,
          type: `${type}.${op}`,
          recordType: type,
          recordId: 'a',
          version,
          regionId: 'otago',
          councilId: 'dunedin',
          at,
          by: 'contract@ceg.example.nz',
        })),
      );
      expect(new Set(events.map((e) => e.id)).size).toBe(3);
      expect(events.every((e) => /^evt_[0-9a-f]{32}$/.test(e.id))).toBe(true);
      expect(await log.changeEvent(events[1]!.id)).toEqual(events[1]);
      expect(await log.changeEvent('evt_missing')).toBeUndefined();
    });

    it('should write each sign-off act as its own change event', async () => {
      // Prepare
      const type = freshType();
      const v1 = created(type, 's', { at: '2026-03-01T00:00:00.000Z' });
      await repository.writeAll([v1]);
      const acts: PendingWrite[] = [];
      let before = v1.record;
      for (const [i, op] of (
        ['sign-off-requested', 'signed-off', 'sign-off-not-yet', 'sign-off-withdrawn'] as const
      ).entries()) {
        const record = {
          ...before,
          version: before.version + 1,
          updatedAt: `2026-03-0${i + 2}T00:00:00.000Z`,
        };
        acts.push({ record, previous: before, expectedVersion: before.version, history: entry(record, op) });
        before = record;
      }

      // Act
      for (const act of acts) await repository.writeAll([act]);

      // Assess
      expect((await eventsOf(type)).map((e) => [e.type, e.version])).toEqual([
        [`${type}.created`, 1],
        [`${type}.sign-off-requested`, 2],
        [`${type}.signed-off`, 3],
        [`${type}.sign-off-not-yet`, 4],
        [`${type}.sign-off-withdrawn`, 5],
      ]);
    });

    it('should commit a batch too big for one transaction with every change event, each exactly once', async () => {
      // Prepare: 120 changes of three actions each need four transactions of at most 100 actions.
      const type = freshType();
      const batch = Array.from({ length: 120 }, (_, i) =>
        created(type, `b${i}`, { at: '2026-03-01T00:00:00.000Z' }),
      );

      // Act
      const outcomes = await repository.writeAll(batch);

      // Assess
      expect(outcomes.every((o) => o.status === 'written')).toBe(true);
      const events = await eventsOf(type);
      expect(events.map((e) => e.recordId).sort()).toEqual(batch.map((w) => w.record.id).sort());
    });

    it('should page the change log in commit order, and carry on from the cursor with later changes only', async () => {
      // Prepare
      const type = freshType();
      for (let i = 0; i < 5; i++)
        await repository.writeAll([created(type, `p${i}`, { at: '2026-03-01T00:00:00.000Z' })]);

      // Act
      const pages: string[][] = [];
      let cursor: string | undefined;
      for (let more = true; more; ) {
        const page = await log.changes({
          scope: { kind: 'all' },
          recordTypes: [type],
          until: FAR_FUTURE,
          limit: 2,
          cursor,
        });
        pages.push(page.items.map((e) => e.recordId));
        cursor = page.cursor;
        more = page.more;
      }
      await repository.writeAll([created(type, 'later', { at: '2026-03-01T00:00:00.000Z' })]);
      const next = await log.changes({
        scope: { kind: 'all' },
        recordTypes: [type],
        until: FAR_FUTURE,
        limit: 10,
        cursor,
      });

      // Assess
      expect(pages.flat()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
      expect(pages.every((page) => page.length <= 2)).toBe(true);
      expect(next.items.map((e) => e.recordId)).toEqual(['later']);
      await expect(
        log.changes({ scope: { kind: 'all' }, until: FAR_FUTURE, limit: 1, cursor: 'nope!' }),
      ).rejects.toThrow(BadCursorError);
    });

    it('should leave out changes stamped after the read horizon', async () => {
      // Prepare
      const type = freshType();
      const before = new Date(Date.now() - 60_000).toISOString();
      await repository.writeAll([created(type, 'h', { at: '2026-03-01T00:00:00.000Z' })]);

      // Act
      const settled = await eventsOf(type, { until: before });
      const all = await eventsOf(type);

      // Assess
      expect(settled).toEqual([]);
      expect(all.map((e) => e.recordId)).toEqual(['h']);
    });

    it.each([
      [
        'a region',
        { kind: 'regions', regionIds: ['otago'], openRecordTypes: [] },
        ['dunedin-need', 'shared-in-otago'],
      ],
      [
        'a mayor’s office',
        { kind: 'councils', councilIds: ['waitaki'], openRecordTypes: [] },
        ['waitaki-need'],
      ],
      [
        'a region, with an open type',
        { kind: 'regions', regionIds: ['otago'], openRecordTypes: ['OPEN'] },
        ['dunedin-need', 'shared-in-otago', 'open'],
      ],
      ['no reach at all', { kind: 'regions', regionIds: [], openRecordTypes: [] }, []],
    ] as const)('should show %s only the changes within its reach', async (_, scope, expected) => {
      // Prepare
      const type = freshType();
      const open = `${type}open`;
      const canterbury = created(type, 'shared-in-otago', {
        at: '2026-03-01T00:00:00.000Z',
        regionId: 'canterbury',
      });
      canterbury.record.sharedRegionId = 'otago';
      await repository.writeAll([
        created(type, 'dunedin-need', { at: '2026-03-01T00:00:00.000Z', councilId: 'dunedin' }),
        created(type, 'christchurch', {
          at: '2026-03-01T00:00:00.000Z',
          regionId: 'canterbury',
          councilId: 'christchurch-city',
        }),
        canterbury,
        created(open, 'open', { at: '2026-03-01T00:00:00.000Z', regionId: 'canterbury' }),
      ]);
      await repository.writeAll([
        created(type, 'waitaki-need', {
          at: '2026-03-01T00:00:00.000Z',
          regionId: 'canterbury',
          councilId: 'waitaki',
        }),
      ]);
      const openTypes = scope.openRecordTypes.map(() => open);

      // Act
      const seen = await eventsOf(type, {
        scope: { ...scope, openRecordTypes: openTypes },
        recordTypes: [type, open],
      });

      // Assess
      expect(seen.map((e) => e.recordId).sort()).toEqual([...expected].sort());
    });

    it('should filter the change log by event type', async () => {
      // Prepare
      const type = freshType();
      const v1 = created(type, 'f', { at: '2026-03-01T00:00:00.000Z' });
      await repository.writeAll([v1]);
      await repository.writeAll([updated(v1.record, { at: '2026-03-02T00:00:00.000Z', values: { n: 5 } })]);

      // Act
      const updates = await eventsOf(type, { recordTypes: undefined, eventTypes: [`${type}.updated`] });

      // Assess
      expect(updates.map((e) => [e.type, e.version])).toEqual([[`${type}.updated`, 2]]);
    });

    it('should create a record with its history entry, and refuse a second create of the same id', async () => {
      // Prepare
      const type = freshType();
      const first = created(type, 'a', { at: '2026-03-01T00:00:00.000Z' });
      const again = created(type, 'a', { at: '2026-03-02T00:00:00.000Z', values: { n: 2 } });

      // Act
      const outcomes = await repository.writeAll([first]);
      const second = await repository.writeAll([again]);

      // Assess
      expect(outcomes).toEqual([{ status: 'written' }]);
      expect(second).toEqual([{ status: 'conflict' }]);
      expect(await repository.get(type, 'a')).toEqual(first.record);
      const history = await repository.history(type, 'a', 10);
      expect(history.items).toEqual([first.history]);
      expect(history.more).toBe(false);
      expect(await repository.get(type, 'missing')).toBeUndefined();
    });

    it('should write an update only from the version it read, and keep every version in history', async () => {
      // Prepare
      const type = freshType();
      const v1 = created(type, 'a', { at: '2026-03-01T00:00:00.000Z' });
      await repository.writeAll([v1]);
      const v2 = updated(v1.record, { at: '2026-03-02T00:00:00.000Z', values: { n: 2 } });
      const stale = updated(v1.record, { at: '2026-03-03T00:00:00.000Z', values: { n: 3 } });

      // Act
      const [fresh] = await repository.writeAll([v2]);
      const [late] = await repository.writeAll([stale]);

      // Assess
      expect(fresh).toEqual({ status: 'written' });
      expect(late).toEqual({ status: 'conflict' });
      expect(await repository.get(type, 'a')).toEqual(v2.record);
      const history = await repository.history(type, 'a', 10);
      expect(history.items.map((entry) => [entry.version, entry.op])).toEqual([
        [1, 'created'],
        [2, 'updated'],
      ]);
    });

    it('should give each change of a batch its own outcome, writing the others', async () => {
      // Prepare
      const type = freshType();
      const existing = created(type, 'taken', { at: '2026-03-01T00:00:00.000Z' });
      await repository.writeAll([existing]);
      const batch = [
        created(type, 'new-1', { at: '2026-03-02T00:00:00.000Z' }),
        created(type, 'taken', { at: '2026-03-02T00:00:00.000Z' }),
        created(type, 'new-2', { at: '2026-03-02T00:00:00.000Z' }),
      ];

      // Act
      const outcomes = await repository.writeAll(batch);

      // Assess
      expect(outcomes.map((o) => o.status)).toEqual(['written', 'conflict', 'written']);
      const stored = await repository.getMany(type, ['new-1', 'taken', 'new-2', 'missing']);
      expect([...stored.keys()].sort()).toEqual(['new-1', 'new-2', 'taken']);
      expect(stored.get('taken')).toEqual(existing.record);
    });

    it('should keep a deleted record as a tombstone: readable, in pulls and history, out of lists', async () => {
      // Prepare
      const type = freshType();
      const v1 = created(type, 'gone', { at: '2026-03-01T00:00:00.000Z' });
      const kept = created(type, 'kept', { at: '2026-03-01T00:00:01.000Z' });
      await repository.writeAll([v1, kept]);

      // Act
      const [outcome] = await repository.writeAll([deleted(v1.record, '2026-03-02T00:00:00.000Z')]);

      // Assess
      expect(outcome).toEqual({ status: 'written' });
      const tombstone = await repository.get(type, 'gone');
      expect(tombstone?.deletedAt).toBe('2026-03-02T00:00:00.000Z');
      expect(tombstone?.version).toBe(2);
      const listed = await repository.list({ type, regionId: 'otago', limit: 10 });
      expect(listed.items.map((r) => r.id)).toEqual(['kept']);
      const withDeleted = await repository.list({ type, regionId: 'otago', limit: 10, includeDeleted: true });
      expect(withDeleted.items.map((r) => r.id)).toEqual(['kept', 'gone']);
      const pulled = await repository.pull({ type, regionId: 'otago', limit: 10 });
      expect(pulled.items.map((r) => [r.id, r.deletedAt])).toEqual([
        ['kept', undefined],
        ['gone', '2026-03-02T00:00:00.000Z'],
      ]);
      expect((await repository.history(type, 'gone', 10)).items.map((e) => e.op)).toEqual([
        'created',
        'deleted',
      ]);
    });

    it('should list by region, by council and nationally, ordered by last change either way', async () => {
      // Prepare
      const type = freshType();
      await repository.writeAll([
        created(type, 'o1', { at: '2026-03-01T00:00:00.000Z', regionId: 'otago', councilId: 'dunedin' }),
        created(type, 'c1', { at: '2026-03-02T00:00:00.000Z', regionId: 'canterbury' }),
        created(type, 'o2', { at: '2026-03-03T00:00:00.000Z', regionId: 'otago', councilId: 'waitaki' }),
        created(type, 'o3', { at: '2026-03-04T00:00:00.000Z', regionId: 'otago', councilId: 'dunedin' }),
      ]);

      // Act
      const otago = await repository.list({ type, regionId: 'otago', limit: 10 });
      const dunedin = await repository.list({ type, councilId: 'dunedin', limit: 10 });
      const national = await repository.list({ type, limit: 10, newestFirst: true });
      const since = await repository.list({ type, limit: 10, changedSince: '2026-03-02T00:00:00.000Z' });

      // Assess
      expect(otago.items.map((r) => r.id)).toEqual(['o1', 'o2', 'o3']);
      expect(dunedin.items.map((r) => r.id)).toEqual(['o1', 'o3']);
      expect(national.items.map((r) => r.id)).toEqual(['o3', 'o2', 'c1', 'o1']);
      expect(since.items.map((r) => r.id)).toEqual(['c1', 'o2', 'o3']);
    });

    it('should page a list with cursors, every record exactly once, and refuse a cursor of another list', async () => {
      // Prepare
      const type = freshType();
      const ids = Array.from({ length: 7 }, (_, i) => `r${i}`);
      await repository.writeAll(ids.map((id, i) => created(type, id, { at: `2026-03-01T00:00:0${i}.000Z` })));

      // Act
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await repository.list({ type, regionId: 'otago', limit: 3, cursor, newestFirst: true });
        seen.push(...page.items.map((r) => r.id));
        cursor = page.more ? page.cursor : undefined;
        pages++;
      } while (cursor && pages < 10);
      const first = await repository.list({ type, regionId: 'otago', limit: 3 });

      // Assess
      expect(seen).toEqual([...ids].reverse());
      await expect(
        repository.list({ type, regionId: 'canterbury', limit: 3, cursor: first.cursor }),
      ).rejects.toThrow(BadCursorError);
      await expect(repository.list({ type, limit: 3, cursor: 'not-a-cursor!' })).rejects.toThrow(
        BadCursorError,
      );
    });

    it('should pull changes in pages, then pick up later changes from a cursor that starts a little earlier', async () => {
      // Prepare
      const type = freshType();
      const base = Date.parse('2026-03-01T00:00:00.000Z');
      const first = Array.from({ length: 5 }, (_, i) =>
        created(type, `p${i}`, { at: new Date(base + i * 40_000).toISOString() }),
      );
      await repository.writeAll(first);

      // Act
      const pulled: string[] = [];
      let cursor: string | undefined;
      let more = true;
      while (more) {
        const page = await repository.pull({ type, regionId: 'otago', limit: 2, cursor });
        pulled.push(...page.items.map((r) => r.id));
        cursor = page.cursor;
        more = page.more;
      }
      const change = updated(first[0]!.record, {
        at: new Date(base + 300_000).toISOString(),
        values: { n: 9 },
      });
      await repository.writeAll([change]);
      const next = await repository.pull({ type, regionId: 'otago', limit: 10, cursor });

      // Assess
      expect(pulled).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
      // The overlap re-reads the last 30 seconds: p4 (seen, skipped by clients by version) and the change.
      expect(next.items.map((r) => [r.id, r.version])).toEqual([
        ['p4', 1],
        ['p0', 2],
      ]);
      await expect(repository.pull({ type, regionId: 'canterbury', limit: 10, cursor })).rejects.toThrow(
        BadCursorError,
      );
    });

    it('should move a record between regions when its region changes', async () => {
      // Prepare
      const type = freshType();
      const v1 = created(type, 'm', { at: '2026-03-01T00:00:00.000Z', regionId: 'otago' });
      await repository.writeAll([v1]);

      // Act
      await repository.writeAll([
        updated(v1.record, { at: '2026-03-02T00:00:00.000Z', regionId: 'canterbury', values: { n: 2 } }),
      ]);

      // Assess
      expect((await repository.list({ type, regionId: 'otago', limit: 10 })).items).toEqual([]);
      expect(
        (await repository.list({ type, regionId: 'canterbury', limit: 10 })).items.map((r) => r.id),
      ).toEqual(['m']);
    });

    it('should page a long history with cursors, oldest first', async () => {
      // Prepare
      const type = freshType();
      let write = created(type, 'h', { at: '2026-03-01T00:00:00.000Z' });
      await repository.writeAll([write]);
      for (let n = 2; n <= 5; n++) {
        write = updated(write.record, { at: `2026-03-0${n}T00:00:00.000Z`, values: { n } });
        await repository.writeAll([write]);
      }

      // Act
      const firstPage = await repository.history(type, 'h', 3);
      const secondPage = await repository.history(type, 'h', 3, firstPage.cursor);

      // Assess
      expect(firstPage.items.map((e) => e.version)).toEqual([1, 2, 3]);
      expect(firstPage.more).toBe(true);
      expect(secondPage.items.map((e) => e.version)).toEqual([4, 5]);
      await expect(repository.history(type, 'other', 3, firstPage.cursor)).rejects.toThrow(BadCursorError);
    });

    it('should read every current record page by page', async () => {
      // Prepare
      const type = freshType();
      await repository.writeAll(
        Array.from({ length: 5 }, (_, i) => created(type, `g${i}`, { at: `2026-03-01T00:00:0${i}.000Z` })),
      );

      // Act
      const pages: string[][] = [];
      for await (const page of repository.pages(type, undefined, 2)) pages.push(page.map((r) => r.id));

      // Assess
      expect(pages.flat()).toEqual(['g0', 'g1', 'g2', 'g3', 'g4']);
      expect(pages.every((page) => page.length <= 2)).toBe(true);
    });

    it('should hand out copies: changing a record read does not change what is stored', async () => {
      // Prepare
      const type = freshType();
      await repository.writeAll([created(type, 'x', { at: '2026-03-01T00:00:00.000Z', values: { n: 1 } })]);
      const read = await repository.get(type, 'x');

      // Act
      read!.values.n = 99;

      // Assess
      expect((await repository.get(type, 'x'))?.values.n).toBe(1);
    });
  });
}

const FAR_FUTURE = '9999-12-31T00:00:00.000Z';

function freshType(): string {
  return `t${randomUUID().slice(0, 8)}`;
}

interface Shape {
  at: string;
  regionId?: string;
  councilId?: string;
  values?: Record<string, unknown>;
}

function created(type: string, id: string, shape: Shape): PendingWrite {
  const record: StoredRecord = {
    id,
    type,
    regionId: shape.regionId ?? 'otago',
    ...(shape.councilId ? { councilId: shape.councilId } : {}),
    version: 1,
    createdAt: shape.at,
    createdBy: 'contract@ceg.example.nz',
    updatedAt: shape.at,
    updatedBy: 'contract@ceg.example.nz',
    values: shape.values ?? { n: 1 },
  };
  return { record, expectedVersion: null, history: entry(record, 'created') };
}

function updated(current: StoredRecord, shape: Shape): PendingWrite {
  const record: StoredRecord = {
    ...current,
    regionId: shape.regionId ?? current.regionId,
    version: current.version + 1,
    updatedAt: shape.at,
    values: shape.values ?? current.values,
  };
  return { record, expectedVersion: current.version, history: entry(record, 'updated') };
}

function deleted(current: StoredRecord, at: string): PendingWrite {
  const record: StoredRecord = {
    ...current,
    version: current.version + 1,
    updatedAt: at,
    deletedAt: at,
    deletedBy: 'contract@ceg.example.nz',
  };
  return { record, expectedVersion: current.version, history: entry(record, 'deleted') };
}

function entry(record: StoredRecord, op: HistoryEntry['op']): HistoryEntry {
  return { version: record.version, op, at: record.updatedAt, by: record.updatedBy, changes: [], record };
}
