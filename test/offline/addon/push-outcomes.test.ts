import { describe, expect, it } from 'vitest';
import { describeDifferences } from '../../../sheets-addon/src/sheet/conflicts.ts';
import { describeCounts, emptyCounts, renderOutcome } from '../../../sheets-addon/src/sheet/push-outcomes.ts';
import type { PushCandidate } from '../../../sheets-addon/src/sheet/push-plan.ts';
import { encodeSynced, readRows } from '../../../sheets-addon/src/sheet/row-state.ts';
import { COLOURS, NOTE_PREFIX } from '../../../sheets-addon/src/sheet/tab-writes.ts';
import { activity, readDate, recordOf, tabOf, typeOf } from './fixtures.ts';

const type = typeOf('activity');

function candidate(kind: PushCandidate['kind'] = 'changed'): PushCandidate {
  const { snapshot, map } = tabOf(type, [
    {
      Id: 'a',
      Version: 1,
      'Last synced values': encodeSynced({ values: activity }),
      Adviser: activity.adviserId,
      Council: activity.councilId,
      'Week starting': new Date(`${activity.weekStarting}T00:00:00Z`),
      Kind: activity.kind,
      Hours: 7,
    },
  ]);
  const row = readRows(snapshot.rows, map, readDate)[0]!;
  return { row, kind, request: { id: 'a', baseVersion: 1, values: { ...row.values } } };
}

describe('outcomes in the sheet', () => {
  it('should put each field error on its own cell in plain words, and row-level problems on the status cell', () => {
    // Prepare
    const { map } = tabOf(type);

    // Act
    const { update, count } = renderOutcome(
      candidate(),
      {
        index: 0,
        id: 'a',
        status: 'invalid',
        errors: [
          {
            field: 'weekStarting',
            message: 'expected a date like 2026-03-01 (year-month-day), got "1/3/26"',
          },
          { field: 'councilId', message: 'there is no council with id "atlantis"; choose one from the list' },
          { field: 'values', message: 'expected an object of field values' },
        ],
      },
      map,
      type,
      false,
    );

    // Assess
    const column = (name: string) => map.fields.find((f) => f.field.name === name)!.index;
    expect(count).toBe('errors');
    expect(update.cells.get(map.system.status!)).toBe('error: 3 problems, see the notes');
    expect(update.notes.get(column('weekStarting'))).toBe(
      `${NOTE_PREFIX}Week starting: expected a date like 2026-03-01 (year-month-day), got "1/3/26".\nFix the cell and push again.`,
    );
    expect(update.backgrounds.get(column('councilId'))).toBe(COLOURS.error);
    expect(update.notes.get(map.system.status!)).toContain('values: expected an object of field values.');
  });

  it('should show the saved record, its version and what undo needs after a successful push', () => {
    // Prepare
    const { map } = tabOf(type);
    const saved = recordOf('activity', { ...activity, hours: 7 }, { id: 'a', version: 2 });

    // Act
    const done = renderOutcome(
      candidate(),
      { index: 0, id: 'a', status: 'updated', version: 2, record: saved },
      map,
      type,
      false,
    );
    const previewed = renderOutcome(
      candidate(),
      { index: 0, id: 'a', status: 'updated', version: 2, record: saved },
      map,
      type,
      true,
    );

    // Assess
    expect(done.update.cells.get(map.system.version!)).toBe(2);
    expect(done.update.cells.get(map.system.status!)).toBe('updated (v2)');
    expect(done.undo).toEqual({ type: 'activity', id: 'a', versionAfter: 2, before: activity });
    expect(previewed.update.cells.get(map.system.status!)).toBe('ready to push: changed');
    expect(previewed.update.cells.has(map.system.version!)).toBe(false);
    expect(previewed.undo).toBeUndefined();
  });

  it("should note the server's value on each conflicting cell and keep both sides for the Conflicts tab", () => {
    // Prepare
    const { map } = tabOf(type);
    const theirs = recordOf(
      'activity',
      { ...activity, hours: 9 },
      { id: 'a', version: 3, updatedBy: 'aroha@ceg.example.nz' },
    );

    // Act
    const { update, conflict } = renderOutcome(
      candidate(),
      { index: 0, id: 'a', status: 'conflict', version: 3, current: theirs },
      map,
      type,
      false,
    );

    // Assess
    const hours = map.fields.find((f) => f.field.name === 'hours')!.index;
    expect(update.notes.get(hours)).toContain('the server now has 9 (changed by aroha@ceg.example.nz');
    expect(update.notes.get(hours)).toContain('Yours: 7.');
    expect(update.backgrounds.get(hours)).toBe(COLOURS.conflict);
    expect(describeDifferences(type, conflict!)).toBe('Hours: yours 7, theirs 9');
  });

  it('should describe counts as people read them', () => {
    // Act
    const words = describeCounts({ ...emptyCounts(), new: 12, changed: 30, errors: 2 });

    // Assess
    expect(words).toBe('12 new, 30 changed, 2 with errors');
    expect(describeCounts(emptyCounts())).toBe('nothing to push');
  });
});
