import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Directory } from '../../../functions/directory/directory-model.ts';
import { directorySourceOf, LiveDirectory } from '../../../functions/directory/live-directory.ts';
import { recordUuid } from '../../../functions/directory/public-directory.ts';
import { createDocumentClient } from '../../../functions/store/client.ts';
import { CurrentRecordsReader } from '../../../functions/store/current-records-reader.ts';
import { type Harness, startHarness } from '../../support/harness.ts';
import { SECRETS, seedPublicDirectory } from '../../support/public-directory-world.ts';

/** The official HSDS 3.0 schemas, beside the clone as in CI (../shared/standards/hsds-3). */
const HSDS = path.resolve(import.meta.dirname, '../../../../shared/standards/hsds-3');
const readSchema = (file: string) => JSON.parse(readFileSync(path.join(HSDS, file), 'utf8'));

let h: Harness;
let world: Awaited<ReturnType<typeof seedPublicDirectory>>;
let validateService: ValidateFunction;
let validateListItem: ValidateFunction;
let validatePage: ValidateFunction;

beforeAll(async () => {
  // HSDS schemas carry their own annotation keywords (core, constraints, …), hence not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: its default export is the plugin itself.
  (formatsPlugin as unknown as typeof formatsPlugin.default)(ajv);
  validateService = ajv.compile(readSchema('compiled/service.json'));
  validateListItem = ajv.compile(readSchema('compiled/service_list.json'));
  const openapi = readSchema('openapi.json');
  validatePage = ajv.compile({ ...openapi.components.schemas.Page, required: ['total_items', 'contents'] });
  // Compiling takes seconds; done before the server starts, so no idle keep-alive socket is reused.
  h = await startHarness();
  world = await seedPublicDirectory(h);
});
afterAll(() => h.close());

function problems(validate: ValidateFunction) {
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('open data: the service directory in HSDS 3.0', () => {
  it('should list listed services, paged as the HSDS reference API pages, each valid against the official schema', async () => {
    // Act
    const first = await h.request('GET', '/hsds/services?per_page=2');
    const second = await h.request('GET', '/hsds/services?per_page=2&page=2');
    // Assess
    expect(first.status).toBe(200);
    expect(validatePage(first.body), problems(validatePage).join('\n')).toBe(true);
    expect(first.body).toMatchObject({
      total_items: 3,
      total_pages: 2,
      page_number: 1,
      size: 2,
      first_page: true,
    });
    expect(second.body).toMatchObject({ page_number: 2, size: 1, last_page: true });
    for (const item of [...first.body.contents, ...second.body.contents]) {
      expect(validateListItem(item), problems(validateListItem).join('\n')).toBe(true);
    }
    const names = [...first.body.contents, ...second.body.contents]
      .map((s: { name: string }) => s.name)
      .sort();
    expect(names).toEqual([
      'Ashburton Job Search Workshop',
      'Christchurch Youth Transition Service',
      'Whangārei Youth Hub',
    ]);
  });

  it('should give a fully nested service with its organisation, address, phone and schedules', async () => {
    // Prepare
    const id = recordUuid('service', world.whangarei.id);

    // Act
    const response = await h.request('GET', `/hsds/services/${id}`);
    // Assess
    expect(response.status).toBe(200);
    expect(validateService(response.body), problems(validateService).join('\n')).toBe(true);
    const s = response.body;
    expect(s).toMatchObject({
      id,
      name: 'Whangārei Youth Hub',
      status: 'active',
      minimum_age: 15,
      maximum_age: 24,
    });
    expect(s.phones[0].number).toBe('(03) 555 0101');
    expect(s.schedules.map((x: { byday: string; opens_at: string }) => [x.byday, x.opens_at])).toEqual([
      ['MO,TU,WE,TH,FR', '09:00'],
      ['SA', '10:00'],
    ]);
    expect(s.service_at_locations[0].location.addresses[0]).toMatchObject({
      address_1: '12 Rathbone Street',
      city: 'Whangārei',
      state_province: 'Northland',
      postal_code: '0110',
      country: 'NZ',
    });
    expect(s.organization.name).toBe('Te Hau Ora Trust');
  });

  it('should validate every service of the full list and search without macrons', async () => {
    // Act
    const full = await h.request('GET', '/hsds/services?full=true&per_page=200');
    const search = await h.request('GET', '/hsds/services?search=whangarei');
    // Assess
    for (const item of full.body.contents)
      expect(validateService(item), problems(validateService).join('\n')).toBe(true);
    expect(search.body.contents.map((s: { name: string }) => s.name)).toEqual(['Whangārei Youth Hub']);
    const org = full.body.contents.find((s: { name: string }) =>
      s.name.startsWith('Christchurch'),
    ).organization;
    expect(org).toMatchObject({
      name: 'Ara Trades Trust',
      description: expect.stringContaining('trades training'),
    });
  });

  it('should answer the HSDS meta route and refuse bad paging with a problem that says what to fix', async () => {
    // Act
    const meta = await h.request('GET', '/hsds');
    const bad = await h.request('GET', '/hsds/services?per_page=0');
    // Assess
    expect(meta.body.version).toBe('3.0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({
      field: 'per_page',
      message: expect.stringContaining('at least 1'),
    });
  });
});

