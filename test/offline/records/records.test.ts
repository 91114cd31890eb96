import { describe, expect, it } from 'vitest';
import { parseIssuers } from '../../../functions/api/authenticate.ts';
import { canonicalJson } from '../../../functions/domain/canonical-json.ts';
import { diffValues } from '../../../functions/domain/change-planner.ts';
import { BadCursorError } from '../../../functions/domain/errors.ts';
import { newZealandDate } from '../../../functions/domain/new-zealand-day.ts';
import { writeRefusal } from '../../../functions/domain/principal.ts';
import { fieldErrorsFromZod } from '../../../functions/records/field-errors.ts';
import { definitionForType, RECORD_DEFINITIONS } from '../../../functions/records/registry.ts';
import { createDocumentClient, NotLocalEndpointError } from '../../../functions/store/client.ts';
import { decodeCursor, encodeCursor } from '../../../functions/store/cursor.ts';

const strategy = definitionForType('strategy')!;

function errorsFor(type: string, input: Record<string, unknown>) {
  const definition = definitionForType(type)!;
  const parsed = definition.schema.safeParse(input);
  if (!parsed.success) return fieldErrorsFromZod(definition, parsed.error, input);
  return definition.refine?.(parsed.data as Record<string, unknown>) ?? [];
}

describe('offline: record definitions', () => {
  it('should define the 22 record types at kebab-case plural paths, each field described', () => {
    expect(RECORD_DEFINITIONS).toHaveLength(22);
    for (const definition of RECORD_DEFINITIONS) {
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
    expect(
      errorsFor('need', { councilId: 'c', title: 't', kind: 'need', identifiedOn: '1/3/26', status: 'open' }),
    ).toEqual([
      {
        field: 'identifiedOn',
        message: 'expected a date like 2026-03-01 (year-month-day), got "1/3/26"',
        received: '1/3/26',
      },
    ]);
  });

  it('should keep money exact as decimal strings and refuse floats', () => {
    const base = {
      regionId: 'r',
      agency: 'MSD',
      programme: 'Job Streams',
      periodStart: '2026-07-01',
      periodEnd: '2027-06-30',
    };
    expect(errorsFor('resource-line', { ...base, amount: '1250000.50' })).toEqual([]);
    expect(errorsFor('resource-line', { ...base, amount: 1250000.5 })[0]).toMatchObject({ field: 'amount' });
    expect(errorsFor('resource-line', { ...base, amount: '12.345' })[0]).toMatchObject({ field: 'amount' });
  });

  it('should check dates in order and parts not exceeding wholes', () => {
    expect(
      errorsFor('resource-line', {
        regionId: 'r',
        agency: 'a',
        programme: 'p',
        amount: '1',
        periodStart: '2026-07-01',
        periodEnd: '2026-06-30',
      })[0],
    ).toMatchObject({
      field: 'periodEnd',
      message: 'the period must not end before it starts (2026-06-30 is before 2026-07-01)',
    });
    expect(
      errorsFor('indicator', {
        councilId: 'c',
        period: '2026-Q1',
        peopleNotInWorkOrTraining: 10,
        youngPeopleNotInWorkOrTraining: 11,
      })[0],
    ).toMatchObject({
      field: 'youngPeopleNotInWorkOrTraining',
    });
  });

  it('should refuse hours with more than two decimal places', () => {
    expect(
      errorsFor('activity', {
        adviserId: 'a',
        councilId: 'c',
        weekStarting: '2026-11-16',
        kind: 'advice',
        hours: 1.234,
      })[0],
    ).toMatchObject({ field: 'hours', message: expect.stringContaining('two decimal places') });
  });
});

describe('offline: change detection', () => {
  it('should compare values whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(
      canonicalJson({ a: [1, { c: 3, d: 2 }], b: 1 }),
    );
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('should list what changed field by field', () => {
    expect(diffValues({ a: 1, b: 'x' }, { a: 2, c: true })).toEqual([
      { field: 'a', from: 1, to: 2 },
      { field: 'b', from: 'x', to: undefined },
      { field: 'c', from: undefined, to: true },
    ]);
  });
});

describe('offline: access rules', () => {
  const council = definitionForType('council')!;
  it('should keep reference data to national staff and regions to their own staff', () => {
    expect(
      writeRefusal({ kind: 'user', id: 'a', role: 'national', regionIds: [] }, council, 'otago'),
    ).toBeUndefined();
    expect(
      writeRefusal({ kind: 'user', id: 'b', role: 'regional', regionIds: ['otago'] }, council, 'otago'),
    ).toContain('only by national staff');
    expect(
      writeRefusal({ kind: 'user', id: 'c', role: 'adviser', regionIds: ['otago'] }, strategy, 'canterbury'),
    ).toContain('cannot change records of region "canterbury"');
    expect(
      writeRefusal(
        { kind: 'client', id: 'd', role: 'national', regionIds: [], scopes: new Set(['records/read']) },
        strategy,
        'otago',
      ),
    ).toContain('records/write scope');
  });
});

describe('offline: cursors and endpoints', () => {
  it('should round-trip a cursor for its own list and refuse it for another', () => {
    // Act
    const raw = encodeCursor({ v: 1, q: 'list:a', k: { pk: 'x' } });

    // Assess
    expect(decodeCursor(raw, 'list:a').k).toEqual({ pk: 'x' });
    expect(() => decodeCursor(raw, 'list:b')).toThrow(BadCursorError);
    expect(() => decodeCursor('%%%', 'list:a')).toThrow(BadCursorError);
  });

  it('should refuse to talk to a real AWS endpoint when local-only', () => {
    expect(() =>
      createDocumentClient({ endpoint: 'https://dynamodb.ap-southeast-2.amazonaws.com', localOnly: true }),
    ).toThrow(NotLocalEndpointError);
    expect(() => createDocumentClient({ localOnly: true })).toThrow(NotLocalEndpointError);
    expect(() => createDocumentClient({ endpoint: 'http://127.0.0.1:8000', localOnly: true })).not.toThrow();
  });

  it("should take today's date in New Zealand, not UTC", () => {
    expect(newZealandDate(new Date('2026-11-22T12:30:00Z'))).toBe('2026-11-23');
  });
});

describe('offline: trusted issuers', () => {
  const dev = JSON.stringify([
    { kind: 'development', issuer: 'https://dev', audience: ['local'], jwks: { keys: [] } },
  ]);

  it('should refuse a development issuer unless the local runtime allows it', () => {
    expect(() => parseIssuers(dev, false)).toThrow('only allowed in local runs');
    expect(parseIssuers(dev, true)).toHaveLength(1);
  });

  it('should read the cloud issuers from AUTH_ISSUERS', () => {
    const google = {
      kind: 'google',
      issuer: 'https://accounts.google.com',
      audience: ['client-id'],
      jwksUri: 'https://www.googleapis.com/oauth2/v3/certs',
    };
    expect(parseIssuers(JSON.stringify([google]), false)).toEqual([google]);
    expect(parseIssuers(undefined, false)).toEqual([]);
  });
});
