import * as z from 'zod';
import { MAX_LIMIT, MAX_PUSH_ROWS } from '../domain/record-service.ts';
import type { FieldDescription, RecordDefinition } from '../records/definition.ts';
import { RECORD_DEFINITIONS } from '../records/registry.ts';
import {
  dashboardPaths,
  listParams,
  param,
  problemResponses,
  ref,
  type Schema,
  sharedSchemas,
} from './openapi-parts.ts';
import { PUBLIC_DEFINITIONS, publicFields } from './routes/public.ts';

/**
 * The OpenAPI 3.1 document, generated from the record definitions: each type's values schema is
 * zod's own JSON Schema of the definition, so the document cannot drift from validation.
 */
const pascal = (type: string) => type.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

function valuesSchema(definition: RecordDefinition): Schema {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(definition.schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Schema;
  return schema;
}

function derivedProperties(fields: FieldDescription[]): Schema {
  return Object.fromEntries(
    fields
      .filter((f) => f.derived)
      .map((f) => [
        f.name,
        {
          type: f.kind === 'boolean' ? 'boolean' : 'string',
          title: f.title,
          description: f.help,
          readOnly: true,
        },
      ]),
  );
}

function recordSchema(definition: RecordDefinition): Schema {
  const values = valuesSchema(definition);
  return {
    allOf: [
      ref('SystemFields'),
      {
        type: 'object',
        properties: {
          type: { const: definition.type },
          values: {
            ...values,
            properties: { ...(values.properties as Schema), ...derivedProperties(definition.fields) },
          },
        },
      },
    ],
  };
}

function pathsFor(definition: RecordDefinition): Schema {
  const name = pascal(definition.type);
  const tags = [definition.pluralLabel];
  const json = (schema: Schema) => ({ 'application/json': { schema } });
  const id = param('id', 'path', `The ${definition.label.toLowerCase()}'s id`);
  const ifMatch = param(
    'If-Match',
    'header',
    'The ETag (version) you read, like "3"',
    { type: 'string' },
    true,
  );
  return {
    [`/v1/${definition.path}`]: {
      get: {
        tags,
        summary: `List ${definition.pluralLabel.toLowerCase()}`,
        description: 'Newest changes first; with changedSince, oldest first.',
        parameters: listParams,
        responses: {
          200: {
            description: 'A page',
            content: json({
              type: 'object',
              properties: {
                items: { type: 'array', items: ref(name) },
                more: { type: 'boolean' },
                cursor: { type: 'string' },
              },
            }),
          },
          ...problemResponses(400, 401, 403),
        },
      },
      post: {
        tags,
        summary: `Create a ${definition.label.toLowerCase()}`,
        description: `${definition.description} Send an Idempotency-Key header to make retries safe.`,
        parameters: [
          param(
            'Idempotency-Key',
            'header',
            'A unique key per intended record (a UUID): a retry returns the same record',
          ),
        ],
        requestBody: { required: true, content: json(ref(`${name}Values`)) },
        responses: {
          201: { description: 'Created', content: json(ref(name)) },
          200: { description: 'Already created by an earlier try', content: json(ref(name)) },
          ...problemResponses(400, 401, 403, 409, 413, 415, 422),
        },
      },
    },
    [`/v1/${definition.path}/{id}`]: {
      get: {
        tags,
        summary: `Read a ${definition.label.toLowerCase()}`,
        parameters: [id],
        responses: {
          200: { description: 'The record; ETag holds its version', content: json(ref(name)) },
          ...problemResponses(401, 403, 404, 410),
        },
      },
      put: {
        tags,
        summary: `Replace a ${definition.label.toLowerCase()}'s values`,
        description: 'Send If-Match with the version you read, or If-None-Match: * to create with this id.',
        parameters: [
          id,
          { ...ifMatch, required: false },
          param('If-None-Match', 'header', '* to create a record with this id'),
        ],
        requestBody: { required: true, content: json(ref(`${name}Values`)) },
        responses: {
          200: { description: 'Updated (or unchanged)', content: json(ref(name)) },
          201: { description: 'Created', content: json(ref(name)) },
          ...problemResponses(400, 401, 403, 409, 422, 428),
        },
      },
      patch: {
        tags,
        summary: `Change some of a ${definition.label.toLowerCase()}'s values`,
        description: 'JSON merge patch (RFC 7396): null removes a field.',
        parameters: [id, ifMatch],
        requestBody: {
          required: true,
          content: {
            'application/merge-patch+json': { schema: { type: 'object' } },
            'application/json': { schema: { type: 'object' } },
          },
        },
        responses: {
          200: { description: 'Updated', content: json(ref(name)) },
          ...problemResponses(400, 401, 403, 404, 409, 410, 422, 428),
        },
      },
      delete: {
        tags,
        summary: `Delete a ${definition.label.toLowerCase()}`,
        description: 'Leaves a tombstone so that sync clients remove the row; history is kept.',
        parameters: [id, ifMatch],
        responses: {
          200: { description: 'The tombstone', content: json(ref(name)) },
          ...problemResponses(401, 403, 404, 409, 428),
        },
      },
    },
    [`/v1/${definition.path}/{id}/history`]: {
      get: {
        tags,
        summary: `History of a ${definition.label.toLowerCase()}`,
        description: 'Every version: who, when, what changed, and the record as it stood.',
        parameters: [id, listParams[4], listParams[5]],
        responses: {
          200: {
            description: 'Oldest first',
            content: json({
              type: 'object',
              properties: {
                items: { type: 'array', items: ref('HistoryEntry') },
                more: { type: 'boolean' },
                cursor: { type: 'string' },
              },
            }),
          },
          ...problemResponses(401, 403, 404),
        },
      },
    },
    [`/v1/sync/${definition.path}`]: {
      get: {
        tags: ['Sync'],
        summary: `Pull ${definition.pluralLabel.toLowerCase()} changed since a cursor`,
        description:
          'Changes and tombstones, oldest first. Page until more is false and keep the last cursor for the next pull. The window overlaps the previous pull slightly: skip versions you already have.',
        parameters: [
          listParams[0],
          param('since', 'query', 'The cursor from the previous pull'),
          { ...listParams[4], description: `Page size, 1 to ${MAX_LIMIT} (default 500)` },
        ],
        responses: {
          200: {
            description: 'A page of changes',
            content: json({
              type: 'object',
              required: ['items', 'more', 'cursor'],
              properties: {
                items: { type: 'array', items: ref(name) },
                more: { type: 'boolean' },
                cursor: { type: 'string' },
              },
            }),
          },
          ...problemResponses(400, 401, 403),
        },
      },
      post: {
        tags: ['Sync'],
        summary: `Push up to ${MAX_PUSH_ROWS} ${definition.pluralLabel.toLowerCase()}`,
        description:
          'Each row comes back created, updated, deleted, unchanged, conflict, invalid, forbidden or failed. Identical values are unchanged, so retrying a push is safe. dryRun=true checks without writing.',
        parameters: [param('dryRun', 'query', 'true to check without writing', { type: 'boolean' })],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['rows'],
            additionalProperties: false,
            properties: {
              rows: {
                type: 'array',
                maxItems: MAX_PUSH_ROWS,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    id: { type: 'string' },
                    baseVersion: { type: 'integer', minimum: 1 },
                    values: ref(`${name}Values`),
                    delete: { type: 'boolean' },
                  },
                },
              },
            },
          }),
        },
        responses: {
          200: { description: 'Per-row outcomes', content: json(ref('PushResult')) },
          ...problemResponses(400, 401, 403, 413, 415),
        },
      },
    },
  };
}

