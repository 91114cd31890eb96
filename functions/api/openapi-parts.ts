import { MAX_LIMIT } from '../domain/record-repository.ts';
import { problemComponentResponses, problemResponseRefs } from './openapi-problems.ts';

/**
 * The building blocks of the OpenAPI document that do not depend on a record type: reusable
 * parameters, headers and problem responses, and the shared component schemas. Operations refer
 * to them by name, so each status and header is described once.
 */
export type Schema = Record<string, unknown>;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const paramRef = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const _headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** Ids of records: what the storage keys accept (client-made UUIDs, slugs, natural ids). */
const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$';
export const idSchema = { type: 'string', minLength: 1, maxLength: 100, pattern: ID_PATTERN };
export const timestampSchema = { type: 'string', format: 'date-time', maxLength: 40 };
export const dateSchema = {
  type: 'string',
  format: 'date',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  maxLength: 10,
};
export const quarterSchema = { type: 'string', pattern: '^\\d{4}-Q[1-4]$', maxLength: 7 };
/** Who made a change: an email address, a machine client id or a system principal. */
const principalIdSchema = { type: 'string', maxLength: 320 };
const cursorSchema = { type: 'string', maxLength: 4000, pattern: '^[A-Za-z0-9_-]+$' };
const wordsSchema = (maxLength: number) => ({ type: 'string', maxLength });
/** Counts and versions fit in 32 bits; the document says so for generators that pick a type. */
export const countSchema = { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 };

export const param = (
  name: string,
  where: 'path' | 'query' | 'header',
  description: string,
  schema: Schema = idSchema,
  required = where === 'path',
) => ({ name, in: where, required, description, schema });

/** `responses` entries, by reference, for the given statuses plus those every operation can answer. */
export const problemResponses = (...statuses: number[]) => problemResponseRefs(statuses);

export const componentResponses: Schema = problemComponentResponses();

export const componentHeaders: Schema = {
  ETag: {
    description: 'The record\'s version as a strong ETag, like "3": send it back in If-Match',
    schema: { type: 'string', pattern: '^"\\d+"$', maxLength: 12 },
  },
  Location: {
    description: 'Where the record now lives',
    schema: { type: 'string', format: 'uri-reference', maxLength: 300 },
  },
  CacheControl: {
    description: 'no-store for anything that can hold personal or regional data; public reads may be cached',
    schema: { type: 'string', maxLength: 100 },
  },
  Vary: {
    description: 'Accept: the format follows it',
    schema: { type: 'string', maxLength: 100 },
  },
  ContentDisposition: {
    description: 'attachment, with a file name for the download',
    schema: { type: 'string', maxLength: 300 },
  },
  WWWAuthenticate: {
    description: 'Bearer challenge naming the realm',
    schema: { type: 'string', maxLength: 300 },
  },
  RetryAfter: {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 3600 },
  },
};

export const componentParameters: Schema = {
  IfMatch: param(
    'If-Match',
    'header',
    'The ETag (version) you read, like "3"; the change is refused with 409 if the record has moved on',
    { type: 'string', pattern: '^(W/)?"?\\d{1,9}"?$', maxLength: 13 },
    true,
  ),
  IfNoneMatch: param(
    'If-None-Match',
    'header',
    'The ETag you hold, like "3": when it is still current the answer is 304 with no body',
    { type: 'string', maxLength: 200 },
  ),
  IdempotencyKey: param(
    'Idempotency-Key',
    'header',
    'A unique key per intended record (a UUID): a retry with the same key returns the same record',
    { type: 'string', minLength: 8, maxLength: 200, pattern: '^[\\x21-\\x7e]{8,200}$' },
  ),
  Region: param(
    'region',
    'query',
    'Region id; defaults to your only region (national users: all regions)',
    idSchema,
  ),
  Council: param('council', 'query', 'Council id: only records of that council', idSchema),
  ChangedSince: param(
    'changedSince',
    'query',
    'ISO timestamp: only records changed at or after it',
    timestampSchema,
  ),
  IncludeDeleted: param('includeDeleted', 'query', 'true to include tombstones', { type: 'boolean' }),
  Limit: param('limit', 'query', `Page size, 1 to ${MAX_LIMIT} (default 100)`, {
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: MAX_LIMIT,
  }),
  Cursor: param('cursor', 'query', 'The cursor from the previous page', cursorSchema),
};

