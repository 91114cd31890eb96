import { describe, expect, it } from 'vitest';
import { mergePulled } from '../../../sheets-addon/src/sheet/pull-merge.ts';
import { readRows } from '../../../sheets-addon/src/sheet/row-state.ts';
import { COLOURS } from '../../../sheets-addon/src/sheet/tab-writes.ts';
import { activity, readDate, recordOf, syncedRow, tabOf, typeOf } from './fixtures.ts';

const type = typeOf('activity');

describe('merging a pull', () => {
  it('should update rows by id wherever they are, add new records at the bottom and skip versions already held', () => {
    // Prepare
    const { snapshot, map } = tabOf(type, [syncedRow('b', 1), syncedRow('a', 2)]);
    const pulled = [
      recordOf('activity', { ...activity, hours: 9 }, { id: 'b', version: 2 }),
      recordOf('activity', activity, { id: 'a', version: 2 }),
      recordOf('activity', { ...activity, hours: 1 }, { id: 'c', version: 1 }),
      recordOf('activity', { ...activity, hours: 8 }, { id: 'b', version: 1 }),
    ];

    // Act
    const { changes, counts } = mergePulled(readRows(snapshot.rows, map, readDate), map, type, pulled);

    // Assess
    expect(counts).toEqual({ added: 1, updated: 1, deleted: 0, alreadyHad: 1, keptEdits: 0 });
    expect(changes.updates.get(0)!.cells.get(map.fields.find((f) => f.field.name === 'hours')!.index)).toBe(
      9,
    );
    expect(changes.updates.has(1)).toBe(false);
    expect(changes.appends).toHaveLength(1);
    expect(changes.appends[0]!.cells.get(map.system.id!)).toBe('c');
  });

  it('should grey out deleted records, never add them, and keep unpushed edits', () => {
    // Prepare
    const { snapshot, map } = tabOf(type, [syncedRow('a', 1), syncedRow('e', 1, { Hours: 2 })]);
    const pulled = [
      recordOf('activity', activity, {
        id: 'a',
        version: 2,
        deletedAt: '2026-11-21T00:00:00Z',
        deletedBy: 'nat@ceg.example.nz',
      }),
      recordOf('activity', activity, { id: 'gone', version: 2, deletedAt: '2026-11-21T00:00:00Z' }),
      recordOf(
        'activity',
        { ...activity, hours: 3 },
        { id: 'e', version: 2, updatedBy: 'aroha@ceg.example.nz' },
      ),
    ];

    // Act
    const { changes, counts } = mergePulled(readRows(snapshot.rows, map, readDate), map, type, pulled);

    // Assess
    expect(counts).toMatchObject({ added: 0, deleted: 1, keptEdits: 1 });
    const deleted = changes.updates.get(0)!;
    expect(deleted.cells.get(map.system.status!)).toBe('deleted on the server by nat@ceg.example.nz');
    expect(deleted.backgrounds.get(map.system.id!)).toBe(COLOURS.deleted);
    const kept = changes.updates.get(1)!;
    expect([...kept.cells.keys()]).toEqual([map.system.status!]);
    expect(kept.cells.get(map.system.status!)).toContain('newer on the server (v2 by aroha@ceg.example.nz)');
  });
});
