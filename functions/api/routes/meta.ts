import { Hono } from 'hono/tiny';
import type { TypeDescription } from '../../records/definition.ts';
import { RECORD_DEFINITIONS } from '../../records/registry.ts';
import type { AppEnv } from '../request.ts';
import type { RouteArea } from '../route-area.ts';

/** What the record types look like, for clients that build forms or sheet columns from them. */
export function describeTypes(): TypeDescription[] {
  return RECORD_DEFINITIONS.map((d) => ({
    type: d.type,
    path: d.path,
    label: d.label,
    pluralLabel: d.pluralLabel,
    description: d.description,
    public: d.isPublic,
    writableBy: d.writableBy,
    naturalId: d.naturalId !== undefined,
    fields: d.fields,
  }));
}

/**
 * Where the OpenAPI document comes from. The document never changes between deployments, so in
 * the cloud it is built with the site (`npm run dashboard:build` writes docs/openapi.json) and
 * /openapi.json sends people there: the builder and its schemas stay out of the API's bundle and
 * cold start. Locally and in tests the builder itself is passed in, so the answer is never stale.
 */
export type OpenApiSource = { build: () => unknown } | { url: string };

/**
 * Health, the OpenAPI document, its browsable docs and the type catalogue. All token-free. The
 * browsable reference is static files (api-docs/) served next to the dashboard in the cloud and by
 * npm start locally, so `docsUrl` says where; the API's bundle carries none of it.
 */
export function metaArea(
  docsUrl = '/docs/index.html',
  openApi: OpenApiSource = { url: '/docs/openapi.json' },
): RouteArea {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => c.json({ status: 'ok', time: new Date().toISOString() }));
  app.get('/openapi.json', (c) =>
    'build' in openApi ? c.json(openApi.build()) : c.redirect(openApi.url, 302),
  );
  app.get('/docs', (c) => c.redirect(docsUrl, 302));
  app.get('/v1/types', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ items: describeTypes() });
  });

  return { name: 'meta', prefix: '/', routes: app };
}
