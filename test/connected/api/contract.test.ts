import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterOf } from '../../../functions/aggregate/calendar.ts';
import { RECORD_DEFINITIONS } from '../../../functions/records/registry.ts';
import { type ContractWorld, startContractWorld } from '../../support/contract/contract-world.ts';
import {
  DocumentChecker,
  type OpenApi,
  type Operation,
  operationsOf,
} from '../../support/contract/document-checker.ts';
import {
  type Call,
  exampleCalls,
  publicCalls,
  recordTypeCalls,
  send,
} from '../../support/contract/requests.ts';

/**
 * The contract test: every operation of the served OpenAPI document is called against the real
 * API on DynamoDB Local (real ids from a demo world, and the negative cases each documents), and
 * every answer is checked against the document by Ajv: an undocumented status, a missing declared
 * header or a body that breaks its schema fails. Operations added later are covered by their
 * examples in the document (or an entry in `overrides` below); one that cannot be called fails.
 */
let world: ContractWorld;
let doc: OpenApi;
let checker: DocumentChecker;

beforeAll(async () => {
  world = await startContractWorld();
  doc = JSON.parse(
    (await send(world.h.baseUrl, { label: 'doc', method: 'get', path: '/openapi.json' })).text,
  );
  checker = new DocumentChecker(doc);
}, 180_000);
afterAll(() => world?.close());

/** Calls for operations whose path parameters must name things that exist in this world. */
async function overrides(): Promise<[string, Call[]][]> {
  const { national, viewer } = world.tokens;
  const signable = RECORD_DEFINITIONS.find((d) => d.signOff)!;
  const signableId = JSON.parse(
    (
      await send(world.h.baseUrl, {
        label: 'setup',
        method: 'get',
        path: `/v1/${signable.path}?limit=1`,
        token: national,
      })
    ).text,
  ).items[0]?.id;
  const signOffs = `/v1/${signable.path}/${signableId}/sign-offs`;
  const hsds = JSON.parse(
    (await send(world.h.baseUrl, { label: 'setup', method: 'get', path: '/hsds/services' })).text,
  );
  const directory = (segment: string, key: string): [string, Call[]][] => {
    const one = segment === 'users' ? 'User' : 'Client';
    const path = `/v1/${segment}/${encodeURIComponent(key)}`;
    const entry = { role: 'viewer', regionIds: ['canterbury'], name: 'Contract Test' };
    return [
      [
        `set${one}Access`,
        [
          { label: 'an entry', method: 'put', path, body: entry, token: national, expect: [200] },
          {
            label: 'a bad role',
            method: 'put',
            path,
            body: { ...entry, role: 'owner' },
            token: national,
            expect: [400],
          },
          { label: 'not national', method: 'put', path, body: entry, token: viewer, expect: [403] },
        ],
      ],
      [
        `get${one}Access`,
        [
          { label: 'the entry', method: 'get', path, token: national, expect: [200] },
          { label: 'unknown', method: 'get', path: `/v1/${segment}/nobody`, token: national, expect: [404] },
        ],
      ],
      [
        `remove${one}Access`,
        [{ label: 'the entry', method: 'delete', path, token: national, expect: [204] }],
      ],
    ];
  };
  return [
    ...directory('users', 'contract-person@ceg.example.nz'),
    ...directory('clients', 'contract-client-id'),
    [
      'getSnapshot',
      [
        {
          label: "today's",
          method: 'get',
          path: `/v1/dashboard/${world.today}`,
          token: national,
          expect: [200],
        },
        {
          label: 'no snapshot',
          method: 'get',
          path: '/v1/dashboard/2001-01-01',
          token: national,
          expect: [404],
        },
        {
          label: 'not a date',
          method: 'get',
          path: '/v1/dashboard/yesterday',
          token: national,
          expect: [400],
        },
      ],
    ],
    [
      'getQuarterlyReport',
      [
        {
          label: 'JSON',
          method: 'get',
          path: `/v1/reports/quarterly/${quarterOf(world.today)}`,
          token: national,
          expect: [200],
        },
        {
          label: 'HTML',
          method: 'get',
          path: `/v1/reports/quarterly/${quarterOf(world.today)}`,
          query: { format: 'html' },
          token: national,
          expect: [200],
        },
        {
          label: 'no snapshot',
          method: 'get',
          path: '/v1/reports/quarterly/2001-Q1',
          token: national,
          expect: [404],
        },
        {
          label: 'not a quarter',
          method: 'get',
          path: '/v1/reports/quarterly/2026-Q5',
          token: national,
          expect: [400],
        },
      ],
    ],
    ['getSignOffs', [{ label: 'a record', method: 'get', path: signOffs, token: national, expect: [200] }]],
    ...(['request', 'agree', 'not-yet', 'withdraw'] as const).map((action): [string, Call[]] => {
      const operation = operationsOf(doc).find((o) => o.path === `/v1/{path}/{id}/sign-offs/${action}`)!;
      const example = operation.op.requestBody?.content?.['application/json']?.example;
      return [
        operation.id,
        [
          {
            label: 'a record',
            method: 'post',
            path: `${signOffs}/${action}`,
            body: example,
            token: national,
          },
        ],
      ];
    }),
    [
      'getHsdsService',
      [
        { label: 'a service', method: 'get', path: `/hsds/services/${hsds.contents[0].id}`, expect: [200] },
        { label: 'unknown id', method: 'get', path: '/hsds/services/no-such-service', expect: [404] },
      ],
    ],
  ];
}

