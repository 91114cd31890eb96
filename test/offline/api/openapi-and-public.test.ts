import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_DEFINITIONS } from '../../../functions/records/registry.ts';
import { post, seedWorld } from '../../support/factories.ts';
import { type Harness, startOfflineHarness } from '../../support/harness.ts';

let h: Harness;
let world: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(async () => {
  h = await startOfflineHarness();
  world = await seedWorld(h);
});
afterAll(() => h.close());

/** Every $ref in the document, so that none points nowhere. */
function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refsIn(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsIn(value, found);
    }
  }
  return found;
}

/** Follows a local $ref (#/components/...) to what it names. */
function resolve(doc: any, ref: string): any {
  return ref
    .slice(2)
    .split('/')
    .reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

describe('OpenAPI document, generated from the record definitions', () => {
  it('should describe every record type with its fields, routes and problems', async () => {
    // Act
    const response = await h.request('GET', '/openapi.json');

    // Assess
    expect(response.status).toBe(200);
    const doc = response.body;
    expect(doc.openapi).toBe('3.1.0');
    for (const definition of RECORD_DEFINITIONS) {
      const name = definition.type.replace(/(^|-)([a-z])/g, (_: string, __: string, c: string) =>
        c.toUpperCase(),
      );
      const schema = doc.components.schemas[`${name}Values`];
      expect(Object.keys(schema.properties).sort(), definition.type).toEqual(
        definition.fields
          .filter((f) => !f.derived)
          .map((f) => f.name)
          .sort(),
      );
      expect(schema.additionalProperties).toBe(false);
      expect(schema.required.sort()).toEqual(
        definition.fields
          .filter((f) => f.required)
          .map((f) => f.name)
          .sort(),
      );
      for (const path of [
        `/v1/${definition.path}`,
        `/v1/${definition.path}/{id}`,
        `/v1/${definition.path}/{id}/history`,
        `/v1/sync/${definition.path}`,
      ]) {
        expect(doc.paths[path], path).toBeDefined();
      }
      const invalid = resolve(doc, doc.paths[`/v1/${definition.path}`].post.responses['422'].$ref);
      expect(invalid.content['application/problem+json']).toBeDefined();
    }
    for (const ref of refsIn(doc)) expect(resolve(doc, ref), ref).toBeDefined();
    expect(doc.components.schemas.StrategyValues.properties.startedOn).toMatchObject({
      title: 'Started on',
      description: 'When it went active (YYYY-MM-DD)',
    });
    expect(doc.components.schemas.StrategyValues.properties.startedOn.format).toBe('date');
    expect(doc.components.schemas.StrategyValues.properties.goal.enum).toEqual(['2005-youth', '2009-all']);
    for (const path of ['/v1/dashboard/latest', '/v1/dashboard/{date}', '/v1/reports/quarterly/{quarter}']) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
  });

  it('should send /docs to the self-hosted reference (see api-docs-browser.test.ts)', async () => {
    // Act
    const response = await h.request('GET', '/docs');

    // Assess
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/docs/index.html');
  });

  it('should publish the type catalogue that sheets build their columns from', async () => {
    // Act
    const response = await h.request('GET', '/v1/types');

    // Assess
    expect(response.status).toBe(200);
    const activity = response.body.items.find((t: { type: string }) => t.type === 'activity');
    expect(activity.fields.find((f: { name: string }) => f.name === 'projectName')).toMatchObject({
      derived: true,
      title: 'Project',
    });
    expect(activity.fields.find((f: { name: string }) => f.name === 'councilId')).toMatchObject({
      kind: 'reference',
      refType: 'council',
      required: true,
    });
  });

  it('should answer health checks without a token', async () => {
    // Act
    const response = await h.request('GET', '/healthz');

    // Assess
    expect(response.body).toMatchObject({ status: 'ok' });
  });
});

describe('public service directory', () => {
  beforeAll(async () => {
    const token = world.tokens.canterbury;
    const service = {
      regionId: 'canterbury',
      provider: 'Ōtautahi Trust',
      category: 'youth',
      description: 'Youth job coaching in Ōtautahi',
      listed: true,
      internalNotes: 'funding ends June',
    };
    await post(h, token, 'services', { ...service, name: 'Rangatahi Mahi' });
    await post(h, token, 'services', { ...service, name: 'Hidden service', listed: false });
    await post(h, token, 'services', {
      ...service,
      name: 'Training hub',
      category: 'training',
      description: 'Forklift and first-aid courses',
    });
  });

  it('should list listed services with public fields only, without a token', async () => {
    // Act
    const response = await h.request('GET', '/v1/public/services?region=canterbury');

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.items.map((s: { values: { name: string } }) => s.values.name).sort()).toEqual([
      'Rangatahi Mahi',
      'Training hub',
    ]);
    for (const item of response.body.items) {
      expect(item.values.internalNotes).toBeUndefined();
      expect(item.values.listed).toBeUndefined();
      expect(Object.keys(item).sort()).toEqual(['id', 'regionId', 'type', 'updatedAt', 'values']);
    }
  });

  const names = (response: { body: { items: { values: { name: string } }[] } }) =>
    response.body.items.map((s) => s.values.name);

  it('should search with and without macrons', async () => {
    // Act
    const folded = await h.request('GET', '/v1/public/services?q=otautahi%20coaching');

    // Assess
    expect(names(folded)).toEqual(['Rangatahi Mahi']);
  });

  it('should filter by category, and refuse a category it does not know', async () => {
    // Act
    const training = await h.request('GET', '/v1/public/services?category=training');
    const banking = await h.request('GET', '/v1/public/services?category=banking');

    // Assess
    expect(names(training)).toEqual(['Training hub']);
    expect(banking.status).toBe(400);
  });

  it('should hide unlisted services even by id', async () => {
    // Prepare
    const all = await h.request('GET', '/v1/services?region=canterbury', { token: world.tokens.canterbury });
    const hidden = all.body.items.find(
      (s: { values: { name: string } }) => s.values.name === 'Hidden service',
    );

    // Act
    const response = await h.request('GET', `/v1/public/services/${hidden.id}`);

    // Assess
    expect(response.status).toBe(404);
  });
});
