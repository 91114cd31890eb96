import { MAX_PUSH_ROWS } from '../domain/push-rows.ts';
import { MAX_LIMIT } from '../domain/record-repository.ts';
import { emptyCounts } from '../domain/record-service.ts';
import type { RecordDefinition } from '../records/definition.ts';
import { PUBLIC_DEFINITIONS, publicFields } from '../records/public-view.ts';
import { examplePatch, exampleRecord, exampleValues } from './openapi-examples.ts';
import {
  countSchema,
  idSchema,
  pageSchema,
  param,
  paramRef,
  problemResponses,
  ref,
  type Schema,
  timestampSchema,
} from './openapi-parts.ts';

/**
 * The operations of one record type: list, create, read, replace, patch, delete, history, pull and
 * push, with operationIds from the type's names (listNeeds, getNeed, pushNeeds…).
 */

/** `progress-report` → `ProgressReport`. */
export const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** Who may call what: people with a Google ID token, or machine clients with the scope named. */
export const READ_SECURITY = [
  { googleIdToken: [] },
  { machineClient: ['records/read'] },
  { machineClient: ['records/write'] },
];
const WRITE_SECURITY = [{ googleIdToken: [] }, { machineClient: ['records/write'] }];

const header = (name: string) => ({ $ref: `#/components/headers/${name}` });
const noStore = { 'Cache-Control': header('CacheControl') };
const withVersion = { ETag: header('ETag'), ...noStore };

/** A JSON answer with its headers; Cache-Control is on every answer. */
export function jsonResponse(
  description: string,
  schema: Schema,
  example?: unknown,
  headers: Schema = noStore,
) {
  return {
    description,
    headers,
    content: { 'application/json': example === undefined ? { schema } : { schema, example } },
  };
}

export const jsonBody = (schema: Schema, example: unknown) => ({
  required: true,
  content: { 'application/json': { schema, example } },
});

/** The values schema with every field optional and nullable (null removes it): RFC 7396. */
export function patchSchema(values: Schema): Schema {
  const properties = (values.properties ?? {}) as Record<string, Schema>;
  return {
    type: 'object',
    description: 'JSON merge patch (RFC 7396) of the values: the fields to change; null removes a field',
    additionalProperties: false,
    properties: Object.fromEntries(
      Object.entries(properties).map(([name, schema]) => [name, { anyOf: [schema, { type: 'null' }] }]),
    ),
  };
}

