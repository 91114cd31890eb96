import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { apiAreas } from '../../../functions/api/app.ts';
import { assembleApp } from '../../../functions/api/app-shell.ts';
import { Authenticator } from '../../../functions/api/authenticate.ts';
import { AreaRoutes, defineRoute, honoPath } from '../../../functions/api/declare-route.ts';
import { apiOperations } from '../../../functions/api/openapi.ts';
import { documentedPath } from '../../../functions/api/openapi-operations.ts';
import { MemoryRecordStore } from '../../../functions/store/memory-record-store.ts';
import { MemoryUserDirectory } from '../../../functions/store/memory-user-directory.ts';
import { seedWorld } from '../../support/factories.ts';
import { type Harness, startOfflineHarness } from '../../support/harness.ts';

/**
 * A route reads only what it declared: its handler is given the validated parts of the request
 * its declaration names, a query parameter it does not declare is refused by name, an undeclared
 * header is not visible, and every declared route is in the OpenAPI document (and only those).
 */

const ROUTES_DIR = path.resolve(import.meta.dirname, '../../../functions/api/routes');
/** Areas still on plain Hono routes while they are converted; this list only shrinks. */
const NOT_YET_DECLARED = new Set([
  'dashboard.ts',
  'directory.ts',
  'meta.ts',
  'open-data.ts',
  'public.ts',
  'records.ts',
  'reminders.ts',
  'sync.ts',
  'weekly-report.ts',
]);

/** A tiny area at a public path, so that no token is needed. */
function probeApp(seen: unknown[]) {
  const probe = defineRoute({
    method: 'get',
    path: '/v1/public/probe/{id}',
    params: { id: z.string().check(z.maxLength(5)) },
    query: { q: z.optional(z.string()) },
    headers: { 'if-match': z.optional(z.string()) },
  });
  const area = new AreaRoutes('/v1/public/probe');
  area.on(probe, (c, input) => {
    seen.push(input);
    return c.json({ ok: true });
  });
  const directory = new MemoryUserDirectory();
  return assembleApp({ authenticator: new Authenticator([], directory) }, [
    { name: 'probe', prefix: area.prefix, routes: area.routes },
  ]);
}

let h: Harness;
let token: string;

beforeAll(async () => {
  h = await startOfflineHarness();
  token = (await seedWorld(h)).tokens.national;
});
afterAll(() => h.close());

describe('a declared route', () => {
  it('should give its handler the declared parts, validated, and nothing else', async () => {
    // Prepare
    const seen: any[] = [];
    const app = probeApp(seen);

    // Act
    const response = await app.request('/v1/public/probe/abc?q=words', {
      headers: { 'if-match': '"3"', 'x-secret': 'not declared' },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(seen[0]).toMatchObject({
      params: { id: 'abc' },
      query: { q: 'words' },
      headers: { 'if-match': '"3"' },
    });
    expect(JSON.stringify(seen[0])).not.toContain('not declared');
  });

  it('should refuse a query parameter it does not declare, naming it', async () => {
    // Prepare
    const seen: unknown[] = [];
    const app = probeApp(seen);

    // Act
    const response = await app.request('/v1/public/probe/abc?q=words&colour=red');

    // Assess
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      detail: 'Some query parameters need fixing.',
      errors: [{ field: 'colour', received: 'red', message: expect.stringContaining('it takes q') }],
    });
    expect(seen).toEqual([]);
  });

  it('should refuse a path parameter that breaks its schema before the handler runs', async () => {
    // Prepare
    const seen: unknown[] = [];
    const app = probeApp(seen);

    // Act
    const response = await app.request('/v1/public/probe/much-too-long');

    // Assess
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0]).toMatchObject({ field: 'id', received: 'much-too-long' });
    expect(seen).toEqual([]);
  });

  it.each([
    ['/v1/knowledge-base', 'colour'],
    ['/v1/sign-offs/awaiting', 'who'],
  ])('should refuse an undocumented query parameter on the real route %s', async (route, name) => {
    // Act
    const response = await h.request('GET', `${route}?${name}=x`, { token });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ field: name, received: 'x' }));
  });

  it('should take an enum path parameter as a constraint, so the route claims no other path', () => {
    // Prepare
    const route = defineRoute({
      method: 'get',
      path: '/v1/{path}/{id}',
      params: { path: z.enum(['needs', 'lec-groups']), id: z.string() },
    });

    // Act
    const pattern = honoPath(route, '/v1');

    // Assess
    expect(pattern).toBe('/:path{needs|lec-groups}/:id');
  });

  it('should offer its handler no raw request to read from', () => {
    // Prepare
    const route = defineRoute({ method: 'get', path: '/x' });
    const area = new AreaRoutes('/');

    // Act
    const declaring = () =>
      area.on(route, (c) => {
        // @ts-expect-error the handler's context has no `req`: it reads the input its route declared
        const raw = c.req;
        return c.json({ raw: String(raw) });
      });

    // Assess
    expect(declaring).not.toThrow();
  });
});

describe('the routes modules', () => {
  it('should declare every route with AreaRoutes and read no raw request', async () => {
    // Prepare
    const files = (await readdir(ROUTES_DIR)).filter((f) => f.endsWith('.ts') && !NOT_YET_DECLARED.has(f));

    // Act
    const offending = [];
    for (const file of files) {
      const source = await readFile(path.join(ROUTES_DIR, file), 'utf8');
      for (const [pattern, what] of [
        [/\.req\b/, 'reads the raw request (c.req)'],
        [/new Hono\b/, 'builds its own Hono app instead of AreaRoutes'],
        [/\bparseQuery\(|\breadJson\(/, 'parses the request itself'],
      ] as const)
        if (pattern.test(source)) offending.push(`${file} ${what}`);
    }

    // Assess
    expect(files.length).toBeGreaterThan(1);
    expect(offending).toEqual([]);
  });

  it('should document every route they declare, and nothing else', () => {
    // Prepare
    const directory = new MemoryUserDirectory();
    const areas = apiAreas({
      store: new MemoryRecordStore(),
      directory,
      authenticator: new Authenticator([], directory),
    });

    // Act
    const declared = areas.flatMap((area) => area.declared ?? []);
    const documented = new Set(apiOperations().map((operation) => operation.route));

    // Assess
    expect(declared.filter((route) => !documented.has(route)).map((r) => `${r.method} ${r.path}`)).toEqual(
      [],
    );
    expect(
      apiOperations()
        .filter((operation) => !declared.includes(operation.route))
        .map((o) => documentedPath(o)),
    ).toEqual([]);
  });
});
