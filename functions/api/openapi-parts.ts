import { MAX_LIMIT } from '../domain/record-repository.ts';

/**
 * The building blocks of the OpenAPI document that do not depend on a record type: reusable
 * parameters, headers and problem responses, and the shared component schemas. Operations refer
 * to them by name, so each status and header is described once.
 */
export type Schema = Record<string, unknown>;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const responseRef = (name: string) => ({ $ref: `#/components/responses/${name}` });
export const paramRef = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });

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

/** A status that answers with problem+json, and the words that say when it happens. */
const PROBLEM_STATUSES: Record<number, [name: string, words: string]> = {
  400: ['BadRequest', 'Bad request: malformed or too deeply nested JSON, a bad query parameter or cursor'],
  401: ['Unauthorized', 'No valid bearer token; WWW-Authenticate says so too'],
  403: ['Forbidden', 'Not allowed for this user, region, role or token scope; the detail says whom to ask'],
  404: ['NotFound', 'No such record (or type, or snapshot)'],
  409: ['Conflict', 'The record changed since the version named; `current` holds it and ETag its version'],
  410: ['Gone', 'The record was deleted; `current` holds the tombstone'],
  413: ['PayloadTooLarge', 'The body is too large'],
  415: ['UnsupportedMediaType', 'The body is not sent as JSON'],
  422: ['UnprocessableContent', 'Invalid values: one entry per bad field in `errors`'],
  428: ['PreconditionRequired', 'If-Match is required: say which version you are changing'],
  500: ['InternalError', 'Failed unexpectedly; nothing was changed by the failed step. Try again'],
  503: [
    'ServiceUnavailable',
    'A store the API needs did not answer (the database, or the dashboard snapshots); nothing was changed: try again',
  ],
};

/** Statuses every operation can answer: throttling at the gateway, and unexpected failure. */
const ALWAYS = [429, 500];

/** `responses` entries, by reference, for the given statuses plus those every operation can answer. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(
    [...statuses, ...ALWAYS].map((status) => [
      String(status),
      responseRef(status === 429 ? 'TooManyRequests' : PROBLEM_STATUSES[status]![0]),
    ]),
  );

const problemMedia = (status: number, example: Schema) => ({
  'application/problem+json': { schema: ref('Problem'), example: { status, ...example } },
});

const PROBLEM_EXAMPLES: Record<number, Schema> = {
  400: {
    type: 'https://partnership-records.example.nz/problems/bad-request',
    title: 'Bad request',
    detail: 'Some query parameters need fixing.',
    instance: '/v1/needs',
    errors: [{ field: 'limit', message: 'must be at least 1, got "0"', received: '0' }],
  },
  401: {
    type: 'https://partnership-records.example.nz/problems/unauthenticated',
    title: 'Not signed in',
    detail: 'The token has expired. Sign in again.',
    instance: '/v1/needs',
  },
  422: {
    type: 'https://partnership-records.example.nz/problems/invalid-record',
    title: 'Invalid values',
    detail: '1 field needs fixing.',
    instance: '/v1/needs',
    errors: [
      {
        field: 'identifiedOn',
        message: 'expected a date like 2026-03-01 (year-month-day), got "1/3/26"',
        received: '1/3/26',
      },
    ],
  },
};

function problemResponse(status: number): Schema {
  const [, words] = PROBLEM_STATUSES[status]!;
  const example = PROBLEM_EXAMPLES[status] ?? {
    type: `https://partnership-records.example.nz/problems/${status}`,
    title: words.split(':')[0],
    detail: words,
    instance: '/v1/needs/3f1c9a52-8d2e-4b7a-9c41-2e5d7f80a613',
  };
  const response: Schema = { description: words, content: problemMedia(status, example) };
  if (status === 401) {
    response.headers = { 'WWW-Authenticate': headerRef('WWWAuthenticate') };
    // The cloud gateway's JWT authorizer refuses some tokens before the API sees them, in its own shape.
    (response.content as Schema)['application/json'] = {
      schema: ref('GatewayMessage'),
      example: { message: 'Unauthorized' },
    };
  }
  if (status === 409) response.headers = { ETag: headerRef('ETag') };
  return response;
}

export const componentResponses: Schema = {
  ...Object.fromEntries(
    Object.entries(PROBLEM_STATUSES).map(([status, [name]]) => [name, problemResponse(Number(status))]),
  ),
  TooManyRequests: {
    description:
      'Throttled by the API gateway (in the cloud): wait a moment and retry. The gateway answers in its own shape.',
    content: {
      'application/json': { schema: ref('GatewayMessage'), example: { message: 'Too Many Requests' } },
    },
  },
  NotModified: {
    description: 'Not modified: the version named in If-None-Match is still the current one',
    headers: { ETag: headerRef('ETag'), 'Cache-Control': headerRef('CacheControl') },
  },
};

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
  WWWAuthenticate: {
    description: 'Bearer challenge naming the realm',
    schema: { type: 'string', maxLength: 300 },
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

/** Integers say how wide they are, so generated clients pick a type that holds them. */
export function withIntegerFormats(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withIntegerFormats);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withIntegerFormats(v)])) as Schema;
  if (out.type === 'integer' && out.format === undefined) {
    const fits32 =
      Math.abs(Number(out.maximum ?? Infinity)) <= 2_147_483_647 &&
      Math.abs(Number(out.minimum ?? -Infinity)) <= 2_147_483_648;
    out.format = fits32 ? 'int32' : 'int64';
  }
  return out;
}
