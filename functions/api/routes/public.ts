import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import { NotFoundError } from '../../domain/errors.ts';
import type { RecordRepository } from '../../domain/record-repository.ts';
import type { FieldDescription } from '../../records/definition.ts';
import {
  foldForSearch,
  isPubliclyVisible as isVisible,
  PUBLIC_DEFINITIONS,
  type PublicView,
  publicView,
} from '../../records/public-view.ts';
import { type AppEnv, parseQuery, queryFields } from '../request.ts';
import type { RouteArea } from '../route-area.ts';

/** The query a public list takes: region, words, paging and one filter per public enum field. */
function queryShape(enumFields: FieldDescription[]) {
  const filters = Object.fromEntries(
    enumFields.map((f) => [
      f.name,
      z.optional(
        z.enum(f.options as [string, ...string[]], {
          error: `expected one of: ${f.options!.join(', ')}`,
        }),
      ),
    ]),
  );
  return {
    region: queryFields.region,
    q: z.optional(z.string().check(z.maxLength(200))),
    limit: queryFields.limit,
    cursor: queryFields.cursor,
    ...filters,
  };
}

/** Token-free reads of the service directory and published employment profiles (rule 10), under /v1/public. */
export function publicArea(store: RecordRepository): RouteArea {
  const app = new Hono<AppEnv>();
  for (const definition of PUBLIC_DEFINITIONS) {
    // The enum filters come from the type's fields, which build its schema: done on the type's
    // first request rather than at start-up (see defineRecord), then kept for every later one.
    let filtering: { enumFields: FieldDescription[]; shape: ReturnType<typeof queryShape> } | undefined;
    const filteringOf = () => {
      if (filtering) return filtering;
      const enumFields = definition.fields.filter((f) => f.public && f.kind === 'enum');
      filtering = { enumFields, shape: queryShape(enumFields) };
      return filtering;
    };
    app.get(`/${definition.path}`, async (c) => {
      const { enumFields, shape } = filteringOf();
      const q = parseQuery(c, shape);
      const limit = q.limit ?? 100;
      const words = q.q ? foldForSearch(q.q).split(/\s+/).filter(Boolean) : [];
      const items: PublicView[] = [];
      let cursor = q.cursor;
      let more = true;
      // Reads pages until enough visible matches are found; the directory is small per region.
      while (items.length < limit && more) {
        const page = await store.list({
          type: definition.type,
          regionId: q.region,
          limit: limit - items.length,
          cursor,
          newestFirst: true,
        });
        for (const record of page.items) {
          if (!isVisible(definition, record)) continue;
          if (
            enumFields.some(
              (f) =>
                (q as Record<string, unknown>)[f.name] &&
                record.values[f.name] !== (q as Record<string, unknown>)[f.name],
            )
          )
            continue;
          const view = publicView(definition, record);
          if (words.length > 0) {
            const haystack = foldForSearch(Object.values(view.values).join(' '));
            if (!words.every((w) => haystack.includes(w))) continue;
          }
          items.push(view);
        }
        more = page.more;
        cursor = page.cursor;
      }
      c.header('Cache-Control', 'public, max-age=300');
      return c.json({ items, more, cursor: more ? cursor : undefined });
    });

    app.get(`/${definition.path}/:id`, async (c) => {
      const record = await store.get(definition.type, c.req.param('id'));
      if (!record || !isVisible(definition, record)) {
        throw new NotFoundError(
          `There is no public ${definition.label.toLowerCase()} with id "${c.req.param('id')}".`,
        );
      }
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(publicView(definition, record));
    });
  }

  return { name: 'public', prefix: '/v1/public', routes: app };
}
