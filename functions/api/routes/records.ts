import { createHash } from 'node:crypto';
import { Hono } from 'hono/tiny';
import { BadRequestError } from '../../domain/errors.ts';
import type { RecordService } from '../../domain/record-service.ts';
import type { StoredRecord, Values } from '../../records/definition.ts';
import { definitionFromPath, refuseUnknownRecordType, TYPE_PATH_PARAM } from '../record-type-path.ts';
import {
  type AppEnv,
  etag,
  ifMatchVersion,
  matchesIfNoneMatch,
  parseQuery,
  queryFields,
  readJson,
} from '../request.ts';
import type { RouteArea } from '../route-area.ts';

const MAX_RECORD_BYTES = 256 * 1024;

/** A retried POST with the same Idempotency-Key maps to the same record id, so it creates once. */
function idFromIdempotencyKey(principalId: string, type: string, key: string): string {
  if (!/^[\x21-\x7e]{8,200}$/.test(key)) {
    throw new BadRequestError('Idempotency-Key must be 8 to 200 visible characters, such as a UUID.');
  }
  const hex = createHash('sha256').update(`${principalId}\n${type}\n${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** RFC 7396 merge patch over the stored values: null removes a field. */
function mergePatch(values: Values, patch: unknown): Values {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw new BadRequestError(
      'A PATCH body must be a JSON object of the fields to change (null removes a field).',
    );
  }
  const merged = { ...values };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

function recordLocation(path: string, record: StoredRecord) {
  return `/v1/${path}/${encodeURIComponent(record.id)}`;
}

/**
 * CRUD, list and history for every record type, driven by the definitions, under /v1. The `:path`
 * parameter takes only the record types' paths (TYPE_PATH_PARAM), so these routes never claim
 * another area's paths.
 */
export function recordsArea(service: RecordService): RouteArea {
  const app = new Hono<AppEnv>();
  app.get(`/${TYPE_PATH_PARAM}`, async (c) => {
    const definition = definitionFromPath(c.req.param('path'));
    const q = parseQuery(c, {
      limit: queryFields.limit,
      cursor: queryFields.cursor,
      region: queryFields.region,
      council: queryFields.council,
      changedSince: queryFields.changedSince,
      includeDeleted: queryFields.includeDeleted,
    });
    const page = await service.list(definition, c.get('principal'), {
      regionId: q.region,
      councilId: q.council,
      changedSince: q.changedSince,
      includeDeleted: q.includeDeleted === 'true',
      limit: q.limit,
      cursor: q.cursor,
    });
    return c.json({ items: page.items, more: page.more, cursor: page.cursor });
  });

  app.post(`/${TYPE_PATH_PARAM}`, async (c) => {
    const definition = definitionFromPath(c.req.param('path'));
    // Who is asking may be refused before anything else is read or checked.
    service.requireWriter(definition, c.get('principal'));
    const values = await readJson(c, MAX_RECORD_BYTES);
    const key = c.req.header('idempotency-key');
    const principal = c.get('principal');
    // Records with natural ids (one per region and quarter, say) are idempotent by their values.
    const id =
      key && !definition.naturalId ? idFromIdempotencyKey(principal.id, definition.type, key) : undefined;
    const outcome = await service.change(definition, principal, { id, values });
    const record = outcome.record!;
    c.header('ETag', etag(record.version));
    c.header('Location', recordLocation(definition.path, record));
    return c.json(record, outcome.status === 'created' ? 201 : 200);
  });

  app.get(`/${TYPE_PATH_PARAM}/:id`, async (c) => {
    const definition = definitionFromPath(c.req.param('path'));
    const record = await service.get(definition, c.get('principal'), c.req.param('id'));
    c.header('ETag', etag(record.version));
    // Conditional GET: the client's copy is this version, so there is nothing to send again.
    if (matchesIfNoneMatch(c.req.header('if-none-match'), record.version)) return c.body(null, 304);
    return c.json(record);
  });

  app.put(`/${TYPE_PATH_PARAM}/:id`, async (c) => {
    const definition = definitionFromPath(c.req.param('path'));
    // Who is asking may be refused before anything else is read or checked.
    service.requireWriter(definition, c.get('principal'));
    const creating = c.req.header('if-none-match')?.trim() === '*';
    const baseVersion = creating ? undefined : ifMatchVersion(c, true);
    const values = await readJson(c, MAX_RECORD_BYTES);
    const outcome = await service.change(definition, c.get('principal'), {
      id: c.req.param('id'),
      baseVersion,
      values,
    });
    c.header('ETag', etag(outcome.record!.version));
    return c.json(outcome.record!, outcome.status === 'created' ? 201 : 200);
  });

  app.patch(`/${TYPE_PATH_PARAM}/:id`, async (c) => {
    const definition = definitionFromPath(c.req.param('path'));
    // Who is asking may be refused before anything else is read or checked.
    service.requireWriter(definition, c.get('principal'));
    const baseVersion = ifMatchVersion(c, true);
    const patch = await readJson(c, MAX_RECORD_BYTES);
    const principal = c.get('principal');
    const id = c.req.param('id');
    const current = await service.get(definition, principal, id);
    const values = mergePatch(service.editableValues(definition, current), patch);
    const outcome = await service.change(definition, principal, { id, baseVersion, values });
    c.header('ETag', etag(outcome.record!.version));
    return c.json(outcome.record!);
  });

  app.delete(`/${TYPE_PATH_PARAM}/:id`, async (c) => {
    const definition = definitionFromPath(c.req.param('path'));
    // Who is asking may be refused before anything else is read or checked.
    service.requireWriter(definition, c.get('principal'));
    const baseVersion = ifMatchVersion(c, true);
    const outcome = await service.change(definition, c.get('principal'), {
      id: c.req.param('id'),
      baseVersion,
      delete: true,
    });
    c.header('ETag', etag(outcome.record!.version));
    return c.json(outcome.record!);
  });

  app.get(`/${TYPE_PATH_PARAM}/:id/history`, async (c) => {
    const definition = definitionFromPath(c.req.param('path'));
    const q = parseQuery(c, { limit: queryFields.limit, cursor: queryFields.cursor });
    const page = await service.history(
      definition,
      c.get('principal'),
      c.req.param('id'),
      q.limit ?? 100,
      q.cursor,
    );
    return c.json({ items: page.items, more: page.more, cursor: page.cursor });
  });

  return { name: 'records', prefix: '/v1', routes: app, refuseUnrouted: refuseUnknownRecordType };
}
