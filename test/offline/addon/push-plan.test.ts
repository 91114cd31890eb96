import { describe, expect, it } from 'vitest';
import { chunkRows, planDeletes, planPush } from '../../../sheets-addon/src/sheet/push-plan.ts';
import { encodeSynced, readRows } from '../../../sheets-addon/src/sheet/row-state.ts';
import { activity, readDate, syncedRow, tabOf, typeOf } from './fixtures.ts';

const type = typeOf('activity');
const week = new Date('2026-11-16T00:00:00Z');

let ids = 0;
const newId = () => `uuid-${++ids}`;

describe('planning a push', () => {
  it('should send only new and edited rows, each new row with a fresh id', () => {
    // Prepare
    const { snapshot, map } = tabOf(type, [
      syncedRow('a', 1),
      syncedRow('b', 3, { Hours: 8 }),
      { Adviser: 'adv-1', Council: 'christchurch-city', 'Week starting': week, Kind: 'advice', Hours: 1 },
      {},
    ]);

    // Act
    const plan = planPush(readRows(snapshot.rows, map, readDate), map, type, { newId });

    // Assess
    expect(plan.candidates.map((c) => [c.kind, c.request.id, c.request.baseVersion])).toEqual([
      ['changed', 'b', 3],
      ['new', plan.newIds.get(2), undefined],
    ]);
    expect(plan.candidates[0]!.request.values).toMatchObject({ hours: 8, weekStarting: '2026-11-16' });
    expect(plan.candidates[0]!.request.values).not.toHaveProperty('projectName');
    expect(plan.newIds.size).toBe(1);
  });

  it('should resend a new row whose earlier push was cut off with the id it already has', () => {
    // Prepare
    const { snapshot, map } = tabOf(type, [{ Id: 'given-before', Adviser: 'adv-1', Hours: 1 }]);

    // Act
    const plan = planPush(readRows(snapshot.rows, map, readDate), map, type, { newId });

    // Assess
    expect(plan.candidates.map((c) => c.request.id)).toEqual(['given-before']);
    expect(plan.newIds.size).toBe(0);
  });

  it('should leave ids to the server for types whose ids come from their values', () => {
    // Prepare
    const indicators = typeOf('indicator');
    const { snapshot, map } = tabOf(indicators, [{ Council: 'christchurch-city', Period: '2026-Q3' }]);

    // Act
    const plan = planPush(readRows(snapshot.rows, map, readDate), map, indicators, { newId });

    // Assess
    expect(plan.candidates[0]!.request).not.toHaveProperty('id');
    expect(plan.newIds.size).toBe(0);
  });

  it('should refuse a copied row with the same id, deleted rows and rows that lost their id', () => {
    // Prepare
    const deleted = {
      ...syncedRow('d', 2, { Hours: 1 }),
      'Last synced values': encodeSynced({ values: activity, deletedAt: '2026-11-20T00:00:00Z' }),
    };
    const { snapshot, map } = tabOf(type, [
      syncedRow('a', 1, { Hours: 2 }),
      syncedRow('a', 1, { Hours: 3 }),
      deleted,
      syncedRow('', 4, { Hours: 5 }),
    ]);

    // Act
    const plan = planPush(readRows(snapshot.rows, map, readDate), map, type, { newId });

    // Assess
    expect(plan.candidates.map((c) => c.row.index)).toEqual([0]);
    expect(plan.refused.get(1)!.notes.get(map.system.id!)).toContain('this row has the same Id as row 2');
    expect(plan.reasons.get(1)).toMatch(/^Id: this row has the same Id as row 2 \(a copied row\?\)/);
    expect(plan.refused.get(3)!.notes.get(map.system.id!)).toContain('has a version but no Id');
    expect(plan.refused.has(2)).toBe(false);
  });

  it('should plan deletions of selected synced rows from the versions they hold', () => {
    // Prepare
    const { snapshot, map } = tabOf(type, [syncedRow('a', 1), syncedRow('b', 2), { Hours: 1 }]);

    // Act
    const deletes = planDeletes(readRows(snapshot.rows, map, readDate), new Set([1, 2]));

    // Assess
    expect(deletes.map((c) => c.request)).toEqual([{ id: 'b', baseVersion: 2, delete: true }]);
  });

  it('should split rows into requests of at most 500 rows and a byte limit', () => {
    // Prepare
    const rows = Array.from({ length: 1201 }, (_, i) => ({
      request: { id: `r${i}`, values: { text: 'x'.repeat(100) } },
    }));

    // Act
    const byCount = chunkRows(rows).map((c) => c.length);
    const byBytes = chunkRows(rows, 500, 20_000).map((c) => c.length);

    // Assess
    expect(byCount).toEqual([500, 500, 201]);
    expect(Math.max(...byBytes)).toBeLessThan(200);
    expect(byBytes.reduce((a, b) => a + b)).toBe(1201);
  });
});
