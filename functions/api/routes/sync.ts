import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import '../../zod-english.ts';
import { BadRequestError } from '../../domain/errors.ts';
import { MAX_PUSH_ROWS } from '../../domain/push-rows.ts';
import type { RecordService } from '../../domain/record-service.ts';
import { definitionFromPath, refuseUnknownRecordType, TYPE_PATH_PARAM } from '../record-type-path.ts';
import { type AppEnv, parseQuery, queryFields, readJson } from '../request.ts';
import type { RouteArea } from '../route-area.ts';

/** 500 rows of long text stay well inside this; API Gateway allows 10 MB, Lambda 6 MB. */
const MAX_PUSH_BYTES = 5 * 1024 * 1024;

export const pushRowSchema = z.strictObject({
  id: z.optional(z.string().check(z.maxLength(100))),
  baseVersion: z.optional(z.number().check(z.int(), z.gte(1))),
  values: z.optional(z.unknown()),
  delete: z.optional(z.boolean()),
});

const pushBodySchema = z.strictObject({
  rows: z.array(z.unknown()).check(
    z.minLength(1, { error: 'send at least one row' }),
    z.maxLength(MAX_PUSH_ROWS, {
      error: `send at most ${MAX_PUSH_ROWS} rows per push; split the rest into further pushes`,
    }),
  ),
});

/** The sync protocol under /v1/sync: pull changes since a cursor, push rows with per-row outcomes. */
export function syncArea(service: RecordService): RouteArea {
  const app = new Hono<AppEnv>();
  app.get(`/${TYPE_PATH_PARAM}`, async (c) => {
    const definition = definitionFromPath(c.req.param('path'));
    const q = parseQuery(c, {
      region: queryFields.region,
      council: queryFields.council,
      since: queryFields.cursor,
      limit: queryFields.limit,
    });
    const page = await service.pull(
      definition,
      c.get('principal'),
      { regionId: q.region, councilId: q.council },
      q.limit ?? 500,
      q.since,
    );
    return c.json({ items: page.items, more: page.more, cursor: page.cursor });
  });

  app.post(`/${TYPE_PATH_PARAM}`, async (c) => {
    const definition = definitionFromPath(c.req.param('path'));
    const q = parseQuery(c, { dryRun: queryFields.dryRun });
    const body = pushBodySchema.safeParse(await readJson(c, MAX_PUSH_BYTES));
    if (!body.success) {
      throw new BadRequestError(
        'The push body must be {"rows": [...]} with 1 to 500 rows.',
        body.error.issues.map((i) => ({ field: i.path.join('.') || 'rows', message: i.message })),
      );
    }
    // A malformed row is that row's problem, not the whole push's.
    const requests = body.data.rows.map((raw) => pushRowSchema.safeParse(raw));
    const valid = requests.map((r) => (r.success ? r.data : { values: undefined, id: undefined }));
    const result = await service.push(definition, c.get('principal'), valid, q.dryRun === 'true');
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

  return { name: 'sync', prefix: '/v1/sync', routes: app, refuseUnrouted: refuseUnknownRecordType };
}
