import { describe, expect, it } from 'vitest';
import {
  contiguousRuns,
  mapColumns,
  ownedColumns,
  readOnlyColumns,
} from '../../../sheets-addon/src/sheet/columns.ts';
import { tabOf, typeOf } from './fixtures.ts';

describe('columns by header name', () => {
  it("should find the add-on's columns wherever they are, by title or field name, whatever the case", () => {
    // Prepare
    const headers = [
      'My notes',
      'hours',
      'ID',
      'Council',
      'Week Starting',
      'Sync status',
      'weekStarting',
      'Another of mine',
    ];

    // Act
    const map = mapColumns(headers, typeOf('activity'));

    // Assess
    expect(map.system).toEqual({ id: 2, status: 5 });
    expect(map.fields.map((f) => [f.field.name, f.index])).toEqual([
      ['councilId', 3],
      ['weekStarting', 4],
      ['hours', 1],
    ]);
    expect(map.missing).toEqual([
      'Version',
      'Last synced values',
      'Adviser',
      'Kind',
      'Summary',
      'Project',
      'Non-funded',
    ]);
    expect(ownedColumns(map)).toEqual([1, 2, 3, 4, 5]);
  });

  it('should group owned columns into contiguous runs, one range call each', () => {
    // Act
    const runs = contiguousRuns([0, 1, 2, 5, 6, 9]);

    // Assess
    expect(runs).toEqual([
      { start: 0, count: 3 },
      { start: 5, count: 2 },
      { start: 9, count: 1 },
    ]);
  });

  it('should treat system columns and derived fields as read-only', () => {
    // Prepare
    const { map } = tabOf(typeOf('activity'));

    // Act
    const readOnly = readOnlyColumns(map);

    // Assess
    expect(readOnly).toEqual([0, 1, 8, 9, 10, 11]);
  });
});

describe('columns by their tag', () => {
  it('should find a tagged field column whatever its header, and take no untagged look-alike for a field', () => {
    // Prepare: the add-on's Hours column renamed "Hrs (ours)", its Summary tagged, and the team's
    // own "Summary" and "Hours" columns beside them
    const headers = ['Summary', 'Id', 'Hrs (ours)', 'Hours', 'Summary', 'Version'];
    const tagged = new Map([
      [2, 'hours'],
      [4, 'summary'],
    ]);

    // Act
    const map = mapColumns(headers, typeOf('activity'), undefined, tagged);
    const untagged = mapColumns(headers, typeOf('activity'));

    // Assess
    expect(map.system).toMatchObject({ id: 1, version: 5 });
    expect(map.fields.map((f) => [f.field.name, f.index])).toEqual([
      ['hours', 2],
      ['summary', 4],
    ]);
    expect(map.ambiguous).toEqual([]);
    expect(map.missing).toContain('Council');
    expect(untagged.ambiguous).toEqual(['Summary']);
    expect(untagged.fields.find((f) => f.field.name === 'hours')?.index).toBe(3);
  });
});
