import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../../sheets-addon/src/sheet/cell-values.ts';
import { describeReordering, findReordering } from '../../../sheets-addon/src/sheet/reordering.ts';
import { encodeSynced, readRows } from '../../../sheets-addon/src/sheet/row-state.ts';
import { activity, readDate, tabOf, typeOf } from './fixtures.ts';

const type = typeOf('activity');

/** A row synced as record `id` at version 1 with these values, showing `shown` in its cells. */
type Row = Record<string, CellValue>;

function row(id: string, synced: Record<string, unknown>, shown: Record<string, unknown> = synced): Row {
  const values = { ...activity, ...synced };
  const cells: Record<string, unknown> = { ...activity, ...shown };
  return {
    Id: id,
    Version: 1,
    'Last synced values': encodeSynced({ id, version: 1, values }),
    Adviser: cells.adviserId,
    Council: cells.councilId,
    'Week starting': new Date(`${cells.weekStarting}T00:00:00Z`),
    Kind: cells.kind,
    Hours: cells.hours,
    Summary: cells.summary ?? '',
  } as unknown as Row;
}

function found(rows: Row[], onlyRows?: Set<number>) {
  const { snapshot, map } = tabOf(type, rows);
  return findReordering(readRows(snapshot.rows, map, readDate), map, onlyRows);
}

describe('finding a sort or paste of part of a tab', () => {
  it('should see Id and Version cells moved apart from their Last synced values', () => {
    // Prepare: rows a and b swapped their Id and Version cells only
    const rows = [row('a', { hours: 1 }), row('b', { hours: 2 })];
    const [a, b] = rows as [Row, Row];
    [a.Id, b.Id] = [b.Id, a.Id];

    // Act
    const result = found(rows);

    // Assess
    expect(result).toEqual({ sign: 'keys', rows: [0, 1], columns: [] });
  });

  it("should see one column's values shuffled among the rows that changed", () => {
    // Prepare: Hours sorted on its own: 3, 1, 2 became 1, 2, 3
    const rows = [
      row('a', { hours: 3 }, { hours: 1 }),
      row('b', { hours: 1 }, { hours: 2 }),
      row('c', { hours: 2 }, { hours: 3 }),
      row('d', { hours: 9 }),
    ];

    // Act
    const result = found(rows);

    // Assess
    expect(result).toEqual({ sign: 'values', rows: [0, 1, 2], columns: ['Hours'] });
  });

  it("should see a synced row's values moved onto a new row by a sort that took the new row in", () => {
    // Prepare: a synced row and a new row swapped their field cells
    const synced = row('a', { hours: 3, summary: 'ours' }, { hours: 1, summary: 'new' });
    const fresh = {
      ...row('x', { hours: 3, summary: 'ours' }),
      Id: '',
      Version: '',
      'Last synced values': '',
    };

    // Act
    const result = found([synced, fresh]);

    // Assess
    expect(result).toMatchObject({ sign: 'values', rows: [0, 1] });
  });

  it('should see a block of adjacent rows each changed in every field', () => {
    // Prepare: three rows pasted over with other weeks, councils and hours
    const pasted = (n: number) => ({
      councilId: `council-${n}`,
      weekStarting: `2026-12-0${n}`,
      kind: 'advice',
      hours: 10 + n,
      adviserId: `adv-${n + 5}`,
    });
    const rows = [row('a', {}, pasted(1)), row('b', {}, pasted(2)), row('c', {}, pasted(3)), row('d', {})];

    // Act
    const whole = found(rows);
    const twoSelected = found(rows, new Set([0, 1]));

    // Assess
    expect(whole).toEqual({ sign: 'block', rows: [0, 1, 2], columns: [] });
    expect(twoSelected).toBeUndefined();
  });

  it.each([
    ['one edit', [row('a', { hours: 3 }, { hours: 4 }), row('b', { hours: 1 })]],
    [
      'two edits of one column that do not swap',
      [row('a', { hours: 3 }, { hours: 4 }), row('b', { hours: 1 }, { hours: 3 })],
    ],
    [
      'a row copied with its Id and Version cleared',
      [row('a', {}), { ...row('a', {}), Id: '', Version: '' }],
    ],
    ['the whole sheet sorted', [row('b', { hours: 2 }), row('a', { hours: 1 })]],
  ])('should see nothing wrong in %s', (_case, rows) => {
    // Act
    const result = found(rows);

    // Assess
    expect(result).toBeUndefined();
  });

  it('should say what happened, how to undo it, and that nothing was sent', () => {
    // Act
    const words = describeReordering('Our activities', { sign: 'values', rows: [2, 3], columns: ['Hours'] });

    // Assess
    expect(words).toContain('Part of "Our activities" looks sorted or pasted without its Id column');
    expect(words).toContain('on rows 4, 5 the Hours values');
    expect(words).toContain('Nothing was sent. Undo it with Ctrl+Z');
    expect(words).toContain('Data > Sort sheet');
  });
});
