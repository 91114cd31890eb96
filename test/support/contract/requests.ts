import { randomUUID } from 'node:crypto';
import type { RecordDefinition } from '../../../functions/records/definition.ts';
import { PUBLIC_DEFINITIONS } from '../../../functions/records/public-view.ts';
import type { ContractWorld } from './contract-world.ts';
import type { Operation } from './document-checker.ts';

/**
 * The requests the contract test sends for each documented operation: for record types, real ids
 * from the demo world and the negative cases each operation documents; for every other operation,
 * the examples the document gives for its parameters and body (or an entry in OVERRIDES).
 */
export interface Call {
  label: string;
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  /** Who calls: a token, or none. */
  token?: string;
  /** The status this call must answer; the document is checked whatever the status. */
  expect?: number[];
  /** Made just before sending, from what earlier calls answered; null skips the call. */
  prepare?: () => Partial<Call> | null;
  /** Sees the answer's body (to remember an id for later calls). */
  remember?: (body: any) => void;
}

/** Sends a call; returns what came back as text, for the checker. */
export async function send(
  baseUrl: string,
  call: Call,
): Promise<{ status: number; headers: Headers; text: string }> {
  const url = new URL(call.path, baseUrl);
  for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  let body = call.rawBody;
  if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, { method: call.method.toUpperCase(), headers, body });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function json(world: ContractWorld, path: string, token?: string): Promise<any> {
  const { status, text } = await send(world.h.baseUrl, { label: 'setup', method: 'GET', path, token });
  if (status !== 200)
    throw new Error(`contract setup: GET ${path} answered ${status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

function editable(definition: RecordDefinition, values: Record<string, unknown>) {
  const derived = new Set(definition.fields.filter((f) => f.derived).map((f) => f.name));
  const own = Object.fromEntries(Object.entries(values).filter(([name]) => !derived.has(name)));
  // A record that takes sign-offs may hold its later statuses only once both parties signed; a
  // copy (which has no sign-offs) starts again at the first status.
  const status = definition.fields.find((f) => f.name === 'status' && f.kind === 'enum');
  if (definition.signOff && status?.options) own.status = status.options[0];
  return own;
}

/** Every call for the operations of one record type, keyed by operationId, in the order to send. */
export async function recordTypeCalls(
  world: ContractWorld,
  definition: RecordDefinition,
): Promise<[string, Call[]][]> {
  const { national, viewer } = world.tokens;
  const base = `/v1/${definition.path}`;
  const page = await json(world, `${base}?limit=50`, national);
  // A record nobody has signed yet: its copy is valid whatever the sign-off rules say of its status.
  const record = page.items.find((r: { signOffs?: unknown }) => !r.signOffs) ?? page.items[0];
  if (!record)
    throw new Error(`contract setup: the demo world has no ${definition.type}; add one to data/demo`);
  const values = editable(definition, record.values);
  const one = `${base}/${encodeURIComponent(record.id)}`;
  const etag = `"${record.version}"`;
  const name = (verb: string, plural = false) =>
    `${verb}${(plural ? definition.path : definition.type).replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`;
  const key = randomUUID();
  const created: { id?: string; version?: number } = {};
  const copy = () => (created.id ? `${base}/${encodeURIComponent(created.id)}` : undefined);
  // A change to one text field, so that a stale version is a real conflict (equal values never are).
  const text = definition.fields.find((f) => (f.kind === 'text' || f.kind === 'longText') && !f.derived);
  const changed = text
    ? { ...values, [text.name]: `${String(values[text.name] ?? 'Note')} (changed)` }
    : undefined;
  return [
    [
      name('list', true),
      [
        { label: 'a page', method: 'get', path: base, query: { limit: '2' }, token: national, expect: [200] },
        {
          label: 'limit=0',
          method: 'get',
          path: base,
          query: { limit: '0' },
          token: national,
          expect: [400],
        },
        { label: 'no token', method: 'get', path: base, expect: [401] },
      ],
    ],
    [
      name('create'),
      [
        {
          label: 'a copy of a demo record',
          method: 'post',
          path: base,
          headers: definition.naturalId ? {} : { 'idempotency-key': key },
          body: values,
          token: national,
          expect: definition.naturalId ? [200] : [201],
          remember: (body) => {
            if (!definition.naturalId) Object.assign(created, { id: body.id, version: body.version });
          },
        },
        { label: 'no values', method: 'post', path: base, body: {}, token: national, expect: [422] },
        {
          label: 'not JSON',
          method: 'post',
          path: base,
          rawBody: 'x',
          headers: { 'content-type': 'text/plain' },
          token: national,
          expect: [415],
        },
        { label: 'viewer', method: 'post', path: base, body: values, token: viewer, expect: [403] },
        {
          label: 'too large',
          method: 'post',
          path: base,
          body: { note: 'x'.repeat(300 * 1024) },
          token: national,
          expect: [413],
        },
        { label: 'no token', method: 'post', path: base, body: values, expect: [401] },
      ],
    ],
    [
      name('get'),
      [
        { label: 'a demo record', method: 'get', path: one, token: national, expect: [200] },
        {
          label: 'If-None-Match',
          method: 'get',
          path: one,
          headers: { 'if-none-match': etag },
          token: national,
          expect: [304],
        },
        {
          label: 'unknown id',
          method: 'get',
          path: `${base}/no-such-record`,
          token: national,
          expect: [404],
        },
        { label: 'no token', method: 'get', path: one, expect: [401] },
      ],
    ],
    [
      name('replace'),
      [
        {
          label: 'same values',
          method: 'put',
          path: one,
          headers: { 'if-match': etag },
          body: values,
          token: national,
          expect: [200],
        },
        { label: 'no If-Match', method: 'put', path: one, body: values, token: national, expect: [428] },
        ...(changed
          ? [
              {
                label: 'stale If-Match',
                method: 'put',
                path: one,
                headers: { 'if-match': `"${record.version + 50}"` },
                body: changed,
                token: national,
                expect: [409],
              },
            ]
          : []),
      ],
    ],
    [
      name('update'),
      [
        {
          label: 'empty merge patch',
          method: 'patch',
          path: one,
          headers: { 'if-match': etag, 'content-type': 'application/merge-patch+json' },
          body: {},
          token: national,
          expect: [200],
        },
        { label: 'no If-Match', method: 'patch', path: one, body: {}, token: national, expect: [428] },
        {
          label: 'unknown id',
          method: 'patch',
          path: `${base}/no-such-record`,
          headers: { 'if-match': '"1"' },
          body: {},
          token: national,
          expect: [404],
        },
        {
          label: 'unknown field',
          method: 'patch',
          path: one,
          headers: { 'if-match': etag },
          body: { noSuchField: 1 },
          token: national,
          expect: [422],
        },
      ],
    ],
    [
      `list${name('', false)}History`,
      [
        { label: 'a demo record', method: 'get', path: `${one}/history`, token: national, expect: [200] },
        {
          label: 'unknown id',
          method: 'get',
          path: `${base}/no-such-record/history`,
          token: national,
          expect: [404],
        },
      ],
    ],
    [
      name('pull', true),
      [
        {
          label: 'a page',
          method: 'get',
          path: `/v1/sync/${definition.path}`,
          query: { limit: '5' },
          token: national,
          expect: [200],
        },
        {
          label: 'bad cursor',
          method: 'get',
          path: `/v1/sync/${definition.path}`,
          query: { since: 'not-a-cursor' },
          token: national,
          expect: [400],
        },
      ],
    ],
    [
      name('push', true),
      [
        {
          label: 'dry run',
          method: 'post',
          path: `/v1/sync/${definition.path}`,
          query: { dryRun: 'true' },
          body: { rows: [{ id: record.id, baseVersion: record.version, values }] },
          token: national,
          expect: [200],
        },
        {
          label: 'no rows',
          method: 'post',
          path: `/v1/sync/${definition.path}`,
          body: {},
          token: national,
          expect: [400],
        },
        {
          label: 'no token',
          method: 'post',
          path: `/v1/sync/${definition.path}`,
          body: { rows: [{ values }] },
          expect: [401],
        },
      ],
    ],
    [
      name('delete'),
      [
        {
          label: 'unknown id',
          method: 'delete',
          path: `${base}/no-such-record`,
          headers: { 'if-match': '"1"' },
          token: national,
          expect: [404],
        },
        { label: 'no If-Match', method: 'delete', path: one, token: national, expect: [428] },
        {
          label: 'viewer',
          method: 'delete',
          path: one,
          headers: { 'if-match': etag },
          token: viewer,
          expect: [403],
        },
        {
          label: 'the copy made by create',
          method: 'delete',
          path: base,
          token: national,
          expect: [200],
          prepare: () => (copy() ? { path: copy()!, headers: { 'if-match': `"${created.version}"` } } : null),
        },
      ],
    ],
    [
      name('get'),
      [
        {
          label: 'the deleted copy',
          method: 'get',
          path: base,
          token: national,
          expect: [410],
          prepare: () => (copy() ? { path: copy()! } : null),
        },
      ],
    ],
  ];
}

/** The public projection's operations: a listed record, its page, and what they refuse. */
export async function publicCalls(world: ContractWorld): Promise<[string, Call[]][]> {
  const result: [string, Call[]][] = [];
  for (const definition of PUBLIC_DEFINITIONS) {
    const base = `/v1/public/${definition.path}`;
    const page = await json(world, `${base}?limit=1`);
    const pascal = (s: string) => s.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
    result.push([
      `listPublic${pascal(definition.path)}`,
      [
        { label: 'a page', method: 'get', path: base, query: { limit: '2' }, expect: [200] },
        { label: 'limit=0', method: 'get', path: base, query: { limit: '0' }, expect: [400] },
      ],
    ]);
    result.push([
      `getPublic${pascal(definition.type)}`,
      [
        ...(page.items[0]
          ? [{ label: 'a listed record', method: 'get', path: `${base}/${page.items[0].id}`, expect: [200] }]
          : []),
        { label: 'unknown id', method: 'get', path: `${base}/no-such-record`, expect: [404] },
      ],
    ]);
  }
  return result;
}

/** Calls made from the document's own examples, for operations that are not about one record type. */
export function exampleCalls(world: ContractWorld, operation: Operation): Call[] | string {
  const { op } = operation;
  let path = operation.path;
  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const parameter of op.parameters ?? []) {
    if (parameter.$ref) continue;
    const example =
      parameter.example ??
      parameter.schema?.example ??
      parameter.schema?.default ??
      parameter.schema?.enum?.[0];
    if (parameter.in === 'path') {
      if (example === undefined)
        return `no example for path parameter "${parameter.name}": give it an "example" in the document, or an override in test/support/contract/requests.ts`;
      path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(example)));
    } else if (parameter.required && example !== undefined) {
      (parameter.in === 'query' ? query : headers)[parameter.name] = String(example);
    }
  }
  const media =
    op.requestBody?.content?.['application/json'] ?? Object.values<any>(op.requestBody?.content ?? {})[0];
  const token = op.security?.length === 0 ? undefined : world.tokens.national;
  const calls: Call[] = [
    {
      label: 'from the examples',
      method: operation.method,
      path,
      query,
      headers,
      body: media?.example,
      token,
    },
  ];
  if (token && op.responses['401'])
    calls.push({
      label: 'no token',
      method: operation.method,
      path,
      query,
      headers,
      body: media?.example,
      expect: [401],
    });
  return calls;
}
