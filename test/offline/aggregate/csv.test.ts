import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../functions/aggregate/csv.ts';

describe('CSV cells', () => {
  it('should disarm anything a spreadsheet would run as a formula, but not a number', () => {
    // Act
    const texts = ['=1+1', '+64 3 555 0100', '-2', '@SUM(A1)', '\tx'].map(csvCell);
    const negative = csvCell(-2);

    // Assess
    expect(texts).toEqual(["'=1+1", "'+64 3 555 0100", "'-2", "'@SUM(A1)", "'\tx"]);
    expect(negative).toBe('-2');
  });

  it.each([
    ['a comma', 'Ōtautahi, Christchurch', '"Ōtautahi, Christchurch"'],
    ['quotes', 'the "youth" plan', '"the ""youth"" plan"'],
    ['a line break', 'two\nlines', '"two\nlines"'],
    ['an edge space', ' padded', '" padded"'],
    ['plain text', 'Whanganui', 'Whanganui'],
    ['nothing', null, ''],
    ['a boolean', true, 'true'],
  ])('should write a cell with %s as a spreadsheet reads it back', (_case, value, cell) => {
    // Act
    const written = csvCell(value);

    // Assess
    expect(written).toBe(cell);
  });

  it('should write a header, CRLF line ends and a byte-order mark', () => {
    // Act
    const csv = toCsv(['region', 'hours'], [['Manawatū-Whanganui', 7.75]]);

    // Assess
    expect(csv).toBe('\uFEFFregion,hours\r\nManawatū-Whanganui,7.75\r\n');
  });
});
