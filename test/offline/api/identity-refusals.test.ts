import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RECORD_DEFINITIONS } from '../../../functions/records/registry.ts';
import type { MemoryRecordStore } from '../../../functions/store/memory-record-store.ts';
import { seedWorld, values } from '../../support/factories.ts';
import { type Harness, startOfflineHarness } from '../../support/harness.ts';

/**
 * A refusal that depends only on who is asking comes before anything is looked up: a mayor's
 * office writing an activity is told activities are kept by CEG (403), not that an adviser it
 * cannot see does not exist; a viewer hears that viewers do not change records. Each write route
 * of every record type is tried, and the store must not have been read for the answer.
 */
let h: Harness<MemoryRecordStore>;
let world: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(async () => {
  h = await startOfflineHarness();
  world = await seedWorld(h);
});
afterEach(() => vi.restoreAllMocks());

/** Counts the store's reads from here on. */
function watchReads(store: MemoryRecordStore): () => number {
  const spies = (['get', 'getMany', 'list', 'pull', 'history', 'version', 'listAwaiting'] as const).map(
    (method) => vi.spyOn(store, method),
  );
  return () => spies.reduce((n, spy) => n + spy.mock.calls.length, 0);
}

const CEG_KEPT = RECORD_DEFINITIONS.filter((d) => !d.taskforceWrites);

/** Every way of writing a record of a type: the record routes and a push. */
const WRITES = [
  ['POST', (path: string) => `/v1/${path}`, {}],
  ['PUT', (path: string) => `/v1/${path}/some-id`, { 'if-match': '"1"' }],
  ['PATCH', (path: string) => `/v1/${path}/some-id`, { 'if-match': '"1"' }],
  ['DELETE', (path: string) => `/v1/${path}/some-id`, { 'if-match': '"1"' }],
  ['POST', (path: string) => `/v1/sync/${path}`, {}],
] as const;

const bodyFor = (method: string, url: string) =>
  method === 'DELETE'
    ? undefined
    : url.startsWith('/v1/sync/')
      ? { rows: [{ id: 'some-id', values: { councilId: 'christchurch-city' } }] }
      : { councilId: 'christchurch-city' };

describe('refusals by who is asking, before any look-up', () => {
  it("should tell a mayor's office writing an activity that activities are kept by CEG, not that the adviser is unknown", async () => {
    // Prepare
    const reads = watchReads(h.store);

    // Act
    const response = await h.request('POST', '/v1/activities', {
      token: world.tokens.mayor,
      body: values.activity(world.adviserId, 'christchurch-city'),
    });

    // Assess
    expect(response.status).toBe(403);
    expect(response.body.detail).toMatch(/^Activities are kept by CEG/);
    expect(JSON.stringify(response.body)).not.toMatch(/adviser|does not exist/i);
    expect(reads()).toBe(0);
  });

  it.each(
    CEG_KEPT.flatMap((d) =>
      WRITES.map(([method, url, headers]) => [d.label, method, url(d.path), headers] as const),
    ),
  )(
    "should refuse a mayor's office writing %s (%s %s) as kept by CEG, reading nothing",
    async (_label, method, url, headers) => {
      // Prepare
      const reads = watchReads(h.store);
      const definition = CEG_KEPT.find((d) => url.includes(`/${d.path}`))!;

      // Act
      const response = await h.request(method, url, {
        token: world.tokens.mayor,
        headers,
        body: bodyFor(method, url),
      });

      // Assess: a push answers 200 with each row refused; the record routes answer 403.
      const detail = url.startsWith('/v1/sync/') ? response.body.rows[0].message : response.body.detail;
      expect(response.status).toBe(url.startsWith('/v1/sync/') ? 200 : 403);
      expect(detail).toContain(`${definition.pluralLabel} are kept by CEG`);
      expect(reads()).toBe(0);
    },
  );

  it.each(
    RECORD_DEFINITIONS.flatMap((d) =>
      WRITES.map(([method, url, headers]) => [d.label, method, url(d.path), headers] as const),
    ),
  )(
    'should refuse a viewer writing %s (%s %s) for being a viewer, reading nothing',
    async (_label, method, url, headers) => {
      // Prepare
      const reads = watchReads(h.store);

      // Act
      const response = await h.request(method, url, {
        token: world.tokens.viewer,
        headers,
        body: bodyFor(method, url),
      });

      // Assess
      const detail = url.startsWith('/v1/sync/') ? response.body.rows[0].message : response.body.detail;
      expect(detail).toContain('viewers can read but not change records');
      expect(reads()).toBe(0);
    },
  );

  it("should still let a mayor's office record a need for its council", async () => {
    // Act
    const response = await h.request('POST', '/v1/needs', {
      token: world.tokens.mayor,
      body: {
        councilId: 'christchurch-city',
        title: 'School leavers in the east',
        kind: 'need',
        identifiedOn: '2026-03-01',
        status: 'open',
      },
    });

    // Assess
    expect(response.status).toBe(201);
  });
});
