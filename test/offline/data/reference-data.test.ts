import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseCsvRows, readCsv } from '../../../data/csv-reader.ts';
import {
  findCouncilByName,
  foldName,
  parseReferenceData,
  referenceData,
  slugOf,
} from '../../../data/reference.ts';

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
    expect(() => readCsv(text, ['a', 'b'] as const)).toThrow(CsvFormatError);
    expect(() => readCsv(text, ['a', 'b'] as const)).toThrow(message);
  });
});

describe('reference data: New Zealand regions and councils', () => {
  const { regions, councils } = referenceData();

  it('should hold the 67 councils (13 cities, 53 districts, the Chatham Islands) in 16 CEG regions and the Area Outside Region', () => {
    expect(councils).toHaveLength(67);
    expect(councils.filter((c) => c.kind === 'city')).toHaveLength(13);
    expect(councils.filter((c) => c.kind === 'district')).toHaveLength(53);
    expect(councils.filter((c) => c.kind === 'territory').map((c) => c.id)).toEqual([
      'chatham-islands-territory',
    ]);
    expect(regions.filter((r) => r.cegRegion)).toHaveLength(16);
    expect(regions.filter((r) => !r.cegRegion)).toEqual([
      { id: 'area-outside-region', name: 'Area Outside Region', cegRegion: false },
    ]);
    expect(councils.find((c) => c.id === 'chatham-islands-territory')?.regionId).toBe('area-outside-region');
  });

  it('should spell names with their official macrons, in composed Unicode', () => {
    // Act
    const names = [...councils.map((c) => c.name), ...regions.map((r) => r.name)];

    // Assess
    expect(names).toEqual(
      expect.arrayContaining([
        'Whangārei District',
        'Waipā District',
        'Ōtorohanga District',
        'Taupō District',
        'Whakatāne District',
        'Ōpōtiki District',
        'Rangitīkei District',
        'Manawatū District',
        'Kāpiti Coast District',
        'Kaikōura District',
        'Manawatū-Whanganui',
        'Whanganui District',
        "Hawke's Bay",
      ]),
    );
    expect(names.every((name) => name === name.normalize('NFC'))).toBe(true);
    expect(names.filter((name) => /Manawatu\b|Taupo\b|Whangarei|Wanganui/.test(name))).toEqual([]);
  });

  it('should give every region and council a stable ASCII slug id made from its name', () => {
    for (const record of [...regions, ...councils]) {
      expect(record.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(record.id).toBe(slugOf(record.name));
    }
    expect(regions.map((r) => r.id)).toContain('manawatu-whanganui');
    expect(councils.map((c) => c.id)).toEqual(
      expect.arrayContaining(['whangarei-district', 'christchurch-city', 'central-hawkes-bay-district']),
    );
  });

  it('should refuse a councils file with a duplicate id or an unknown kind', () => {
    const header = 'id,name,kind,region\n';
    expect(() => parseReferenceData(`${header}a-city,A City,city,X\na-city,A City,city,X\n`)).toThrow(
      'line 3: id "a-city" is used twice',
    );
    expect(() => parseReferenceData(`${header}a,A,borough,X\n`)).toThrow(
      'line 2: kind "borough" must be one of city, district, territory',
    );
  });
});

describe('matching council names with and without macrons', () => {
  it('should fold macrons, case, curly apostrophes and spacing', () => {
    expect(foldName('  Whangārei   DISTRICT ')).toBe('whangarei district');
    expect(foldName('Hawke\u2019s Bay')).toBe("hawke's bay");
    expect(slugOf("Central Hawke's Bay District")).toBe('central-hawkes-bay-district');
    expect(slugOf('Manawatū-Whanganui')).toBe('manawatu-whanganui');
  });

  it.each([
    ['Whangarei District', 'whangarei-district'],
    ['whangārei district', 'whangarei-district'],
    ['TAUPO DISTRICT', 'taupo-district'],
    ['Opotiki District Council', 'opotiki-district'],
    ['Manawatu District', 'manawatu-district'],
    ['Wanganui District', 'whanganui-district'],
    ['Hutt City', 'lower-hutt-city'],
    ['Christchurch', 'christchurch-city'],
    ['Whangarei', 'whangarei-district'],
    ['kaikoura', 'kaikoura-district'],
  ])('should find %s', (name, id) => {
    expect(findCouncilByName(name)?.id).toBe(id);
  });

  it('should find nothing for a name that is no council', () => {
    expect(findCouncilByName('Gondor District')).toBeUndefined();
  });
});
