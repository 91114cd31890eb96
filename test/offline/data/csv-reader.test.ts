import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseCsvRows, readCsv } from '../../../data/csv-reader.ts';

describe('CSV reader', () => {
  it('should read quoted fields with commas, doubled quotes, line breaks and CRLF endings', () => {
    // Prepare
    const text = '\uFEFFname,note\r\n"Hawke\'s Bay, East","said ""hello"""\r\n"two\nlines",plain\r\n';

    // Act
    const rows = parseCsvRows(text);

    // Assess
    expect(rows).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ["Hawke's Bay, East", 'said "hello"'] },
      { line: 3, fields: ['two\nlines', 'plain'] },
    ]);
  });

  it('should key rows by the expected header and skip blank lines', () => {
    // Act
    const rows = readCsv('a,b\n1,2\n\n3,4', ['a', 'b'] as const);

    // Assess
    expect(rows.map((r) => r.row)).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4' },
    ]);
    expect(rows[1]!.line).toBe(4);
  });

  it.each([
    ['a short row', 'a,b\n1,2\n3', 'CSV, line 3: expected 2 fields (a, b), got 1'],
    ['another header', 'a,c\n1,2', 'CSV, line 1: expected the header a,b, got a,c'],
    ['an unclosed quote', 'a,b\n1,"2\n', 'CSV, line 2: a quoted field is not closed'],
    [
      'a quote inside a bare field',
      'a,b\n1,x"y"',
      'CSV, line 2: a quote inside an unquoted field; quote the whole field',
    ],
    ['text after a closing quote', 'a,b\n"1"x,2', 'CSV, line 2: unexpected "x" after a closing quote'],
    ['an empty file', '', 'CSV, line 1: the file is empty; expected the header a,b'],
  ])('should refuse %s, naming the line', (_what, text, message) => {
    // Act
    const reading = () => readCsv(text, ['a', 'b'] as const);

    // Assess
    expect(reading).toThrow(CsvFormatError);
    expect(reading).toThrow(message);
  });
});
