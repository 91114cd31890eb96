import { describe, expect, it } from 'vitest';
import { referenceData } from '../../../data/reference.ts';
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

describe('reading what people type', () => {
  it.each([
    ['en_NZ', 'dmy'],
    ['en_US', 'mdy'],
  ])('should take the date order of the locale %s', (locale, order) => {
    // Act
    const found = dateOrderOfLocale(locale);

    // Assess
    expect(found).toBe(order);
  });

  it.each([
    ['16/11/2026', 'dmy', { value: '2026-11-16' }],
    ['3.4.2026', 'dmy', { value: '2026-04-03' }],
    [
      '11/16/2026',
      'dmy',
      {
        problem:
          '"11/16/2026" is not a day/month/year date (there is no month 16); if you meant 16 November 2026, type 2026-11-16',
      },
    ],
    ['1/3/26', 'dmy', { problem: expect.stringContaining('write the year in full') }],
    ['31/02/2026', 'dmy', { problem: expect.stringContaining('not a real date') }],
    ['16/11/2026', 'mdy', { value: '2026-11-16' }],
    ['03/04/2026', 'mdy', { problem: expect.stringContaining('could be 3 April 2026 or 4 March 2026') }],
    ['2026-11-16', 'dmy', { value: '2026-11-16' }],
  ] as const)('should read %s in %s order, or say what is wrong with it', (typed, order, expected) => {
    // Act
    const resolved = resolveDate(typed, order);

    // Assess
    expect(resolved).toEqual(expected);
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