export function recordPaths(definition: RecordDefinition, valuesSchema: Schema): Schema {
  const one = pascal(definition.type);
  const many = pascal(definition.path);
  const label = definition.label.toLowerCase();
  const plural = definition.pluralLabel.toLowerCase();
  const tags = [definition.pluralLabel];
  const values = exampleValues(definition, valuesSchema);
  const record = exampleRecord(definition, values);
  const page = { items: [record], more: false };
  const id = param('id', 'path', `The ${label}'s id`);
  const idempotent = definition.naturalId
    ? ' Its id comes from its values, so a repeated create finds the record already there (200).'
    : ' Send an Idempotency-Key header to make retries safe.';

  return {
    [`/v1/${definition.path}`]: {
      get: {
        operationId: `list${many}`,
        tags,
        security: READ_SECURITY,
        summary: `List ${plural}`,
        description: `${plural[0]!.toUpperCase()}${plural.slice(1)} in your regions, newest change first (with changedSince, oldest first). Page with cursor while more is true.`,
        parameters: ['Region', 'Council', 'ChangedSince', 'IncludeDeleted', 'Limit', 'Cursor'].map(paramRef),
        responses: {
          200: jsonResponse('A page', pageSchema(ref(one)), page),
          ...problemResponses(400, 401, 403),
        },
      },
      post: {
        operationId: `create${one}`,
        tags,
        security: WRITE_SECURITY,
        summary: `Create a ${label}`,
        description: `${definition.description}${idempotent}`,
        parameters: definition.naturalId ? [] : [paramRef('IdempotencyKey')],
        requestBody: jsonBody(ref(`${one}Values`), values),
        responses: {
          201: jsonResponse(
            'Created',
            ref(one),
            { ...record, version: 1 },
            {
              ...withVersion,
              Location: header('Location'),
            },
          ),
          200: jsonResponse('Already created by an earlier try', ref(one), record, {
            ...withVersion,
            Location: header('Location'),
          }),
          ...problemResponses(400, 401, 403, 409, 413, 415, 422, 503),
        },
      },
    },
    [`/v1/${definition.path}/{id}`]: {
      get: {
        operationId: `get${one}`,
        tags,
        security: READ_SECURITY,
        summary: `Read a ${label}`,
        description: 'ETag holds its version. With If-None-Match naming that version, the answer is 304.',
        parameters: [id, paramRef('IfNoneMatch')],
        responses: {
          200: jsonResponse('The record', ref(one), record, withVersion),
          304: { $ref: '#/components/responses/NotModified' },
          ...problemResponses(401, 403, 404, 410),
        },
      },
      put: {
        operationId: `replace${one}`,
        tags,
        security: WRITE_SECURITY,
        summary: `Replace a ${label}'s values`,
        description:
          'Send If-Match with the version you read, or If-None-Match: * to create a record with this id.',
        parameters: [
          id,
          {
            ...param('If-Match', 'header', 'The ETag (version) you read, like "3"', {
              type: 'string',
              pattern: '^(W/)?"?\\d{1,9}"?$',
              maxLength: 13,
            }),
          },
          param('If-None-Match', 'header', '* to create a record with this id', {
            type: 'string',
            const: '*',
          }),
        ],
        requestBody: jsonBody(ref(`${one}Values`), values),
        responses: {
          200: jsonResponse('Updated (or unchanged)', ref(one), { ...record, version: 4 }, withVersion),
          201: jsonResponse('Created with this id', ref(one), { ...record, version: 1 }, withVersion),
          ...problemResponses(400, 401, 403, 404, 409, 410, 413, 415, 422, 428, 503),
        },
      },
      patch: {
        operationId: `update${one}`,
        tags,
        security: WRITE_SECURITY,
        summary: `Change some of a ${label}'s values`,
        description: 'JSON merge patch (RFC 7396): send only the fields to change; null removes a field.',
        parameters: [id, paramRef('IfMatch')],
        requestBody: {
          required: true,
          content: {
            'application/merge-patch+json': {
              schema: ref(`${one}Patch`),
              example: examplePatch(definition, values),
            },
            'application/json': { schema: ref(`${one}Patch`), example: examplePatch(definition, values) },
          },
        },
        responses: {
          200: jsonResponse('Updated', ref(one), { ...record, version: 4 }, withVersion),
          ...problemResponses(400, 401, 403, 404, 409, 410, 413, 415, 422, 428, 503),
        },
      },
      delete: {
        operationId: `delete${one}`,
        tags,
        security: WRITE_SECURITY,
        summary: `Delete a ${label}`,
        description: 'Leaves a tombstone so that sync clients remove the row; history is kept.',
        parameters: [id, paramRef('IfMatch')],
        responses: {
          200: jsonResponse(
            'The tombstone',
            ref(one),
            { ...record, version: 4, deletedAt: record.updatedAt, deletedBy: record.updatedBy },
            withVersion,
          ),
          ...problemResponses(400, 401, 403, 404, 409, 428, 503),
        },
      },
    },
    [`/v1/${definition.path}/{id}/history`]: {
      get: {
        operationId: `list${one}History`,
        tags,
        security: READ_SECURITY,
        summary: `History of a ${label}`,
        description: 'Every version, oldest first: who, when, what changed, and the record as it stood.',
        parameters: [id, paramRef('Limit'), paramRef('Cursor')],
        responses: {
          200: jsonResponse('Oldest first', pageSchema(ref('HistoryEntry')), {
            items: [
              {
                version: 1,
                op: 'created',
                at: record.createdAt,
                by: record.createdBy,
                changes: [],
                record: { ...record, version: 1, updatedAt: record.createdAt },
              },
            ],
            more: false,
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
  };
}

/** The public projection of a type: listed records, public fields only. */
function publicViewSchema(definition: RecordDefinition, valuesSchema: Schema): Schema {
  const properties = (valuesSchema.properties ?? {}) as Record<string, Schema>;
  return {
    type: 'object',
    required: ['id', 'type', 'regionId', 'updatedAt', 'values'],
    additionalProperties: false,
    properties: {
      id: idSchema,
      type: { type: 'string', const: definition.type },
      regionId: idSchema,
      updatedAt: timestampSchema,
      values: {
        type: 'object',
        description: 'Public fields only',
        additionalProperties: false,
        properties: Object.fromEntries(publicFields(definition).map((name) => [name, properties[name]])),
      },
    },
  };
}

export function publicPaths(valuesSchemas: Map<string, Schema>): { paths: Schema; schemas: Schema } {
  let paths: Schema = {};
  const schemas: Schema = {};
  for (const definition of PUBLIC_DEFINITIONS) {
    const valuesSchema = valuesSchemas.get(definition.type)!;
    const name = `Public${pascal(definition.type)}`;
    schemas[name] = publicViewSchema(definition, valuesSchema);
    const all = exampleValues(definition, valuesSchema);
    const stored = exampleRecord(definition, {});
    const example = {
      id: stored.id,
      type: stored.type,
      regionId: stored.regionId,
      updatedAt: stored.updatedAt,
      values: Object.fromEntries(publicFields(definition).map((f) => [f, all[f]])),
    };
    const cacheable = { 'Cache-Control': header('CacheControl') };
    const filters = definition.fields
      .filter((f) => f.public && f.kind === 'enum')
      .map((f) =>
        param(
          f.name,
          'query',
          `Only ${definition.pluralLabel.toLowerCase()} whose ${f.title.toLowerCase()} is this`,
          {
            type: 'string',
            enum: f.options,
          },
        ),
      );
    paths = {
      ...paths,
      [`/v1/public/${definition.path}`]: {
        get: {
          operationId: `listPublic${pascal(definition.path)}`,
          tags: ['Public'],
          security: [],
          summary: `Public ${definition.pluralLabel.toLowerCase()}`,
          description: `Open to all, no token: listed ${definition.pluralLabel.toLowerCase()} and their public fields (${publicFields(definition).join(', ')}).`,
          parameters: [
            paramRef('Region'),
            param('q', 'query', 'Words to find (case and macrons ignored)', {
              type: 'string',
              maxLength: 200,
            }),
            ...filters,
            paramRef('Limit'),
            paramRef('Cursor'),
          ],
          responses: {
            200: jsonResponse('A page', pageSchema(ref(name)), { items: [example], more: false }, cacheable),
            ...problemResponses(400),
          },
        },
      },
      [`/v1/public/${definition.path}/{id}`]: {
        get: {
          operationId: `getPublic${pascal(definition.type)}`,
          tags: ['Public'],
          security: [],
          summary: `A public ${definition.label.toLowerCase()}`,
          description:
            'Open to all, no token. Records that are not listed answer 404, as if they did not exist.',
          parameters: [param('id', 'path', 'Id')],
          responses: {
            200: jsonResponse('Public fields', ref(name), example, cacheable),
            ...problemResponses(404),
          },
        },
      },
    };
  }
  return { paths, schemas };
}
