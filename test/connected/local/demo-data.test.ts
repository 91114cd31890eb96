import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../../data/demo/generator.ts';
import { loadDemoData } from '../../../data/demo/load.ts';
import { loadReferenceData, referenceData } from '../../../data/reference.ts';
import { SEED_PRINCIPAL, SeedLoadError } from '../../../data/seed-loader.ts';
import { RecordService } from '../../../functions/domain/record-service.ts';
import { SignOffService } from '../../../functions/domain/sign-off-service.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

/**
 * Demo data goes in through the API's write path (RecordService.push), so every row meets the
 * same schema, references, region scoping and domain rules as a user's. One small region keeps
 * this quick: the full national set (about 3,200 rows) takes about 35 s on DynamoDB Local here,
 * and the generator's unit tests check the national figures.
 */
const TODAY = '2026-03-18';
const REGIONS = ['west-coast'];

let h: Harness;
let service: RecordService;
let national: string;
const rows = generateDemoData({ seed: 2001, today: TODAY, regionIds: REGIONS });
let first: Awaited<ReturnType<typeof loadDemoData>>;

beforeAll(async () => {
  h = await startHarness();
  service = new RecordService(h.store);
  national = await h.signIn('nat@ceg.example.nz', 'national');
  // Act, shared by the tests below: load the reference data, then a region of demo data.
  await loadReferenceData(service, SEED_PRINCIPAL);
  first = await loadDemoData(service, SEED_PRINCIPAL, rows, new SignOffService(h.store));
});
afterAll(() => h.close());

describe('demo data: loading through the write path', () => {
  it('should store every row, with no invalid, forbidden or conflicting one', () => {
    // Assess: member councils were reference data already, so they are updated; all else is new.
    const councils = rows.filter((r) => r.type === 'council' || r.type === 'region').length;
    expect(first.total).toMatchObject({
      created: rows.length - councils,
      updated: councils,
      invalid: 0,
      conflict: 0,
      forbidden: 0,
      failed: 0,
    });
    expect(Object.keys(first.byType)).toHaveLength(22);
  });

  it('should derive the weekly project name for activities and serve them to the region', async () => {
    // Prepare
    const activity = rows.find((r) => r.type === 'activity')!;
    const council = referenceData().councils.find((c) => c.id === activity.values.councilId)!;

    // Act
    const read = await h.request('GET', `/v1/activities/${activity.id}`, { token: national });

    // Assess
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ regionId: 'west-coast', councilId: council.id });
    expect(read.body.values).toMatchObject({
      projectName: `MTFJ ${council.name.replace(/ District$/, '')}`,
      nonFunded: true,
    });
  });

  it('should show published employment profiles and listed services to the public only', async () => {
    // Act
    const services = await h.request('GET', '/v1/public/services?region=west-coast');
    const profiles = await h.request('GET', '/v1/public/employment-profiles?region=west-coast');

    // Assess
    const visible = (type: string, flag: string) =>
      rows.filter((r) => r.type === type && r.values[flag]).length;
    expect(services.body.items).toHaveLength(visible('service', 'listed'));
    expect(profiles.body.items).toHaveLength(visible('employment-profile', 'published'));
    expect(JSON.stringify(services.body)).not.toContain('internalNotes');
    expect(JSON.stringify(profiles.body)).not.toContain('consultationNotes');
  });

  it('should report every row unchanged on a second load, with no new versions', async () => {
    // Act
    const second = await loadDemoData(service, SEED_PRINCIPAL, rows, new SignOffService(h.store));

    // Assess
    expect(second.total).toMatchObject({ unchanged: rows.length, created: 0, updated: 0 });
    const member = rows.find((r) => r.type === 'council')!;
    expect((await h.store.get('council', member.id))?.version).toBe(2);
  });

  it('should refuse loudly, naming the row and field, when a row breaks a rule', async () => {
    // Prepare: an activity for a council that is not a Taskforce member.
    const outsider = rows.find((r) => r.type === 'activity')!;
    const bad = { ...outsider, id: 'act-bad', values: { ...outsider.values, councilId: 'dunedin-city' } };

    // Act
    const loading = loadDemoData(service, SEED_PRINCIPAL, [bad], new SignOffService(h.store));

    // Assess
    await expect(loading).rejects.toThrow(SeedLoadError);
    await expect(loading).rejects.toThrow(
      /activity act-bad: invalid \(councilId: Dunedin City is not a Mayors Taskforce for Jobs member council/,
    );
  });

  it('should not overwrite a record someone changed since it was loaded', async () => {
    // Prepare: a person edits a demo need.
    const need = rows.find((r) => r.type === 'need')!;
    const edited = await h.request('PATCH', `/v1/needs/${need.id}`, {
      token: national,
      body: { status: 'closed', title: 'Edited by a person' },
      headers: { 'if-match': '"1"' },
    });
    expect(edited.status).toBe(200);

    // Act
    const loading = loadDemoData(service, SEED_PRINCIPAL, [need], new SignOffService(h.store));

    // Assess
    await expect(loading).rejects.toThrow(`need ${need.id}: conflict`);
    expect((await h.store.get('need', need.id))?.values.title).toBe('Edited by a person');
  });
});
