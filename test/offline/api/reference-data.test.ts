import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../../data/reference.ts';
import { currentRecords, SEED_PRINCIPAL } from '../../../data/seed-loader.ts';
import { RecordService } from '../../../functions/domain/record-service.ts';
import { definitionForType } from '../../../functions/records/registry.ts';
import { type Harness, startOfflineHarness } from '../../support/harness.ts';

/** Reference data goes in through the one write path, once, and stays put on every reload. */
let h: Harness;
let service: RecordService;
let national: string;
let first: Awaited<ReturnType<typeof loadReferenceData>>;

beforeAll(async () => {
  h = await startOfflineHarness();
  service = new RecordService(h.store);
  national = await h.signIn('nat@ceg.example.nz', 'national');
  first = await loadReferenceData(service, SEED_PRINCIPAL);
});
afterAll(() => h.close());

const all = (type: string) => currentRecords(service, definitionForType(type)!, SEED_PRINCIPAL);

describe('reference data: loading New Zealand regions and councils', () => {
  it('should create 17 regions and 67 councils as the seed principal', async () => {
    // Assess
    expect(first.regions.created).toBe(17);
    expect(first.councils.created).toBe(67);
    const councils = [...(await all('council')).values()];
    expect(councils).toHaveLength(67);
    expect(councils.every((c) => c.createdBy === 'system:seed' && c.version === 1)).toBe(true);
    expect(councils.every((c) => c.values.taskforceMember === false)).toBe(true);
  });

  it('should serve macron names and the Chatham Islands outside the CEG regions over the API', async () => {
    // Act
    const whangarei = await h.request('GET', '/v1/councils/whangarei-district', { token: national });
    const region = await h.request('GET', '/v1/regions/manawatu-whanganui', { token: national });
    const chatham = await h.request('GET', '/v1/councils/chatham-islands-territory', { token: national });
    const outside = await h.request('GET', '/v1/regions/area-outside-region', { token: national });

    // Assess
    expect(whangarei.body).toMatchObject({
      regionId: 'northland',
      values: { name: 'Whangārei District', kind: 'district' },
    });
    expect(region.body.values).toEqual({ name: 'Manawatū-Whanganui', cegRegion: true });
    expect(chatham.body).toMatchObject({ regionId: 'area-outside-region', values: { kind: 'territory' } });
    expect(outside.body.values).toEqual({ name: 'Area Outside Region', cegRegion: false });
  });

  it('should report everything unchanged on a second load and make no new versions', async () => {
    // Act
    const second = await loadReferenceData(service, SEED_PRINCIPAL);

    // Assess
    expect(second.regions).toMatchObject({ unchanged: 17, created: 0, updated: 0 });
    expect(second.councils).toMatchObject({ unchanged: 67, created: 0, updated: 0 });
    const records = [...(await all('region')).values(), ...(await all('council')).values()];
    expect(records.every((r) => r.version === 1)).toBe(true);
  });

  it('should keep Taskforce membership recorded since when it loads again', async () => {
    // Prepare: national staff record a membership and a mayor.
    const patched = await h.request('PATCH', '/v1/councils/taupo-district', {
      token: national,
      body: { taskforceMember: true, memberSince: '2001-03-05', mayor: 'Kiri Walker' },
      headers: { 'if-match': '"1"' },
    });
    expect(patched.status).toBe(200);

    // Act
    const again = await loadReferenceData(service, SEED_PRINCIPAL);

    // Assess
    expect(again.councils).toMatchObject({ unchanged: 67, updated: 0 });
    const taupo = await h.store.get('council', 'taupo-district');
    expect(taupo).toMatchObject({
      version: 2,
      values: {
        name: 'Taupō District',
        taskforceMember: true,
        memberSince: '2001-03-05',
        mayor: 'Kiri Walker',
      },
    });
  });

  it('should put back a council deleted by mistake, as a non-member', async () => {
    // Prepare
    const deleted = await h.request('DELETE', '/v1/councils/gore-district', {
      token: national,
      headers: { 'if-match': '"1"' },
    });
    expect(deleted.status).toBe(200);

    // Act
    const again = await loadReferenceData(service, SEED_PRINCIPAL);

    // Assess
    expect(again.councils).toMatchObject({ created: 1, unchanged: 66 });
    const gore = await h.request('GET', '/v1/councils/gore-district', { token: national });
    expect(gore.body).toMatchObject({
      version: 3,
      values: { name: 'Gore District', taskforceMember: false },
    });
  });
});
