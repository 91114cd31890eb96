import { describe, expect, it } from 'vitest';
import {
  absorbWrites,
  COLOURS,
  emptyChanges,
  NOTE_PREFIX,
  planWrites,
} from '../../../sheets-addon/src/sheet/tab-writes.ts';
import { tabOf, typeOf } from './fixtures.ts';

const type = typeOf('activity');

describe('writing a tab', () => {
  it('should write one block per run of owned columns, rewriting rows in between exactly as they were', () => {
    // Prepare
    const { snapshot, map } = tabOf(type, [
      { Id: 'a', Hours: 1 },
      { Id: 'b', Summary: "'=already escaped" },
      { Id: 'c' },
    ]);
    const headers = [...snapshot.headers, 'My column'];
    snapshot.headers = headers;
    for (const [i, row] of snapshot.rows.entries()) {
      row.push(`mine ${i}`);
      snapshot.formulas[i]!.push('');
      snapshot.notes[i]!.push('');
      snapshot.backgrounds[i]!.push(COLOURS.plain);
    }
    const summary = map.fields.find((f) => f.field.name === 'summary')!.index;
    const hours = map.fields.find((f) => f.field.name === 'hours')!.index;
    snapshot.formulas[1]![hours] = '=2*3';
    snapshot.notes[1]![summary] = "a person's note";
    snapshot.notes[0]![hours] = `${NOTE_PREFIX}old problem`;
    snapshot.backgrounds[0]![hours] = COLOURS.error;
    const changes = emptyChanges();
    changes.updates.set(0, { cells: new Map([[hours, 2]]), notes: new Map(), backgrounds: new Map() });
    changes.updates.set(2, { cells: new Map([[hours, 3]]), notes: new Map(), backgrounds: new Map() });
    changes.appends.push({
      cells: new Map([[map.system.id!, 'd']]),
      notes: new Map(),
      backgrounds: new Map(),
    });

    // Act
    const plan = planWrites(snapshot, map, changes);
    absorbWrites(snapshot, plan);

    // Assess
    expect(plan.blocks).toHaveLength(1);
    const [block] = plan.blocks;
    expect(block).toMatchObject({ firstRow: 0, numRows: 4, column: 0, numColumns: 12 });
    expect(block!.values.map((r) => r[hours])).toEqual([2, '=2*3', 3, '']);
    expect(block!.values[1]![summary]).toBe("'=already escaped");
    expect(block!.notes[0]![hours]).toBe('');
    expect(block!.backgrounds[0]![hours]).toBe(COLOURS.plain);
    expect(block!.notes[1]![summary]).toBe("a person's note");
    expect(plan).toMatchObject({ rowsNeeded: 4, appendFrom: 3, appendCount: 1 });
    expect(snapshot.rows.map((r) => r[12])).toEqual(['mine 0', 'mine 1', 'mine 2', '']);
    expect(snapshot.formulas[1]![hours]).toBe('=2*3');
  });
});
