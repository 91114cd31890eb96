import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { refuseUnknownRecordType } from '../../../functions/api/record-type-path.ts';
import type { AppEnv } from '../../../functions/api/request.ts';
import { unroutedHandler } from '../../../functions/api/unrouted.ts';

/** A small app with one file route that finds nothing, as the local dashboard's snapshot route can. */
function appWithFileRoute() {
  const app = new Hono<AppEnv>();
  app.get('/dashboard/snapshots/*', (c) => c.notFound());
  app.notFound(unroutedHandler(app, []));
  return app;
}

describe('requests no route takes', () => {
  it('should answer 404 when a route of the same method found nothing, not 405', async () => {
    // Prepare
    const app = appWithFileRoute();

    // Act
    const response = await app.request('/dashboard/snapshots/2026-01-05.json');

    // Assess
    expect(response.status).toBe(404);
    expect(response.headers.get('allow')).toBeNull();
    expect(((await response.json()) as { detail: string }).detail).toContain(
      '/dashboard/snapshots/2026-01-05.json',
    );
  });

  it('should answer 405 with Allow when the path answers only other methods', async () => {
    // Prepare
    const app = appWithFileRoute();

    // Act
    const response = await app.request('/dashboard/snapshots/2026-01-05.json', { method: 'DELETE' });

    // Assess
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('should let an area name what is wrong with a path of its kind, and answer a plain 404 without it', async () => {
    // Prepare
    const records = { name: 'records', prefix: '/v1', routes: new Hono<AppEnv>() };
    const withRecords = new Hono<AppEnv>();
    withRecords.notFound(
      unroutedHandler(withRecords, [{ ...records, refuseUnrouted: refuseUnknownRecordType }]),
    );
    const without = new Hono<AppEnv>();
    without.notFound(unroutedHandler(without, [records]));

    // Act
    const named = await withRecords.request('/v1/sync/widgets');
    const plain = await without.request('/v1/sync/widgets');

    // Assess
    expect(named.status).toBe(404);
    expect(((await named.json()) as { detail: string }).detail).toMatch(
      /^There is no record type "widgets"\. The types are: .*needs/,
    );
    expect(plain.status).toBe(404);
    expect(((await plain.json()) as { detail: string }).detail).toBe(
      'There is nothing at GET /v1/sync/widgets. See /docs for the routes.',
    );
  });
});
