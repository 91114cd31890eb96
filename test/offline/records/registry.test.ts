import { describe, expect, it } from 'vitest';
import { fieldErrorsFromZod } from '../../../functions/records/field-errors.ts';
import { definitionForType, RECORD_DEFINITIONS } from '../../../functions/records/registry.ts';

const strategy = definitionForType('strategy')!;

function errorsFor(type: string, input: Record<string, unknown>) {
  const definition = definitionForType(type)!;
  const parsed = definition.schema.safeParse(input);
  if (!parsed.success) return fieldErrorsFromZod(definition, parsed.error, input);
  return definition.refine?.(parsed.data as Record<string, unknown>) ?? [];
}

describe('the record definitions in the registry', () => {
  it('should define the 22 record types at kebab-case plural paths, each field described', () => {
    // Act
    const definitions = RECORD_DEFINITIONS;

    // Assess
    expect(definitions).toHaveLength(22);
    for (const definition of definitions) {
      expect(definition.path).toMatch(/^[a-z]+(-[a-z]+)*$/);
      for (const field of definition.fields) {
        expect(field.title, `${definition.type}.${field.name}`).toBeTruthy();
        expect(field.help, `${definition.type}.${field.name}`).toBeTruthy();
      }
    }
  });

  it('should accept a valid strategy and trim text', () => {
    // Act
    const parsed = strategy.schema.parse({
      councilId: 'christchurch-city',
      title: '  Youth into trades ',
      goal: '2009-all',
      needIds: [],
      jointlySupported: false,
      status: 'proposed',
    });

    // Assess
    expect(parsed.title).toBe('Youth into trades');
  });

  it('should explain a wrong date format in plain words', () => {
    // Act
    const errors = errorsFor('need', {
      councilId: 'c',
      title: 't',
      kind: 'need',
      identifiedOn: '1/3/26',
      status: 'open',
    });

    // Assess
    expect(errors).toEqual([
      {
        field: 'identifiedOn',
        message: 'expected a date like 2026-03-01 (year-month-day), got "1/3/26"',
        received: '1/3/26',
      },
    ]);
  });

  it('should keep money exact as decimal strings and refuse floats', () => {
    // Prepare
    const base = {
      regionId: 'r',
      agency: 'MSD',
      programme: 'Job Streams',
      periodStart: '2026-07-01',
      periodEnd: '2027-06-30',
    };

    // Act
    const decimalString = errorsFor('resource-line', { ...base, amount: '1250000.50' });
    const float = errorsFor('resource-line', { ...base, amount: 1250000.5 });
    const fractionOfCents = errorsFor('resource-line', { ...base, amount: '12.345' });

    // Assess
    expect(decimalString).toEqual([]);
    expect(float[0]).toMatchObject({ field: 'amount' });
    expect(fractionOfCents[0]).toMatchObject({ field: 'amount' });
  });

  it('should check dates in order and parts not exceeding wholes', () => {
    // Act
    const periodBackwards = errorsFor('resource-line', {
      regionId: 'r',
      agency: 'a',
      programme: 'p',
      amount: '1',
      periodStart: '2026-07-01',
      periodEnd: '2026-06-30',
    });
    const partOverWhole = errorsFor('indicator', {
      councilId: 'c',
      period: '2026-Q1',
      peopleNotInWorkOrTraining: 10,
      youngPeopleNotInWorkOrTraining: 11,
    });

    // Assess
    expect(periodBackwards[0]).toMatchObject({
      field: 'periodEnd',
      message: 'the period must not end before it starts (2026-06-30 is before 2026-07-01)',
    });
    expect(partOverWhole[0]).toMatchObject({ field: 'youngPeopleNotInWorkOrTraining' });
  });

  it('should refuse hours with more than two decimal places', () => {
    // Act
    const errors = errorsFor('activity', {
      adviserId: 'a',
      councilId: 'c',
      weekStarting: '2026-11-16',
      kind: 'advice',
      hours: 1.234,
    });

    // Assess
    expect(errors[0]).toMatchObject({
      field: 'hours',
      message: expect.stringContaining('two decimal places'),
    });
  });
});
