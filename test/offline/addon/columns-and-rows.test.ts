import { describe, expect, it } from 'vitest';
import {
  contiguousRuns,
  mapColumns,
  ownedColumns,
  readOnlyColumns,
} from '../../../sheets-addon/src/sheet/columns.ts';
import {
  canonicalJson,
  encodeSynced,
  fingerprint,
  isEdited,
  readRows,
} from '../../../sheets-addon/src/sheet/row-state.ts';
import { activity, readDate, tabOf, typeOf } from './fixtures.ts';

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

describe('row state', () => {
  it('should compare values whatever their key order and count empty text as absent', () => {
    // Prepare
    const type = typeOf('activity');

    // Act
    const a = fingerprint(type, { hours: 1, kind: 'advice', summary: '' });
    const b = fingerprint(type, { kind: 'advice', hours: 1, projectName: 'derived, ignored' });

    // Assess
    expect(a).toBe(b);
    expect(canonicalJson({ b: [2, { d: 1, c: 0 }], a: 1 })).toBe('{"a":1,"b":[2,{"c":0,"d":1}]}');
  });

  it('should see a row as edited only when it differs from what was last synced', () => {
    // Prepare
    const type = typeOf('activity');
    const synced = encodeSynced({ values: activity });
    const { snapshot, map } = tabOf(type, [
      {
        Id: 'a',
        Version: 1,
        'Last synced values': synced,
        Adviser: 'adv-1',
        Council: 'christchurch-city',
        'Week starting': new Date('2026-11-16T00:00:00Z'),
        Kind: 'planning',
        Hours: 6.5,
      },
      {
        Id: 'b',
        Version: 1,
        'Last synced values': synced,
        Adviser: 'adv-1',
        Council: 'christchurch-city',
        'Week starting': new Date('2026-11-16T00:00:00Z'),
        Kind: 'planning',
        Hours: 7,
      },
      { Adviser: 'adv-1', Hours: 1 },
      { 'Non-funded': true },
    ]);
    const advisers = tabOf(typeOf('adviser'), [{ Active: false }, { Active: true }]);

    // Act
    const rows = readRows(snapshot.rows, map, readDate);
    const adviserRows = readRows(advisers.snapshot.rows, advisers.map, readDate);

    // Assess
    expect(rows.map((r) => isEdited(r, type))).toEqual([false, true, true, false]);
    expect(rows[0]).toMatchObject({ id: 'a', version: 1, hasContent: true });
    expect(rows[3]!.hasContent).toBe(false);
    expect(adviserRows.map((r) => r.hasContent)).toEqual([false, true]);
  });
});
