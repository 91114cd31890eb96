import { beforeAll, describe, expect, it } from 'vitest';
import type { MemoryRecordStore } from '../../../functions/store/memory-record-store.ts';
import { post, seedWorld } from '../../support/factories.ts';
import { type Harness, startOfflineHarness } from '../../support/harness.ts';

/**
 * The change feed over the API: each reader sees the changes of records they may read, in commit
 * order, and a cursor carries on after the last one seen. The feed reads with no settle delay here
 * (changeSettleMs 0); the delay itself is the domain's (test/offline/domain/change-feed.test.ts).
 */
let h: Harness<MemoryRecordStore>;
let world: Awaited<ReturnType<typeof seedWorld>>;
let christchurchNeed: string;
let dunedinNeed: string;
const need = (councilId: string) => ({
  councilId,
  title: `A need in ${councilId}`,
  kind: 'need',
  identifiedOn: '2026-01-05',
  status: 'open',
});

type Change = { type: string; recordType: string; recordId: string; regionId: string; record: string };
const changes = async (token: string, query = '') => {
  const response = await h.request('GET', `/v1/changes${query}`, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as { items: Change[]; cursor: string; more: boolean };
};

beforeAll(async () => {
  h = await startOfflineHarness({ changeSettleMs: 0 });
  world = await seedWorld(h);
  christchurchNeed = (await post(h, world.tokens.national, 'needs', need('christchurch-city'))).id;
  dunedinNeed = (await post(h, world.tokens.national, 'needs', need('dunedin-city'))).id;
});

describe('GET /v1/changes', () => {
  it('should give national staff every change, oldest first, each naming its record', async () => {
    // Act
    const page = await changes(world.tokens.national, '?limit=500');

    // Assess
    const needs = page.items.filter((c) => c.recordType === 'need');
    expect(needs.map((c) => c.recordId)).toEqual([christchurchNeed, dunedinNeed]);
    expect(needs[0]).toMatchObject({ type: 'need.created', record: `/v1/needs/${christchurchNeed}` });
    expect(page.items[0]).toMatchObject({ type: 'region.created' });
  });

  it("should show a region's staff and a mayor's office only what they may read", async () => {
    // Act
    const canterbury = await changes(world.tokens.canterbury, '?types=need');
    const mayor = await changes(world.tokens.mayor, '?types=need');
    const dunedinMayor = await changes(world.tokens.dunedinMayor, '?types=need');

    // Assess
    expect(canterbury.items.map((c) => c.recordId)).toEqual([christchurchNeed]);
    expect(mayor.items.map((c) => c.recordId)).toEqual([christchurchNeed]);
    expect(dunedinMayor.items.map((c) => c.recordId)).toEqual([dunedinNeed]);
  });

  it('should carry on from a cursor with later changes only, and filter by kind of change', async () => {
    // Prepare
    const first = await changes(world.tokens.national, '?types=need');

    // Act
    const later = (await post(h, world.tokens.national, 'needs', need('christchurch-city'))).id;
    const next = await changes(world.tokens.national, `?types=need.created&since=${first.cursor}`);
    const none = await changes(world.tokens.national, '?types=need.deleted');

    // Assess
    expect(next.items.map((c) => c.recordId)).toEqual([later]);
    expect(none.items).toEqual([]);
  });

  it('should refuse a filter that names no type or kind of change, saying what it takes', async () => {
    // Act
    const response = await h.request('GET', '/v1/changes?types=need.renamed', {
      token: world.tokens.national,
    });

    // Assess
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('record types or change types');
  });

  it('should refuse without a token, and a cursor of another list', async () => {
    // Act
    const anonymous = await h.request('GET', '/v1/changes');
    const foreign = await h.request('GET', '/v1/changes?since=not-a-cursor', {
      token: world.tokens.national,
    });

    // Assess
    expect(anonymous.status).toBe(401);
    expect(foreign.status).toBe(400);
  });
});
