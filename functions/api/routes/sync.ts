import * as z from 'zod/mini';
import '../../zod-english.ts';
import { MAX_PUSH_ROWS } from '../../domain/push-rows.ts';
import { MAX_LIMIT } from '../../domain/record-repository.ts';
import { emptyCounts, type RecordService } from '../../domain/record-service.ts';
import { RECORD_DEFINITIONS } from '../../records/registry.ts';
import { AreaRoutes, defineRoute } from '../declare-route.ts';
import type { JsonSchema, OperationDoc, RecordTypeDoc } from '../operation-doc.ts';
import { definitionFromPath, refuseUnknownRecordType } from '../record-type-path.ts';
import { queryFields } from '../request.ts';
import type { RouteArea } from '../route-area.ts';

/** 500 rows of long text stay well inside this; API Gateway allows 10 MB, Lambda 6 MB. */
const MAX_PUSH_BYTES = 5 * 1024 * 1024;

export const pushRowSchema = z.strictObject({
  id: z.optional(z.string().check(z.maxLength(100))),
  baseVersion: z.optional(z.number().check(z.int(), z.gte(1))),
  values: z.optional(z.unknown()),
  delete: z.optional(z.boolean()),
});

/** Rows are read one by one (pushRowSchema), so a malformed row is that row's problem, not the push's. */
const pushBodySchema = z.strictObject({
  rows: z.array(z.unknown()).check(
    z.minLength(1, { error: 'send at least one row' }),
    z.maxLength(MAX_PUSH_ROWS, {
      error: `send at most ${MAX_PUSH_ROWS} rows per push; split the rest into further pushes`,
    }),
  ),
});

const typePath = z.enum(RECORD_DEFINITIONS.map((d) => d.path) as [string, ...string[]]);

const pull = defineRoute({
  method: 'get',
  path: '/v1/sync/{path}',
  params: { path: typePath },
  query: {
    region: queryFields.region,
    council: queryFields.council,
    since: queryFields.cursor,
    limit: queryFields.limit,
  },
});

const push = defineRoute({
  method: 'post',
  path: '/v1/sync/{path}',
  params: { path: typePath },
  query: { dryRun: queryFields.dryRun },
  body: {
    schema: pushBodySchema,
    maxBytes: MAX_PUSH_BYTES,
    whole: 'rows',
    refusal: `The push body must be {"rows": [...]} with 1 to ${MAX_PUSH_ROWS} rows.`,
  },
});

/** The sync protocol under /v1/sync: pull changes since a cursor, push rows with per-row outcomes. */
export function syncArea(service: RecordService): RouteArea {
  const area = new AreaRoutes('/v1/sync');
  area.on(pull, async (c, { params, query }) => {
    const definition = definitionFromPath(params.path);
    const page = await service.pull(
      definition,
      c.get('principal'),
      { regionId: query.region, councilId: query.council },
      query.limit ?? 500,
      query.since,
    );
    return c.json({ items: page.items, more: page.more, cursor: page.cursor });
  });

  area.on(push, async (c, { params, query, body }) => {
    const definition = definitionFromPath(params.path);
    const requests = body.rows.map((raw) => pushRowSchema.safeParse(raw));
    const valid = requests.map((r) => (r.success ? r.data : { values: undefined, id: undefined }));
    const result = await service.push(definition, c.get('principal'), valid, query.dryRun === 'true');
    requests.forEach((r, index) => {
      if (!r.success) {
        result.counts[result.rows[index]!.status]--;
        result.rows[index] = {
          index,
          status: 'invalid',
          errors: r.error.issues.map((i) => ({
            field: i.path.join('.') || 'row',
            message:
              i.code === 'unrecognized_keys'
                ? `unknown row field(s) ${i.keys.join(', ')}: a row has id, baseVersion, values and delete`
                : i.message,
          })),
        };
        result.counts.invalid++;
      }
    });
    return c.json(result);
  });

  return {
    name: 'sync',
    prefix: area.prefix,
    routes: area.routes,
    declared: area.declared,
    refuseUnrouted: refuseUnknownRecordType,
  };
}

/**
 * Pull and push of every record type in the OpenAPI document, one path per type (pullNeeds,
 * pushNeeds…), each naming its own record schema (build time only: see operation-doc.ts).
 */
export function syncOperations(types: readonly RecordTypeDoc[]): OperationDoc[] {
  const row = z.toJSONSchema(pushRowSchema, { io: 'input' }) as JsonSchema & { properties: JsonSchema };
  delete row.$schema;
  return types.flatMap(
    ({ definition, name, pluralName, ref, page, exampleValues, exampleRecord }): OperationDoc[] => {
      const plural = definition.pluralLabel.toLowerCase();
      const pathValues = { path: definition.path };
      return [
        {
          route: pull,
          pathValues,
          operationId: `pull${pluralName}`,
          tags: ['Sync'],
          access: 'read',
          summary: `Pull ${plural} changed since a cursor`,
          description:
            'Changes and tombstones, oldest first. Page until more is false and keep the last cursor for the next pull. The window overlaps the previous pull slightly: skip versions you already have.',
          parameters: {
            region: 'Only records in this region (one of yours)',
            council: "Only records of this council (a mayor's office pulls by its council)",
            since: 'The cursor from the previous pull',
            limit: `Page size, 1 to ${MAX_LIMIT} (default 500)`,
          },
          parameterExamples: { region: 'canterbury', limit: 500 },
          responses: {
            200: {
              description: 'A page of changes',
              schema: page(ref(name), true),
              example: {
                items: [exampleRecord],
                more: false,
                cursor: 'eyJ0IjoiMjAyNi0wMy0wMlQyMDo0NTowNC4wMDBaIn0',
              },
            },
          },
          problems: [400, 401, 403],
        },
        {
          route: push,
          pathValues,
          operationId: `push${pluralName}`,
          tags: ['Sync'],
          access: 'write',
          summary: `Push up to ${MAX_PUSH_ROWS} ${plural}`,
          description:
            'Each row comes back created, updated, deleted, unchanged, conflict, invalid, forbidden or failed. Identical values are unchanged, so retrying a push is safe. dryRun=true checks without writing.',
          parameters: { dryRun: 'true to check without writing' },
          body: {
            // The rows as the route reads them one by one (pushRowSchema), values by the type's own schema.
            schema: {
              type: 'object',
              required: ['rows'],
              additionalProperties: false,
              properties: {
                rows: {
                  type: 'array',
                  minItems: 1,
                  maxItems: MAX_PUSH_ROWS,
                  items: { ...row, properties: { ...row.properties, values: ref(`${name}Values`) } },
                },
              },
            },
            example: { rows: [{ id: exampleRecord.id, baseVersion: 3, values: exampleValues }] },
          },
          responses: {
            200: {
              description: 'Per-row outcomes',
              schema: ref('PushResult'),
              example: {
                dryRun: false,
                counts: { ...emptyCounts(), updated: 1 },
                rows: [{ index: 0, id: exampleRecord.id, status: 'updated', version: 4 }],
              },
            },
          },
          problems: [400, 401, 403, 413, 415],
        },
      ];
    },
  );
}