function publicPathsFor(definition: RecordDefinition): Schema {
  const fields = publicFields(definition);
  const view = {
    type: 'object',
    properties: {
      id: { type: 'string' },
      type: { const: definition.type },
      regionId: { type: 'string' },
      updatedAt: { type: 'string', format: 'date-time' },
      values: { type: 'object', description: `Public fields only: ${fields.join(', ')}` },
    },
  };
  const tags = ['Public'];
  return {
    [`/v1/public/${definition.path}`]: {
      get: {
        tags,
        security: [],
        summary: `Public ${definition.pluralLabel.toLowerCase()}`,
        parameters: [
          param('region', 'query', 'Region id'),
          param('q', 'query', 'Words to find (case and macrons ignored)'),
          listParams[4],
          listParams[5],
        ],
        responses: {
          200: {
            description: 'A page',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: { type: 'array', items: view },
                    more: { type: 'boolean' },
                    cursor: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    },
    [`/v1/public/${definition.path}/{id}`]: {
      get: {
        tags,
        security: [],
        summary: `A public ${definition.label.toLowerCase()}`,
        parameters: [param('id', 'path', 'Id')],
        responses: {
          200: { description: 'Public fields', content: { 'application/json': { schema: view } } },
          ...problemResponses(404),
        },
      },
    },
  };
}

let cached: Schema | undefined;

export function openApiDocument(): Schema {
  if (cached) return cached;
  const schemas: Schema = { ...sharedSchemas };
  let paths: Schema = {};
  for (const definition of RECORD_DEFINITIONS) {
    schemas[`${pascal(definition.type)}Values`] = valuesSchema(definition);
    schemas[pascal(definition.type)] = recordSchema(definition);
    paths = { ...paths, ...pathsFor(definition) };
  }
  for (const definition of PUBLIC_DEFINITIONS) paths = { ...paths, ...publicPathsFor(definition) };
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Partnership Records API',
      version: '1.0.0',
      description:
        'The system of record for the partnership between the Community Employment Group and the Mayors Taskforce for Jobs, and for Local Employment Co-ordination groups. Errors are RFC 9457 problem+json. Every change names the version it read (If-Match or baseVersion).',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: [
      { name: 'Sync', description: 'Incremental pull and batched push, as the Sheets add-on uses them' },
      { name: 'Public', description: 'Open to all, no token' },
      { name: 'Dashboard', description: 'Nightly snapshots and the quarterly report' },
    ],
    paths: {
      '/healthz': { get: { security: [], summary: 'Liveness', responses: { 200: { description: 'OK' } } } },
      '/v1/types': {
        get: {
          security: [],
          summary: 'The record types and their fields (drives sheet columns)',
          responses: { 200: { description: 'Types' } },
        },
      },
      ...dashboardPaths,
      '/v1/me': {
        get: {
          summary: 'Who you are signed in as: role and regions',
          responses: { 200: { description: 'You' }, ...problemResponses(401, 403) },
        },
      },
      ...paths,
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'Google ID token (people), Cognito access token (machine clients), or a development token printed by npm start',
        },
      },
      schemas,
    },
  };
  return cached;
}
