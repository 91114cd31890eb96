import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import {
  CATEGORY_TERMS,
  HSDS_VERSION,
  hsdsPage,
  hsdsService,
  hsdsServiceSummary,
} from '../../directory/hsds.ts';
import type { LiveDirectory } from '../../directory/live-directory.ts';
import { servicesCsv } from '../../directory/services-csv.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { type AppEnv, parseQuery } from '../request.ts';
import type { RouteArea } from '../route-area.ts';

/** Short enough that a change is public within minutes (the CloudFront cache follows it). */
const PUBLIC_CACHE = 'public, max-age=300';

const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: 'expected a whole number' })
    .check(
      z.int({ error: 'expected a whole number' }),
      z.gte(min, { error: `must be at least ${min}` }),
      z.lte(max, { error: `must be at most ${max}` }),
    );

const listQuery = {
  search: z.optional(z.string().check(z.maxLength(200))),
  page: z.optional(whole(1, 100_000)),
  per_page: z.optional(whole(1, 200)),
  organization_id: z.optional(z.string().check(z.maxLength(100))),
  taxonomy_term_id: z.optional(z.string().check(z.maxLength(100))),
  modified_after: z.optional(
    z.iso.datetime({ offset: true, error: 'expected an ISO timestamp like 2026-03-01T00:00:00Z' }),
  ),
  full: z.optional(z.enum(['true', 'false'], { error: 'expected true or false' })),
};

/**
 * The service directory as open data: the Open Referral HSDS 3.0 reference API's service routes
 * (`/hsds/services`, paged as HSDS pages) and a CSV download. Read-only, token-free, listed
 * services only.
 */
export function openDataArea(directory: Pick<LiveDirectory, 'get'>): RouteArea {
  const app = new Hono<AppEnv>();

  app.get('/hsds', (c) => {
    c.header('Cache-Control', PUBLIC_CACHE);
    return c.json({ version: HSDS_VERSION, openapi_url: new URL('/openapi.json', c.req.url).href });
  });

  app.get('/hsds/services', async (c) => {
    const q = parseQuery(c, listQuery);
    const d = await directory.get();
    const term = q.taxonomy_term_id ? CATEGORY_TERMS.find((t) => t.id === q.taxonomy_term_id) : undefined;
    const modifiedAfter = q.modified_after ? new Date(q.modified_after).toISOString() : undefined;
    // A term that is not ours finds nothing; ours narrows by kind of help through the index.
    const found = q.taxonomy_term_id && !term ? [] : d.search({ words: q.search, category: term?.code });
    const matching = found.filter(
      (s) =>
        (!q.organization_id || (s.organisation?.uuid ?? '') === q.organization_id) &&
        (!modifiedAfter || s.updatedAt >= modifiedAfter),
    );
    const shape = q.full === 'true' ? hsdsService : hsdsServiceSummary;
    c.header('Cache-Control', PUBLIC_CACHE);
    return c.json(hsdsPage(matching, q.page ?? 1, q.per_page ?? 50, shape));
  });

  app.get('/hsds/services/:id', async (c) => {
    const id = c.req.param('id');
    const d = await directory.get();
    // The HSDS id (a UUID) or the record id staff see in their sheet.
    const found = d.serviceByOpenDataId(id) ?? d.service(id);
    if (!found) throw new NotFoundError(`There is no listed service with id "${id}".`);
    c.header('Cache-Control', PUBLIC_CACHE);
    return c.json(hsdsService(found));
  });

  app.get('/v1/public/services.csv', async (c) => {
    const { services } = await directory.get();
    c.header('Cache-Control', PUBLIC_CACHE);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="services.csv"');
    return c.body(servicesCsv(services));
  });

  return { name: 'open-data', prefix: '/', routes: app };
}
