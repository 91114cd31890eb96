import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  encodeSynced,
  fingerprint,
  isEdited,
  readRows,
} from '../../../sheets-addon/src/sheet/row-state.ts';
import { activity, readDate, tabOf, typeOf } from './fixtures.ts';

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
