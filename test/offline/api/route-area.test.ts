import { PatternRouter } from 'hono/router/pattern-router';
import type { Hono } from 'hono/tiny';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AppDependencies, apiAreas } from '../../../functions/api/app.ts';
import { assembleApp } from '../../../functions/api/app-shell.ts';
import { Authenticator } from '../../../functions/api/authenticate.ts';
import { openApiDocument } from '../../../functions/api/openapi.ts';
import type { AppEnv } from '../../../functions/api/request.ts';
import { RECORD_DEFINITIONS } from '../../../functions/records/registry.ts';
import { MemoryRecordStore } from '../../../functions/store/memory-record-store.ts';
import { MemoryUserDirectory } from '../../../functions/store/memory-user-directory.ts';
import { DevIssuer } from '../../../local/dev-issuer.ts';
import {
  type DocumentedRequest,
  documentedRequests,
  type Handler,
  routerOf,
  takes,
} from '../../support/route-areas.ts';

/**
 * The API is areas (Hono sub-apps) mounted on one shell. Mount order must decide nothing: each
 * documented operation belongs to exactly one area, the shell sends it there whatever the order,
 * and the shell's authentication, 404/405 and error answers reach into every area.
 */

let deps: AppDependencies;
let issuer: DevIssuer;
let requests: DocumentedRequest[];

/** The handler that answers a request in an assembled app: the first route it matches that is not middleware. */
function responder(app: Hono<AppEnv>, method: string, path: string): Handler | undefined {
  const middleware = new Set(app.routes.filter((r) => r.method === 'ALL').map((r) => r.handler));
  const router = new PatternRouter<Handler>();
  for (const route of app.routes) router.add(route.method, route.path, route.handler as Handler);
  const [matched] = router.match(method, path);
  return matched.map(([handler]) => handler).find((handler) => !middleware.has(handler as never));
}

/** A repeatable shuffle (a small linear congruential generator), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

beforeAll(async () => {
  issuer = await DevIssuer.create();
  const directory = new MemoryUserDirectory();
  deps = {
    store: new MemoryRecordStore(),
    directory,
    authenticator: new Authenticator([issuer.config()], directory),
    openApi: { build: openApiDocument },
  };
  requests = documentedRequests();
});

describe('the API areas', () => {
  it('should give every documented operation to exactly one area', () => {
    // Prepare
    const areas = apiAreas(deps).map((area) => ({ name: area.name, router: routerOf(area) }));

    // Act
    const claims = requests.map((request) => ({
      request: `${request.method} ${request.path} (${request.operation})`,
      areas: areas.filter((area) => takes(area.router, request)).map((area) => area.name),
    }));

    // Assess
    expect(requests.length).toBeGreaterThan(RECORD_DEFINITIONS.length * 10);
    expect(claims.filter((claim) => claim.areas.length !== 1)).toEqual([]);
  });

  it('should send each documented operation to the same handler whatever order the areas are mounted in', () => {
    // Prepare
    const areas = apiAreas(deps);
    const orders = [areas, [...areas].reverse(), ...[1, 2, 3].map((seed) => shuffled(areas, seed))];

    // Act
    const answered = orders.map((order) => {
      const app = assembleApp(deps, order);
      return requests.map((request) => responder(app, request.method, request.path));
    });

    // Assess
    const ownerOf = new Map(areas.flatMap((area) => area.routes.routes.map((r) => [r.handler, area.name])));
    const expected = requests.map((request) => {
      const owner = areas.find((area) => routerOf(area).match(request.method, request.path)[0].length > 0);
      return `${request.method} ${request.path} -> ${owner?.name}`;
    });
    for (const handlers of answered) {
      expect(
        handlers.map(
          (handler, i) => `${requests[i]!.method} ${requests[i]!.path} -> ${ownerOf.get(handler as never)}`,
        ),
      ).toEqual(expected);
      expect(handlers).toEqual(answered[0]);
    }
  });

  describe('mounted in reverse order, behind the shell', () => {
    let app: Hono<AppEnv>;
    let token: string;

    beforeAll(async () => {
      app = assembleApp(deps, [...apiAreas(deps)].reverse());
      await deps.directory.put(
        'user',
        'areas-national@ceg.example.nz',
        { role: 'national', regionIds: [] },
        'test',
      );
      token = await issuer.mint('areas-national@ceg.example.nz');
    });

    const call = (method: string, path: string, signedIn = true) =>
      app.request(path, { method, headers: signedIn ? { authorization: `Bearer ${token}` } : {} });

    it('should still ask for a token before any area answers', async () => {
      // Act
      const response = await call('GET', '/v1/dashboard/latest', false);

      // Assess
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it("should answer an area's path with another method 405 and the methods it takes", async () => {
      // Act
      const sync = await call('DELETE', '/v1/sync/needs');
      const knowledge = await call('POST', '/v1/knowledge-base');
      const history = await call('POST', '/v1/needs/some-id/history');

      // Assess
      expect([sync.status, sync.headers.get('allow')]).toEqual([405, 'GET, HEAD, POST']);
      expect([knowledge.status, knowledge.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
      expect([history.status, history.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    });

    it('should answer an unknown record type or path 404, naming the types where it helps', async () => {
      // Act
      const unknownType = await call('GET', '/v1/widgets');
      const nothing = await call('GET', '/nowhere');

      // Assess
      expect(unknownType.status).toBe(404);
      expect(unknownType.headers.get('allow')).toBeNull();
      expect(((await unknownType.json()) as { detail: string }).detail).toContain('needs');
      expect(nothing.status).toBe(404);
    });

    it("should turn an area's refusal into the shell's problem answer", async () => {
      // Act
      const badQuery = await call('GET', '/v1/knowledge-base?limit=0');
      const noSnapshots = await call('GET', '/v1/dashboard/latest');

      // Assess
      expect(badQuery.status).toBe(400);
      expect(badQuery.headers.get('content-type')).toContain('application/problem+json');
      expect(((await badQuery.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('limit');
      expect(noSnapshots.status).toBe(503);
    });
  });
});
