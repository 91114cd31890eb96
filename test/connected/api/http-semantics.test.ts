import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, seedWorld, values } from '../../support/factories.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

/** HTTP behaviour a client written from the contract relies on: statuses, conditional requests, CORS. */
let h: Harness;
let world: Awaited<ReturnType<typeof seedWorld>>;
const SITE = 'https://dashboard.example.nz';

beforeAll(async () => {
  h = await startHarness({ corsOrigins: [SITE] });
  world = await seedWorld(h);
});
afterAll(() => h.close());

describe('HTTP semantics', () => {
  it('should answer 404 to a delete of an id that never existed', async () => {
    // Act
    const missing = await h.request('DELETE', '/v1/strategies/never-was', {
      token: world.tokens.national,
      headers: { 'if-match': '"1"' },
    });

    // Assess
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toContain('never-was');
  });

  it('should answer a delete with the tombstone and its version as ETag', async () => {
    // Prepare
    const strategy = await post(h, world.tokens.national, 'strategies', values.strategy('christchurch-city'));

    // Act
    const deleted = await h.request('DELETE', `/v1/strategies/${strategy.id}`, {
      token: world.tokens.national,
      headers: { 'if-match': `"${strategy.version}"` },
    });

    // Assess
    expect(deleted.status).toBe(200);
    expect(deleted.headers.get('etag')).toBe(`"${deleted.body.version}"`);
  });

  it('should answer 304 to a read whose If-None-Match names the current version, and 200 otherwise', async () => {
    // Prepare
    const strategy = await post(h, world.tokens.national, 'strategies', values.strategy('christchurch-city'));
    const path = `/v1/strategies/${strategy.id}`;
    const read = (ifNoneMatch: string) =>
      h.request('GET', path, { token: world.tokens.national, headers: { 'if-none-match': ifNoneMatch } });

    // Act
    const same = await read('"1"');
    const weakInList = await read('"7", W/"1"');
    const stale = await read('"0"');

    // Assess
    expect(same.status).toBe(304);
    expect(same.headers.get('etag')).toBe('"1"');
    expect(same.body).toBeUndefined();
    expect(weakInList.status).toBe(304);
    expect(stale.status).toBe(200);
    expect(stale.body.id).toBe(strategy.id);
  });

  it.each([
    ['POST', '/v1/types', 'GET, HEAD'],
    ['DELETE', '/healthz', 'GET, HEAD'],
    ['POST', '/v1/me', 'GET, HEAD'],
    ['DELETE', '/v1/needs', 'GET, HEAD, POST'],
    ['POST', '/v1/needs/some-id', 'DELETE, GET, HEAD, PATCH, PUT'],
    ['PUT', '/v1/sync/needs', 'GET, HEAD, POST'],
  ] as const)(
    'should answer 405 with Allow to %s %s, a method the known path does not offer',
    async (method, path, allow) => {
      // Act
      const response = await h.request(method, path, { token: world.tokens.national, body: {} });

      // Assess
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe(allow);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.detail).toContain(allow);
    },
  );

  it('should still say which record types exist for an unknown one', async () => {
    // Act
    const response = await h.request('GET', '/v1/widgets', { token: world.tokens.national });

    // Assess
    expect(response.status).toBe(404);
    expect(response.body.detail).toContain('needs');
  });

  it.each([
    ['POST', '/v1/needs', {}],
    ['PATCH', '/v1/needs/x', { 'if-match': '"1"' }],
    ['POST', '/v1/sync/needs', {}],
  ] as const)(
    'should refuse to %s %s a body nested 20,000 levels deep with a 400 that says why',
    async (method, path, headers) => {
      // Prepare
      const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;

      // Act
      const response = await h.request(method, path, {
        token: world.tokens.national,
        rawBody: `{"rows": ${deep}}`,
        headers: { 'content-type': 'application/json', ...headers },
      });

      // Assess
      expect(response.status).toBe(400);
      expect(response.body.detail).toContain('nested more than 64 levels');
    },
  );

  it('should let a browser on an allowed origin send every request header the API documents', async () => {
    // Act
    const preflight = await fetch(`${h.baseUrl}/v1/needs`, {
      method: 'OPTIONS',
      headers: {
        origin: SITE,
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'authorization, content-type, idempotency-key, if-none-match, if-match',
      },
    });

    // Assess
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SITE);
    const allowed = preflight.headers.get('access-control-allow-headers')!.toLowerCase();
    for (const header of ['authorization', 'content-type', 'idempotency-key', 'if-none-match', 'if-match'])
      expect(allowed).toContain(header);
  });

  it('should let an allowed origin read the ETag of an answer, and give another origin nothing', async () => {
    // Act
    const read = await h.request('GET', '/v1/types', { headers: { origin: SITE } });
    const other = await h.request('GET', '/v1/types', { headers: { origin: 'https://elsewhere.example' } });

    // Assess
    expect(read.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(read.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('etag');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
