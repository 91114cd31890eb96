import { MAX_LIMIT } from '../domain/record-service.ts';

/**
 * The building blocks of the OpenAPI document that do not depend on a record type: parameters,
 * problem responses, the shared component schemas and the dashboard routes.
 */
export type Schema = Record<string, unknown>;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: PROBLEM_WORDS[s], content: { 'application/problem+json': { schema: ref('Problem') } } },
    ]),
  );

const PROBLEM_WORDS: Record<number, string> = {
  400: 'Bad request: malformed JSON, bad query parameter or cursor',
  401: 'No valid bearer token',
  403: 'Not allowed for this user or region',
  404: 'No such record or type',
  409: 'The record changed since the version named; `current` holds it',
  410: 'The record was deleted; `current` holds the tombstone',
  413: 'The body is too large',
  415: 'The body is not JSON',
  422: 'Invalid values: one entry per bad field in `errors`',
  428: 'If-Match is required',
};

export const param = (
  name: string,
  where: 'path' | 'query' | 'header',
  description: string,
  schema: Schema = { type: 'string' },
  required = where === 'path',
) => ({
  name,
  in: where,
  required,
  description,
  schema,
});

export const listParams = [
  param('region', 'query', 'Region id; defaults to your only region (national users: all regions)'),
  param('council', 'query', 'Council id: only records of that council'),
  param('changedSince', 'query', 'ISO timestamp: only records changed at or after it', {
    type: 'string',
    format: 'date-time',
  }),
  param('includeDeleted', 'query', 'true to include tombstones', { type: 'boolean' }),
  param('limit', 'query', `Page size, 1 to ${MAX_LIMIT} (default 100)`, {
    type: 'integer',
    minimum: 1,
    maximum: MAX_LIMIT,
  }),
  param('cursor', 'query', 'The cursor from the previous page'),
];

export const sharedSchemas: Schema = {
  SystemFields: {
    type: 'object',
    required: [
      'id',
      'type',
      'regionId',
      'version',
      'createdAt',
      'createdBy',
      'updatedAt',
      'updatedBy',
      'values',
    ],
    properties: {
      id: { type: 'string' },
      type: { type: 'string' },
      regionId: {
        type: 'string',
        description: 'Derived from the council (or parent record) where there is one',
      },
      councilId: { type: 'string' },
      version: {
        type: 'integer',
        minimum: 1,
        description: 'Starts at 1, +1 per change; send it back as If-Match or baseVersion',
      },
      createdAt: { type: 'string', format: 'date-time' },
      createdBy: { type: 'string' },
      updatedAt: { type: 'string', format: 'date-time' },
      updatedBy: { type: 'string' },
      deletedAt: { type: 'string', format: 'date-time', description: 'Present on tombstones' },
      deletedBy: { type: 'string' },
    },
  },
  FieldError: {
    type: 'object',
    required: ['field', 'message'],
    properties: {
      field: { type: 'string' },
      message: { type: 'string', description: 'What was expected and what was given, in plain words' },
      received: {},
    },
  },
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: { type: 'string', format: 'uri' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      instance: { type: 'string' },
      errors: { type: 'array', items: ref('FieldError') },
      current: { type: 'object', description: 'For 409 and 410: the record as it now stands' },
    },
  },
  HistoryEntry: {
    type: 'object',
    properties: {
      version: { type: 'integer' },
      op: { enum: ['created', 'updated', 'deleted', 'restored'] },
      at: { type: 'string', format: 'date-time' },
      by: { type: 'string' },
      changes: {
        type: 'array',
        items: { type: 'object', properties: { field: { type: 'string' }, from: {}, to: {} } },
      },
      record: ref('SystemFields'),
    },
  },
  PushResult: {
    type: 'object',
    properties: {
      dryRun: { type: 'boolean' },
      counts: { type: 'object', additionalProperties: { type: 'integer' } },
      rows: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            index: { type: 'integer' },
            id: { type: 'string' },
            status: {
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
            version: { type: 'integer' },
            record: ref('SystemFields'),
            current: ref('SystemFields'),
            errors: { type: 'array', items: ref('FieldError') },
            message: { type: 'string' },
          },
        },
      },
    },
  },
};

const snapshotResponse = {
  description: 'A dashboard snapshot; lists are cut to your regions unless you are national staff',
  content: {
    'application/json': { schema: { type: 'object', description: 'See GET /v1/dashboard/schema' } },
  },
};

/** The dashboard and report routes (functions/api/routes/dashboard.ts); snapshots have their own JSON Schema. */
export const dashboardPaths: Schema = {
  '/v1/dashboard/latest': {
    get: {
      tags: ['Dashboard'],
      summary: 'The newest dashboard snapshot',
      responses: { 200: snapshotResponse, ...problemResponses(401, 403, 404) },
    },
  },
  '/v1/dashboard/dates': {
    get: {
      tags: ['Dashboard'],
      summary: 'The dates that have a snapshot',
      responses: { 200: { description: 'Dates, oldest first' }, ...problemResponses(401, 403) },
    },
  },
  '/v1/dashboard/schema': {
    get: {
      tags: ['Dashboard'],
      summary: 'The JSON Schema of a snapshot',
      responses: { 200: { description: 'JSON Schema (draft 2020-12)' }, ...problemResponses(401) },
    },
  },
  '/v1/dashboard/{date}': {
    get: {
      tags: ['Dashboard'],
      summary: 'The snapshot of a date',
      parameters: [param('date', 'path', 'YYYY-MM-DD', { type: 'string', format: 'date' })],
      responses: { 200: snapshotResponse, ...problemResponses(400, 401, 403, 404) },
    },
  },
  '/v1/reports/quarterly/{quarter}': {
    get: {
      tags: ['Dashboard'],
      summary: 'Quarterly progress report for the national group',
      description:
        'Built from the snapshots of the quarter. HTML with Accept: text/html or ?format=html, JSON otherwise.',
      parameters: [param('quarter', 'path', 'Like 2026-Q3', { type: 'string', pattern: '^\\d{4}-Q[1-4]$' })],
      responses: {
        200: { description: 'The report', content: { 'application/json': {}, 'text/html': {} } },
        ...problemResponses(400, 401, 403, 404),
      },
    },
  },
};
