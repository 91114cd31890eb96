import { describe, expect, it } from 'vitest';
import { referenceData } from '../../../data/reference.ts';
import { mapColumns } from '../../../sheets-addon/src/sheet/columns.ts';
import { mappingFromChoices, proposeMatches } from '../../../sheets-addon/src/sheet/header-matching.ts';
import {
  dateOrderOfLocale,
  resolveDate,
  resolveInput,
} from '../../../sheets-addon/src/sheet/input-resolution.ts';
import type { SheetRow } from '../../../sheets-addon/src/sheet/row-state.ts';
import { typeOf } from './fixtures.ts';

const activity = typeOf('activity');
const councils = referenceData().councils.map(({ id, name }) => ({ id, name }));

function row(values: Record<string, unknown>, index = 0): SheetRow {
  return { index, status: '', values: { ...values }, hasContent: true };
}

describe("matching a team's headers to fields", () => {
  it('should match by title, by API name, and propose close matches for the rest', () => {
    // Act
    const matches = proposeMatches(['Date', 'councilId', 'Hours', 'Comments', 'Owner'], activity);

    // Assess
    expect(matches.map((m) => [m.header, m.field ?? null, m.how])).toEqual([
      ['Date', 'weekStarting', 'close'],
      ['councilId', 'councilId', 'name'],
      ['Hours', 'hours', 'title'],
      ['Comments', 'summary', 'close'],
      ['Owner', null, 'none'],
    ]);
  });

  it("should find columns through the stored mapping wherever they move, and leave the team's own headers alone", () => {
    // Prepare
    const headers = ['Kind', 'Date', 'Council'];
    const { mapping } = mappingFromChoices(headers, { 1: 'weekStarting', 2: 'councilId' }, activity);

    // Act
    const map = mapColumns(['Council', 'Kind', 'Date', 'Kind (Partnership Records)'], activity, {
      ...mapping,
      fields: { ...mapping.fields, 'kind (partnership records)': 'kind' },
    });

    // Assess
    const at = (name: string) => map.fields.find((f) => f.field.name === name)?.index;
    expect([at('councilId'), at('weekStarting'), at('kind')]).toEqual([0, 2, 3]);
    expect(mapping.own).toEqual(['kind']);
  });
});

describe('reading what people type', () => {
  it('should read day/month/year in a day-first locale and say what is wrong otherwise', () => {
    // Act & Assess
    expect(dateOrderOfLocale('en_NZ')).toBe('dmy');
    expect(dateOrderOfLocale('en_US')).toBe('mdy');
    expect(resolveDate('16/11/2026', 'dmy')).toEqual({ value: '2026-11-16' });
    expect(resolveDate('3.4.2026', 'dmy')).toEqual({ value: '2026-04-03' });
    expect(resolveDate('11/16/2026', 'dmy')).toEqual({
      problem:
        '"11/16/2026" is not a day/month/year date (there is no month 16); if you meant 16 November 2026, type 2026-11-16',
    });
    expect(resolveDate('1/3/26', 'dmy')).toMatchObject({
      problem: expect.stringContaining('write the year in full'),
    });
    expect(resolveDate('31/02/2026', 'dmy')).toMatchObject({
      problem: expect.stringContaining('not a real date'),
    });
    expect(resolveDate('16/11/2026', 'mdy')).toEqual({ value: '2026-11-16' });
    expect(resolveDate('03/04/2026', 'mdy')).toMatchObject({
      problem: expect.stringContaining('could be 3 April 2026 or 4 March 2026'),
    });
    expect(resolveDate('2026-11-16', 'dmy')).toEqual({ value: '2026-11-16' });
  });

  it("should turn council names into ids with the server's own name matching, macrons or not", () => {
    // Prepare
    const rows = [
      row({ councilId: 'Whangarei', weekStarting: '16/11/2026' }, 0),
      row({ councilId: 'whangārei district council' }, 1),
      row({ councilId: 'christchurch-city' }, 2),
      row({ councilId: 'Gondor' }, 3),
      row({ councilId: 'new-council-id' }, 4),
    ];

    // Act
    const problems = resolveInput(rows, activity, {
      lists: new Map([['council', councils]]),
      dateOrder: 'dmy',
    });

    // Assess
    expect(rows.map((r) => r.values.councilId)).toEqual([
      'whangarei-district',
      'whangarei-district',
      'christchurch-city',
      'Gondor',
      'new-council-id',
    ]);
    expect(rows[0]!.values.weekStarting).toBe('2026-11-16');
    expect([...problems.keys()]).toEqual([3]);
    expect(problems.get(3)![0]!.message).toContain('"Gondor" is neither the id nor the name of a council');
  });
});