describe('the API keeps its OpenAPI contract', () => {
  it('should answer every documented operation as documented', { timeout: 600_000 }, async () => {
    // Prepare: a plan of calls for every operation (ours for some, the document's examples for the rest).
    const operations = operationsOf(doc);
    const byId = new Map(operations.map((o) => [o.id, o]));
    const plan: [string, Call[]][] = [];
    for (const definition of RECORD_DEFINITIONS) plan.push(...(await recordTypeCalls(world, definition)));
    plan.push(...(await publicCalls(world)), ...(await overrides()));
    const planned = new Set(plan.map(([id]) => id));
    const failures: string[] = [];
    for (const operation of operations) {
      if (planned.has(operation.id)) continue;
      const calls = exampleCalls(world, operation);
      if (typeof calls === 'string') failures.push(`${operation.id}: ${calls}`);
      else plan.push([operation.id, calls]);
    }

    // Act: make every call, noting each answer the document does not allow.
    const called = new Map<string, number[]>();
    for (const [id, calls] of plan) {
      const operation = byId.get(id) as Operation | undefined;
      if (!operation) {
        failures.push(`${id}: planned, but the document has no such operation`);
        continue;
      }
      for (const planned of calls) {
        const prepared = planned.prepare ? planned.prepare() : {};
        if (prepared === null) continue;
        const call = { ...planned, ...prepared };
        const answer = await send(world.h.baseUrl, call);
        const where = `${id} (${call.label}: ${call.method.toUpperCase()} ${call.path})`;
        called.set(id, [...(called.get(id) ?? []), answer.status]);
        if (call.expect && !call.expect.includes(answer.status))
          failures.push(
            `${where}: expected ${call.expect.join(' or ')}, got ${answer.status}: ${answer.text.slice(0, 300)}`,
          );
        for (const problem of checker.check(operation, answer.status, answer.headers, answer.text))
          failures.push(`${where}: ${problem}`);
        if (answer.status < 300 && call.remember) call.remember(JSON.parse(answer.text));
      }
    }

    // Assess
    for (const operation of operations)
      if (!called.has(operation.id)) failures.push(`${operation.id}: never called`);
    expect(failures).toEqual([]);
    expect(called.size).toBe(operations.length);
  });

  it('should refuse an answer the document does not allow (the checker is not a rubber stamp)', () => {
    // Prepare
    const getNeed = operationsOf(doc).find((o) => o.id === 'getNeed')!;
    const json = new Headers({
      'content-type': 'application/json',
      etag: '"1"',
      'cache-control': 'no-store',
    });

    // Act
    const undocumentedStatus = checker.check(getNeed, 418, json, '{}');
    const badBody = checker.check(getNeed, 200, json, '{"id": 3}');
    const noETag = checker.check(getNeed, 200, new Headers({ 'content-type': 'application/json' }), '{}');

    // Assess
    expect(undocumentedStatus[0]).toContain('not documented');
    expect(badBody[0]).toContain('breaks its schema');
    expect(noETag).toContainEqual(expect.stringContaining('declared header ETag is missing'));
  });
});
