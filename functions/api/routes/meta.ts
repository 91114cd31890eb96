import * as z from 'zod/mini';
import { UnavailableError } from '../../domain/errors.ts';
import { ROLES, type TypeDescription } from '../../records/definition.ts';
import { FIELD_KINDS } from '../../records/fields.ts';
import { RECORD_DEFINITIONS } from '../../records/registry.ts';
import { AreaRoutes, defineRoute } from '../declare-route.ts';
import type { OperationDoc } from '../operation-doc.ts';
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

/** Reads one item from the table; rejects with UnavailableError when the table does not answer. */
export type ReadinessProbe = () => Promise<unknown>;

/**
 * Where the OpenAPI document comes from. The document never changes between deployments, so in
 * the cloud it is built with the site (`npm run dashboard:build` writes docs/openapi.json) and
 * /openapi.json sends people there: the builder and its schemas stay out of the API's bundle and
 * cold start. Locally and in tests the builder itself is passed in, so the answer is never stale.
 */
export type OpenApiSource = { build: () => unknown } | { url: string };

const getHealth = defineRoute({ method: 'get', path: '/healthz' });
const getReadiness = defineRoute({ method: 'get', path: '/healthz/ready' });
const getOpenApiDocument = defineRoute({ method: 'get', path: '/openapi.json' });
const listRecordTypes = defineRoute({ method: 'get', path: '/v1/types' });

/**
 * Health, the OpenAPI document, its browsable docs and the type catalogue. All token-free. The
 * browsable reference is static files (api-docs/) served next to the dashboard in the cloud and by
 * npm start locally, so `docsUrl` says where; the API's bundle carries none of it.
 */
export function metaArea(
  docsUrl = '/docs/index.html',
  openApi: OpenApiSource = { url: '/docs/openapi.json' },
  ready?: ReadinessProbe,
): RouteArea {
  const area = new AreaRoutes('/');
  // Liveness: the process answers. It touches nothing, so a load balancer never restarts a
  // healthy instance because the table is slow.
  area.on(getHealth, (c) => c.json({ status: 'ok', time: new Date().toISOString() }));
  // Readiness: the table answers too. A failed probe throws UnavailableError, which the shell
  // answers 503 with Retry-After like every other route.
  area.on(getReadiness, async (c) => {
    if (!ready) throw new UnavailableError('This process has no store to check.');
    await ready();
    return c.json({ status: 'ready', time: new Date().toISOString() });
  });
  area.on(getOpenApiDocument, (c) =>
    'build' in openApi ? c.json(openApi.build()) : c.redirect(openApi.url, 302),
  );
  area.on(listRecordTypes, (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ items: describeTypes() });
  });
  // A redirect to the browsable reference, for people; the document itself does not list it.
  area.routes.get('/docs', (c) => c.redirect(docsUrl, 302));

  return { name: 'meta', prefix: area.prefix, routes: area.routes, declared: area.declared };
}

/** Health, the document and the type catalogue in the OpenAPI document (build time only). */
export function metaOperations(): OperationDoc[] {
  const words = (max: number) => z.string().check(z.maxLength(max));
  const time = z.iso.datetime();
  const field = z.object({
    name: words(100),
    title: words(200),
    help: words(2000),
    kind: z.enum(FIELD_KINDS),
    required: z.boolean(),
    derived: z.boolean().check(z.meta({ description: 'Set by the server from other fields; read only' })),
    refType: z.optional(
      words(50).check(z.meta({ description: 'For references: the record type the id points at' })),
    ),
    options: z.optional(
      z.array(words(200)).check(z.maxLength(200), z.meta({ description: 'For enums, in display order' })),
    ),
    public: z.optional(
      z.boolean().check(z.meta({ description: 'Shown to the public where the type is public' })),
    ),
    example: z.optional(words(200).check(z.meta({ description: 'A realistic value, for documentation' }))),
    min: z.optional(
      z.int().check(z.meta({ description: 'The least a value may be (length, count or number)' })),
    ),
    max: z.optional(
      z.int().check(z.meta({ description: 'The most a value may be (length, count or number)' })),
    ),
  });
  const catalogue = z.object({
    items: z
      .array(
        z.object({
          type: words(50),
          path: words(50),
          label: words(100),
          pluralLabel: words(100),
          description: words(2000),
          public: z.boolean(),
          writableBy: z.array(z.enum(ROLES)).check(z.maxLength(ROLES.length)),
          naturalId: z.boolean().check(z.meta({ description: 'true when the id comes from the values' })),
          fields: z.array(field).check(z.maxLength(200)),
        }),
      )
      .check(z.maxLength(200)),
  });
  const at = '2026-03-02T21:15:04.000Z';
  return [
    {
      route: getHealth,
      operationId: 'getHealth',
      tags: ['Meta'],
      access: 'public',
      summary: 'Liveness',
      description: 'Answers when the API is up; touches no data.',
      responses: {
        200: {
          description: 'Up',
          schema: z.object({ status: z.literal('ok'), time }),
          example: { status: 'ok', time: at },
        },
      },
      problems: [],
    },
    {
      route: getReadiness,
      operationId: 'getReadiness',
      tags: ['Meta'],
      access: 'public',
      summary: 'Readiness',
      description:
        'Answers 200 when the API can read its table, and 503 with Retry-After when the table does not answer. /healthz says only that the process is up.',
      responses: {
        200: {
          description: 'Ready',
          schema: z.object({ status: z.literal('ready'), time }),
          example: { status: 'ready', time: at },
        },
      },
      problems: [],
    },
    {
      route: getOpenApiDocument,
      operationId: 'getOpenApiDocument',
      tags: ['Meta'],
      access: 'public',
      summary: 'This document',
      description:
        'The OpenAPI 3.1 description of the API, generated from the routes that validate requests.',
      responses: {
        200: {
          description: 'The document',
          schema: z.looseObject({
            openapi: z.string().check(z.regex(/^3\.1\.\d+$/), z.maxLength(10)),
            info: z.looseObject({}),
            paths: z.looseObject({}),
          }),
        },
      },
      problems: [],
    },
    {
      route: listRecordTypes,
      operationId: 'listRecordTypes',
      tags: ['Meta'],
      access: 'public',
      summary: 'The record types and their fields',
      description:
        'Titles, help, kinds and choices of every field: what the Sheets add-on builds its columns from.',
      responses: {
        // One type of the catalogue, as the route answers it, for the example.
        200: {
          description: 'The types',
          schema: catalogue,
          example: { items: describeTypes().filter((t) => t.type === 'need') },
        },
      },
      problems: [],
    },
  ];
}
