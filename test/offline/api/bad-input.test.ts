import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_DEFINITIONS } from '../../../functions/records/registry.ts';
import { seedWorld, values } from '../../support/factories.ts';
import { type Harness, startOfflineHarness } from '../../support/harness.ts';

let h: Harness;
let token: string;
let adviserId: string;

beforeAll(async () => {
  h = await startOfflineHarness();
  const world = await seedWorld(h);
  token = world.tokens.canterbury;
  adviserId = world.adviserId;
});
afterAll(() => h.close());

function expectProblem(response: { status: number; headers: Headers; body: any }, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body).toMatchObject({
    status,
    title: expect.any(String),
    detail: expect.any(String),
    type: expect.stringContaining('/problems/'),
  });
}

describe('bad input gets a clear problem and stores nothing', () => {
  it('should refuse malformed JSON and say so', async () => {
    // Act
    const response = await h.request('POST', '/v1/strategies', {
      token,
      rawBody: '{"title": "x",',
      headers: { 'content-type': 'application/json' },
    });

    // Assess
    expectProblem(response, 400);
    expect(response.body.detail).toContain('The body is not valid JSON');
  });

  it('should refuse a body that is not JSON', async () => {
    // Act
    const response = await h.request('POST', '/v1/strategies', {
      token,
      rawBody: 'title=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    // Assess
    expectProblem(response, 415);
  });

  it('should name every bad field with what was expected and what was given', async () => {
    // Act
    const response = await h.request('POST', '/v1/strategies', {
      token,
      body: {
        ...values.strategy('christchurch-city'),
        jointlySupported: 'yes',
        startedOn: '1/3/26',
        peopleIntoWorkOrTraining: 2.5,
        colour: 'blue',
      },
    });

    // Assess
    expectProblem(response, 422);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'jointlySupported', message: 'expected true or false, got "yes"', received: 'yes' },
        {
          field: 'startedOn',
          message: 'expected a date like 2026-03-01 (year-month-day), got "1/3/26"',
          received: '1/3/26',
        },
        { field: 'peopleIntoWorkOrTraining', message: 'expected a whole number, got 2.5', received: 2.5 },
        expect.objectContaining({
          field: 'colour',
          message: expect.stringContaining('unknown field "colour"'),
        }),
      ]),
    );
  });

  it('should refuse impossible dates such as 30 February', async () => {
    // Act
    const response = await h.request('POST', '/v1/needs', {
      token,
      body: {
        councilId: 'christchurch-city',
        title: 'x',
        kind: 'need',
        identifiedOn: '2026-02-30',
        status: 'open',
      },
    });

    // Assess
    expectProblem(response, 422);
    expect(response.body.errors[0].field).toBe('identifiedOn');
  });

  it('should refuse system fields in the values', async () => {
    // Act
    const response = await h.request('POST', '/v1/needs', {
      token,
      body: {
        councilId: 'christchurch-city',
        title: 'x',
        kind: 'need',
        identifiedOn: '2026-02-03',
        status: 'open',
        version: 7,
      },
    });

    // Assess
    expectProblem(response, 422);
    expect(response.body.errors[0]).toMatchObject({
      field: 'version',
      message: 'version is set by the system; leave it out of the values',
    });
  });

  it('should refuse an oversized body with 413', async () => {
    // Act
    const response = await h.request('POST', '/v1/practices', {
      token,
      body: { regionId: 'canterbury', title: 'Big', summary: 'x'.repeat(300 * 1024) },
    });

    // Assess
    expectProblem(response, 413);
  });

  it('should refuse an oversized push with 413', async () => {
    // Act
    const big = await h.request('POST', '/v1/sync/practices', {
      token,
      rawBody: JSON.stringify({ rows: [{ values: { x: 'y'.repeat(6 * 1024 * 1024) } }] }),
      headers: { 'content-type': 'application/json' },
    });

    // Assess
    expectProblem(big, 413);
  });

  it('should refuse a push of more than 500 rows with 400', async () => {
    // Act
    const many = await h.request('POST', '/v1/sync/practices', {
      token,
      body: { rows: Array.from({ length: 501 }, () => ({ values: {} })) },
    });

    // Assess
    expectProblem(many, 400);
    expect(JSON.stringify(many.body.errors)).toContain('send at most 500 rows per push');
  });

  it('should refuse a cursor it did not issue', async () => {
    // Act
    const response = await h.request('GET', '/v1/needs?region=canterbury&cursor=not-a-cursor!', { token });

    // Assess
    expectProblem(response, 400);
  });

  it('should refuse a cursor from another list', async () => {
    // Prepare
    const forged = Buffer.from(JSON.stringify({ v: 1, q: 'list:byRegion:need#otago::' })).toString(
      'base64url',
    );

    // Act
    const response = await h.request('GET', `/v1/needs?region=canterbury&cursor=${forged}`, { token });

    // Assess
    expectProblem(response, 400);
    expect(response.body.detail).toContain('belongs to a different list');
  });

  it('should refuse bad query parameters by name', async () => {
    // Act
    const response = await h.request('GET', '/v1/needs?region=canterbury&limit=5000', { token });

    // Assess
    expectProblem(response, 400);
    expect(response.body.errors[0]).toMatchObject({
      field: 'limit',
      message: 'must be at most 500, got "5000"',
    });
  });

  it('should answer unknown types, ids and routes with 404 problems', async () => {
    // Act
    const type = await h.request('GET', '/v1/widgets', { token });
    const id = await h.request('GET', '/v1/needs/01NOPE', { token });
    const route = await h.request('GET', '/nowhere');

    // Assess
    expectProblem(type, 404);
    expect(type.body.detail).toContain('There is no record type "widgets"');
    expectProblem(id, 404);
    expectProblem(route, 404);
  });

  it('should require If-Match to change a record', async () => {
    // Prepare
    const created = await h.request('POST', '/v1/practices', {
      token,
      body: { regionId: 'canterbury', title: 'T', summary: 'S' },
    });

    // Act
    const response = await h.request('PUT', `/v1/practices/${created.body.id}`, {
      token,
      body: { regionId: 'canterbury', title: 'T2', summary: 'S' },
    });

    // Assess
    expectProblem(response, 428);
    expect(response.body.detail).toContain('If-Match');
  });

  it('should answer every generated bad payload with a 4xx problem naming a field, and store nothing', async () => {
    // Prepare: random objects with wrong types or unknown keys, which must be refused field by field.
    const definition = RECORD_DEFINITIONS.find((d) => d.type === 'activity')!;
    const good = values.activity(adviserId, 'christchurch-city');
    const badValue = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string()),
      fc.object(),
    );
    const mutation = fc.oneof(
      fc.record({
        field: fc.constantFrom(...definition.fields.filter((f) => !f.derived).map((f) => f.name)),
        value: badValue,
      }),
      fc.record({
        field: fc.string({ minLength: 1 }).filter((k) => !(k in good) && k !== '__proto__'),
        value: badValue,
      }),
    );

    // Act: push each generated payload; the property checks each answer as it comes.
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        const body: Record<string, unknown> = { ...good };
        for (const m of mutations) body[m.field] = m.value;
        const response = await h.request('POST', '/v1/sync/activities?dryRun=false', {
          token,
          body: { rows: [{ values: body }] },
        });
        if (response.status !== 200) return false;
        const row = response.body.rows[0];
        // Some mutations happen to be valid (a new summary string): those may be created.
        if (row.status === 'created') return true;
        checked++;
        return (
          row.status === 'invalid' &&
          row.errors.length > 0 &&
          row.errors.every((e: { field: string; message: string }) => e.field && e.message)
        );
      }),
      { numRuns: 1000 },
    );

    // Assess
    expect(checked).toBeGreaterThan(800);

    const stored = await h.request('GET', '/v1/activities?region=canterbury&limit=500', { token });
    const invalidStored = stored.body.items.filter((r: { values: Record<string, unknown> }) =>
      Object.keys(r.values).some((k) => !definition.fields.some((f) => f.name === k)),
    );
    expect(invalidStored).toEqual([]);
  });
});
