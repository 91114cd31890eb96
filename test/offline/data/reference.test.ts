import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findCouncilByName,
  foldName,
  loadReferenceData,
  parseReferenceData,
  referenceData,
  slugOf,
} from '../../../data/reference.ts';
import { currentRecords, SEED_PRINCIPAL } from '../../../data/seed-loader.ts';
import { RecordService } from '../../../functions/domain/record-service.ts';
import { definitionForType } from '../../../functions/records/registry.ts';
import { type Harness, startOfflineHarness } from '../../support/harness.ts';

describe('reference data: New Zealand regions and councils', () => {
  // Act, shared by the tests of this group: the reference data as the app reads it (each test is its Assess).
  const { regions, councils } = referenceData();

  it('should hold the 67 councils (13 cities, 53 districts, the Chatham Islands) in 16 CEG regions and the Area Outside Region', () => {
    // Assess
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
    // Assess
    const names = [...councils.map((c) => c.name), ...regions.map((r) => r.name)];
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
    // Assess
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
    // Prepare
    const header = 'id,name,kind,region\n';

    // Act
    const duplicateId = () => parseReferenceData(`${header}a-city,A City,city,X\na-city,A City,city,X\n`);
    const unknownKind = () => parseReferenceData(`${header}a,A,borough,X\n`);

    // Assess
    expect(duplicateId).toThrow('line 3: id "a-city" is used twice');
    expect(unknownKind).toThrow('line 2: kind "borough" must be one of city, district, territory');
  });
});

describe('matching council names with and without macrons', () => {
  it.each([
    ['  Whangārei   DISTRICT ', 'whangarei district'],
    ['Hawke\u2019s Bay', "hawke's bay"],
  ])('should fold macrons, case, curly apostrophes and spacing: %j', (name, folded) => {
    // Act
    const result = foldName(name);

    // Assess
    expect(result).toBe(folded);
  });

  it.each([
    ["Central Hawke's Bay District", 'central-hawkes-bay-district'],
    ['Manawatū-Whanganui', 'manawatu-whanganui'],
  ])('should make the slug id of %s from its folded name', (name, slug) => {
    // Act
    const result = slugOf(name);

    // Assess
    expect(result).toBe(slug);
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
    // Act
    const council = findCouncilByName(name);

    // Assess
    expect(council?.id).toBe(id);
  });

  it('should find nothing for a name that is no council', () => {
    // Act
    const council = findCouncilByName('Gondor District');

    // Assess
    expect(council).toBeUndefined();
  });
});

/** Reference data goes in through the one write path, once, and stays put on every reload. */
let h: Harness;
let service: RecordService;
let national: string;
let first: Awaited<ReturnType<typeof loadReferenceData>>;

beforeAll(async () => {
  h = await startOfflineHarness();
  service = new RecordService(h.store);
  national = await h.signIn('nat@ceg.example.nz', 'national');
  // Act, shared by the loading tests below: the first load.
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
