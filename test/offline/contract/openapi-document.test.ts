import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/api/openapi.ts';
import { RECORD_DEFINITIONS } from '../../../functions/records/registry.ts';

/**
 * What a consumer needs from every operation, whoever added it: a stable operationId, a declared
 * tag, a summary and description, a schema for every body, and the statuses every route can answer.
 */
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** The document as the API serves it, and its operations one by one. */
function documentAndOperations() {
  const doc = openApiDocument() as any;
  const operations = Object.entries(doc.paths as Record<string, any>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] })),
  );
  return { doc, operations };
}

describe('every operation of the OpenAPI document', () => {
  it('should have a unique camelCase operationId, declared tags, a summary and a description', () => {
    // Act
    const { doc, operations } = documentAndOperations();

    // Assess
    const tags = new Set(doc.tags.map((t: { name: string }) => t.name));
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.operationId, where).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(op.summary, where).toBeTruthy();
      expect(op.description, where).toBeTruthy();
      expect(op.tags?.length, where).toBeGreaterThan(0);
      for (const tag of op.tags) expect(tags.has(tag), `${where}: tag ${tag}`).toBe(true);
    }
  });

  it('should describe a body for every response that has one, and the 429 and 500 answers', () => {
    // Act
    const { operations } = documentAndOperations();

    // Assess
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(['429', '500']));
      for (const [status, response] of Object.entries<any>(op.responses)) {
        if (response.$ref || status === '204') continue;
        for (const [type, media] of Object.entries<any>(response.content ?? {})) {
          expect(media.schema, `${where} ${status} ${type}`).toBeDefined();
        }
      }
      if (op.requestBody) {
        for (const media of Object.values<any>(op.requestBody.content)) {
          expect(media.schema, where).toBeDefined();
          expect(media.example, where).toBeDefined();
        }
      }
    }
  });

  it('should name the operations of a record type after it, with examples and version headers', () => {
    // Prepare
    const need = RECORD_DEFINITIONS.find((d) => d.type === 'need')!;

    // Act
    const { doc, operations } = documentAndOperations();

    // Assess
    const ops = Object.fromEntries(
      operations.filter((o) => o.path.includes(`/${need.path}`)).map((o) => [o.op.operationId, o]),
    );
    expect(Object.keys(ops).sort()).toEqual(
      [
        'createNeed',
        'deleteNeed',
        'getNeed',
        'listNeedHistory',
        'listNeeds',
        'pullNeeds',
        'pushNeeds',
        'replaceNeed',
        'updateNeed',
      ].sort(),
    );
    expect(ops.getNeed!.op.responses['200'].headers.ETag).toBeDefined();
    expect(ops.getNeed!.op.responses['304']).toBeDefined();
    expect(ops.createNeed!.op.responses['201'].headers.Location).toBeDefined();
    expect(ops.createNeed!.op.responses['201'].content['application/json'].example.values).toBeDefined();
    expect(doc.components.schemas.NeedPatch.properties.description.anyOf).toContainEqual({ type: 'null' });
    expect(doc.components.schemas.Need.required).toContain('values');
  });

  it('should offer people and machine clients their own security schemes', () => {
    // Act
    const { doc } = documentAndOperations();

    // Assess
    const { googleIdToken, machineClient } = doc.components.securitySchemes;
    expect(googleIdToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(machineClient.flows.clientCredentials.scopes)).toEqual([
      'records/read',
      'records/write',
    ]);
    expect(doc.info.license.name).toBeTruthy();
    expect(doc.info.contact.email).toBeTruthy();
    expect(doc.servers.length).toBe(3);
  });
});