const systemProperties: Schema = {
  id: idSchema,
  type: { type: 'string', maxLength: 50 },
  regionId: { ...idSchema, description: 'Derived from the council (or parent record) where there is one' },
  councilId: idSchema,
  version: {
    ...countSchema,
    minimum: 1,
    description: 'Starts at 1, +1 per change; send it back as If-Match or baseVersion',
  },
  createdAt: timestampSchema,
  createdBy: principalIdSchema,
  updatedAt: timestampSchema,
  updatedBy: principalIdSchema,
  deletedAt: { ...timestampSchema, description: 'Present on tombstones' },
  deletedBy: principalIdSchema,
  signOffs: {
    $ref: '#/components/schemas/SignOffs',
    description: "Agreements, communications and publicity: each party's sign-off",
  },
  sharedRegionId: { ...idSchema, description: 'A second region that shares the record (buddy pairs)' },
};
const systemRequired = [
  'id',
  'type',
  'regionId',
  'version',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
];

/** A stored record: the system fields and the given values schema, all in one object. */
export function storedRecordSchema(type: Schema, values: Schema, description?: string): Schema {
  return {
    type: 'object',
    description,
    required: [...systemRequired, 'values'],
    additionalProperties: false,
    properties: { ...systemProperties, type, values },
  };
}

/** `{items, more, cursor}`: one page of a list; cursor is there whenever more is true. */
export function pageSchema(items: Schema, cursorAlways = false): Schema {
  return {
    type: 'object',
    required: cursorAlways ? ['items', 'more', 'cursor'] : ['items', 'more'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', maxItems: MAX_LIMIT, items },
      more: { type: 'boolean', description: 'true when another page follows: ask again with cursor' },
      cursor: cursorSchema,
    },
  };
}

const fieldErrorList = { type: 'array', maxItems: 1000, items: ref('FieldError') };

export const sharedSchemas: Schema = {
  AnyRecord: storedRecordSchema(
    { type: 'string', maxLength: 50 },
    { type: 'object', description: "The record's values; see the schema of its type" },
    'A record of any type, as stored',
  ),
  FieldError: {
    type: 'object',
    required: ['field', 'message'],
    properties: {
      field: { type: 'string', maxLength: 200 },
      message: {
        type: 'string',
        maxLength: 2000,
        description: 'What was expected and what was given, in plain words',
      },
      received: { description: 'The value given, as sent' },
    },
  },
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: { type: 'string', format: 'uri', maxLength: 200 },
      title: wordsSchema(200),
      status: { type: 'integer', format: 'int32', minimum: 400, maximum: 599 },
      detail: wordsSchema(4000),
      instance: { type: 'string', format: 'uri-reference', maxLength: 2000 },
      errors: fieldErrorList,
      current: { ...ref('AnyRecord'), description: 'For 409 and 410: the record as it now stands' },
    },
  },
  GatewayMessage: {
    type: 'object',
    description: "The API gateway's own answer, before the request reaches the API",
    required: ['message'],
    properties: { message: wordsSchema(200) },
  },
  HistoryEntry: {
    type: 'object',
    required: ['version', 'op', 'at', 'by', 'changes', 'record'],
    properties: {
      version: { ...countSchema, minimum: 1 },
      op: {
        type: 'string',
        enum: [
          'created',
          'updated',
          'deleted',
          'restored',
          'sign-off-requested',
          'signed-off',
          'sign-off-not-yet',
          'sign-off-withdrawn',
        ],
      },
      at: timestampSchema,
      by: principalIdSchema,
      changes: {
        type: 'array',
        maxItems: 1000,
        items: {
          type: 'object',
          required: ['field'],
          properties: {
            field: { type: 'string', maxLength: 200 },
            from: { description: 'The value before; absent when the field was empty' },
            to: { description: 'The value after; absent when the field was emptied' },
          },
        },
      },
      record: ref('AnyRecord'),
    },
  },
  PushResult: {
    type: 'object',
    required: ['dryRun', 'counts', 'rows'],
    properties: {
      dryRun: { type: 'boolean' },
      counts: {
        type: 'object',
        description: 'How many rows came back with each status',
        additionalProperties: countSchema,
      },
      rows: {
        type: 'array',
        maxItems: 500,
        items: {
          type: 'object',
          required: ['index', 'status'],
          properties: {
            index: { ...countSchema, description: 'The row position in the request' },
            id: idSchema,
            status: {
              type: 'string',
              enum: [
                'created',
                'updated',
                'deleted',
                'unchanged',
                'conflict',
                'invalid',
                'forbidden',
                'failed',
              ],
            },
            version: { ...countSchema, minimum: 1 },
            record: ref('AnyRecord'),
            current: ref('AnyRecord'),
            errors: fieldErrorList,
            message: wordsSchema(2000),
          },
        },
      },
    },
  },
};

export { withIntegerFormats } from './openapi-operations.ts';
