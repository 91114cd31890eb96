import * as z from 'zod/mini';
import { quarterlyReportSchema } from '../aggregate/quarterly-report-schema.ts';
import { snapshotSchema } from '../aggregate/snapshot-schema.ts';
import {
  dateSchema,
  param,
  problemResponses,
  quarterSchema,
  ref,
  type Schema,
  withIntegerFormats,
} from './openapi-parts.ts';
import { jsonResponse, READ_SECURITY } from './openapi-records.ts';

/**
 * The dashboard and report routes (functions/api/routes/dashboard.ts). Their bodies are described
 * by the snapshot's and the report's own zod schemas, so the contract follows the aggregation.
 */

function jsonSchemaOf(schema: z.ZodMiniType): Schema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' });
  return withIntegerFormats(rest) as Schema;
}

export function dashboardSchemas(): Schema {
  return {
    Snapshot: jsonSchemaOf(snapshotSchema),
    QuarterlyReport: jsonSchemaOf(quarterlyReportSchema),
    SnapshotDates: {
      type: 'object',
      required: ['dates'],
      properties: { dates: { type: 'array', maxItems: 100_000, items: dateSchema } },
    },
    JsonSchema: {
      type: 'object',
      description: 'A JSON Schema (draft 2020-12) document',
      additionalProperties: true,
    },
  };
}

const tags = ['Dashboard'];
const snapshotDescription =
  'Every figure covers all regions; lists of records are cut to your regions unless you are national staff (listsLimitedToRegions says so).';

export const dashboardPaths: Schema = {
  '/v1/dashboard/latest': {
    get: {
      operationId: 'getLatestSnapshot',
      tags,
      security: READ_SECURITY,
      summary: 'The newest dashboard snapshot',
      description: snapshotDescription,
      responses: {
        200: jsonResponse('The newest snapshot', ref('Snapshot')),
        ...problemResponses(401, 403, 404, 503),
      },
    },
  },
  '/v1/dashboard/dates': {
    get: {
      operationId: 'listSnapshotDates',
      tags,
      security: READ_SECURITY,
      summary: 'The dates that have a snapshot',
      description: 'Oldest first; ask for any of them at /v1/dashboard/{date}.',
      responses: {
        200: jsonResponse('Dates, oldest first', ref('SnapshotDates'), {
          dates: ['2026-03-01', '2026-03-02'],
        }),
        ...problemResponses(401, 403, 503),
      },
    },
  },
  '/v1/dashboard/schema': {
    get: {
      operationId: 'getSnapshotSchema',
      tags,
      security: READ_SECURITY,
      summary: 'The JSON Schema of a snapshot',
      description: 'As published with the snapshots, for consumers that validate them.',
      responses: {
        200: jsonResponse('JSON Schema (draft 2020-12)', ref('JsonSchema')),
        ...problemResponses(401, 403, 404, 503),
      },
    },
  },
  '/v1/dashboard/{date}': {
    get: {
      operationId: 'getSnapshot',
      tags,
      security: READ_SECURITY,
      summary: 'The snapshot of a date',
      description: snapshotDescription,
      parameters: [param('date', 'path', 'The snapshot date, YYYY-MM-DD', dateSchema)],
      responses: {
        200: jsonResponse('The snapshot of that date', ref('Snapshot')),
        ...problemResponses(400, 401, 403, 404, 503),
      },
    },
  },
  '/v1/reports/quarterly/{quarter}': {
    get: {
      operationId: 'getQuarterlyReport',
      tags,
      security: READ_SECURITY,
      summary: 'Quarterly progress report for the national group',
      description:
        'Built from the first and last snapshots of the quarter. HTML with Accept: text/html or ?format=html, JSON otherwise.',
      parameters: [
        param('quarter', 'path', 'The quarter, like 2026-Q3', quarterSchema),
        param(
          'format',
          'query',
          'html for a printable page, json for data; without it the Accept header decides',
          {
            type: 'string',
            enum: ['html', 'json'],
          },
        ),
      ],
      responses: {
        200: {
          description: 'The report',
          headers: {
            'Cache-Control': { $ref: '#/components/headers/CacheControl' },
            Vary: {
              description: 'Accept: the format follows it',
              schema: { type: 'string', maxLength: 100 },
            },
          },
          content: {
            'application/json': { schema: ref('QuarterlyReport') },
            'text/html': { schema: { type: 'string', maxLength: 10_000_000 } },
          },
        },
        ...problemResponses(400, 401, 403, 404, 503),
      },
    },
  },
};