describe('open data: nothing private, ever', () => {
  it('should not serve an unlisted service by either id', async () => {
    // Act
    const byUuid = await h.request('GET', `/hsds/services/${recordUuid('service', world.unlisted.id)}`);
    const byId = await h.request('GET', `/hsds/services/${world.unlisted.id}`);
    // Assess
    expect(byUuid.status).toBe(404);
    expect(byId.status).toBe(404);
  });

  it('should leave unlisted services, internal notes and organisation ids out of every export', async () => {
    // Act
    const exports = await Promise.all(
      [
        '/hsds/services?full=true&per_page=200',
        '/v1/public/services.csv',
        '/v1/public/services',
        '/v1/public/employment-profiles',
      ].map(async (p) => (await fetch(`${h.baseUrl}${p}`)).text()),
    );
    // Assess
    for (const text of exports) {
      for (const secret of [...SECRETS, world.unlisted.id, world.organisation.id])
        expect(text).not.toContain(secret);
    }
  });

  it('should offer the listed services as CSV that spreadsheets read with macrons', async () => {
    // Act
    const response = await fetch(`${h.baseUrl}/v1/public/services.csv`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    // Assess
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('name,provider,category,region');
    expect(text).toContain('Whangārei Youth Hub');
  });
});

describe('the public website function reads the table through a query-only reader', () => {
  const shown = (d: Directory) => ({
    services: d.services,
    profiles: d.profiles,
    regions: d.regions,
    councils: d.councils,
    updatedAt: d.updatedAt,
  });

  it('should read the same directory as the record store', async () => {
    // Prepare
    const client = createDocumentClient({ endpoint: inject('dynamoEndpoint'), localOnly: true });
    // Act
    const viaReader = await new LiveDirectory(new CurrentRecordsReader(client, h.tableName!)).get();
    const viaStore = await new LiveDirectory(directorySourceOf(h.store)).get();
    client.destroy();
    // Assess
    expect(viaReader.services.map((s) => s.name)).toHaveLength(3);
    expect(shown(viaReader)).toEqual(shown(viaStore));
  });

  it('should follow a service taken down and one listed after it first read the directory', async () => {
    // A walk through dependent steps: read, change through the API, refresh by change.
    // Prepare
    const client = createDocumentClient({ endpoint: inject('dynamoEndpoint'), localOnly: true });
    const live = new LiveDirectory(new CurrentRecordsReader(client, h.tableName!), { refreshEveryMs: 0 });
    const before = await live.get();
    const token = await h.signIn('reader-check@ceg.example.nz', 'national');
    const current = await h.request('GET', `/v1/services/${world.ashburton.id}`, { token });
    const { values } = current.body as { values: Record<string, unknown> };
    // Act: take Ashburton down, list a new service
    const down = await h.request('PATCH', `/v1/services/${world.ashburton.id}`, {
      token,
      headers: { 'if-match': `"${current.body.version}"` },
      body: { listed: false },
    });
    const created = await h.request('POST', '/v1/services', {
      token,
      body: { ...values, name: 'Rakaia Reader Check Service', listed: true },
    });
    const after = await live.get();
    client.destroy();
    // Assess
    expect([down.status, created.status]).toEqual([200, 201]);
    expect(before.serviceCount).toBe(3);
    expect(after.service(world.ashburton.id)).toBeUndefined();
    expect(after.search({ words: 'rakaia' }).map((s) => s.name)).toEqual(['Rakaia Reader Check Service']);
  });
});
