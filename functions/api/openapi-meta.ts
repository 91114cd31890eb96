import { ROLES } from '../records/definition.ts';
import { PARTIES } from '../records/sign-offs.ts';
import { param, problemResponses, ref, type Schema, timestampSchema } from './openapi-parts.ts';
import { jsonBody, jsonResponse, READ_SECURITY } from './openapi-records.ts';
import { describeTypes } from './routes/meta.ts';

/** The routes that are not about one record type: health, the document, the type catalogue, who you are, the user directory. */

const FIELD_KINDS = [
  'text',
  'longText',
  'email',
  'url',
  'date',
  'quarter',
  'integer',
  'decimal',
  'money',
  'boolean',
  'enum',
  'reference',
  'references',
];

const words = (maxLength: number) => ({ type: 'string', maxLength });
const roleSchema = { type: 'string', enum: [...ROLES] };
const partySchema = {
  type: 'string',
  enum: [...PARTIES],
  description: 'ceg (Community Employment Group) or taskforce (Mayors Taskforce for Jobs)',
};
const councilIds = {
  type: 'array',
  maxItems: 20,
  items: { type: 'string', minLength: 1, maxLength: 100 },
  description: "A mayor's office (role council): the councils it reaches",
};
const regionIds = { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 100 } };

export const metaSchemas: Schema = {
  Health: {
    type: 'object',
    required: ['status', 'time'],
    properties: { status: { type: 'string', const: 'ok' }, time: timestampSchema },
  },
  FieldDescription: {
    type: 'object',
    required: ['name', 'title', 'help', 'kind', 'required', 'derived'],
    properties: {
      name: words(100),
      title: words(200),
      help: words(2000),
      kind: { type: 'string', enum: FIELD_KINDS },
      required: { type: 'boolean' },
      derived: { type: 'boolean', description: 'Set by the server from other fields; read only' },
      refType: { ...words(50), description: 'For references: the record type the id points at' },
      options: {
        type: 'array',
        maxItems: 200,
        items: words(200),
        description: 'For enums, in display order',
      },
      public: { type: 'boolean', description: 'Shown to the public where the type is public' },
      example: { ...words(200), description: 'A realistic value, for documentation' },
    },
  },
  RecordTypeDescription: {
    type: 'object',
    required: [
      'type',
      'path',
      'label',
      'pluralLabel',
      'description',
      'public',
      'writableBy',
      'naturalId',
      'fields',
    ],
    properties: {
      type: words(50),
      path: words(50),
      label: words(100),
      pluralLabel: words(100),
      description: words(2000),
      public: { type: 'boolean' },
      writableBy: { type: 'array', maxItems: 4, items: roleSchema },
      naturalId: { type: 'boolean', description: 'true when the id comes from the values' },
      fields: { type: 'array', maxItems: 200, items: ref('FieldDescription') },
    },
  },
  TypeCatalogue: {
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', maxItems: 200, items: ref('RecordTypeDescription') } },
  },
  Me: {
    type: 'object',
    required: ['kind', 'id', 'role', 'regionIds'],
    properties: {
      kind: { type: 'string', enum: ['user', 'client'] },
      id: { ...words(320), description: 'Email address (people) or client id (machine clients)' },
      party: { ...partySchema, description: 'People only: the partner they belong to' },
      role: roleSchema,
      regionIds: { ...regionIds, description: 'Empty for national staff, who reach every region' },
      councilIds,
      scopes: {
        type: 'array',
        maxItems: 2,
        items: { type: 'string', enum: ['records/read', 'records/write'] },
        description: 'Machine clients only: the scopes of the token',
      },
    },
  },
  DirectoryEntryInput: {
    type: 'object',
    required: ['role', 'regionIds'],
    additionalProperties: false,
    properties: {
      party: { ...partySchema, description: 'Default ceg. Taskforce people are national or council' },
      role: roleSchema,
      regionIds: {
        ...regionIds,
        description: "At least one, except for national staff; a mayor's office's come from its councils",
      },
      councilIds,
      name: words(200),
    },
  },
  DirectoryEntry: {
    type: 'object',
    required: ['kind', 'key', 'role', 'regionIds', 'updatedAt', 'updatedBy'],
    properties: {
      kind: { type: 'string', enum: ['user', 'client'] },
      key: { ...words(320), description: 'Email address (lower case) or client id' },
      party: partySchema,
      role: roleSchema,
      regionIds,
      councilIds,
      name: words(200),
      updatedAt: timestampSchema,
      updatedBy: words(320),
    },
  },
  OpenApiDocument: {
    type: 'object',
    required: ['openapi', 'info', 'paths'],
    properties: {
      openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$', maxLength: 10 },
      info: { type: 'object' },
      paths: { type: 'object' },
    },
  },
};

function directoryPaths(segment: 'users' | 'clients'): Schema {
  const who = segment === 'users' ? 'person' : 'machine client';
  const one = segment === 'users' ? 'User' : 'Client';
  const key = param('key', 'path', segment === 'users' ? 'The email address' : 'The client id', {
    type: 'string',
    minLength: 1,
    maxLength: 320,
  });
  const security = [{ googleIdToken: [] }];
  const entry = {
    kind: segment === 'users' ? 'user' : 'client',
    key: segment === 'users' ? 'adviser@example.org' : '6v7k2m9q1r3s5t8u0w4x',
    role: 'adviser',
    regionIds: ['northland'],
    name: 'Aroha Adviser',
    updatedAt: '2026-03-02T21:15:04.000Z',
    updatedBy: 'national@example.org',
  };
  return {
    [`/v1/${segment}/{key}`]: {
      get: {
        operationId: `get${one}Access`,
        tags: ['Directory'],
        security,
        summary: `A ${who}'s role and regions`,
        description: 'National staff only.',
        parameters: [key],
        responses: {
          200: jsonResponse('The entry', ref('DirectoryEntry'), entry),
          ...problemResponses(401, 403, 404),
        },
      },
      put: {
        operationId: `set${one}Access`,
        tags: ['Directory'],
        security,
        summary: `Give a ${who} a role and regions`,
        description: 'National staff only. Takes effect within a minute (entries are cached that long).',
        parameters: [key],
        requestBody: jsonBody(ref('DirectoryEntryInput'), {
          role: 'adviser',
          regionIds: ['northland'],
          name: 'Aroha Adviser',
        }),
        responses: {
          200: jsonResponse('The stored entry', ref('DirectoryEntry'), entry),
          ...problemResponses(400, 401, 403, 413, 415),
        },
      },
      delete: {
        operationId: `remove${one}Access`,
        tags: ['Directory'],
        security,
        summary: `Take a ${who}'s access away`,
        description: 'National staff only. Answers 204 whether or not there was an entry.',
        parameters: [key],
        responses: {
          204: {
            description: 'Removed',
            headers: { 'Cache-Control': { $ref: '#/components/headers/CacheControl' } },
          },
          ...problemResponses(401, 403),
        },
      },
    },
  };
}

export const metaPaths: Schema = {
  '/healthz': {
    get: {
      operationId: 'getHealth',
      tags: ['Meta'],
      security: [],
      summary: 'Liveness',
      description: 'Answers when the API is up; touches no data.',
      responses: {
        200: jsonResponse('Up', ref('Health'), { status: 'ok', time: '2026-03-02T21:15:04.000Z' }),
        ...problemResponses(),
      },
    },
  },
  '/openapi.json': {
    get: {
      operationId: 'getOpenApiDocument',
      tags: ['Meta'],
      security: [],
      summary: 'This document',
      description: 'The OpenAPI 3.1 description of the API, generated from the record definitions.',
      responses: { 200: jsonResponse('The document', ref('OpenApiDocument')), ...problemResponses() },
    },
  },
  '/v1/types': {
    get: {
      operationId: 'listRecordTypes',
      tags: ['Meta'],
      security: [],
      summary: 'The record types and their fields',
      description:
        'Titles, help, kinds and choices of every field: what the Sheets add-on builds its columns from.',
      responses: {
        // One type of the catalogue, as the route answers it, for the example.
        200: jsonResponse('The types', ref('TypeCatalogue'), {
          items: describeTypes().filter((t) => t.type === 'need'),
        }),
        ...problemResponses(),
      },
    },
  },
  '/v1/me': {
    get: {
      operationId: 'getMe',
      tags: ['Meta'],
      security: READ_SECURITY,
      summary: 'Who you are signed in as',
      description:
        'Your role and regions as the user directory has them (and, for machine clients, the scopes).',
      responses: {
        200: jsonResponse('You', ref('Me'), {
          kind: 'user',
          id: 'adviser@example.org',
          role: 'adviser',
          regionIds: ['northland'],
        }),
        ...problemResponses(401, 403),
      },
    },
  },
  ...directoryPaths('users'),
  ...directoryPaths('clients'),
};
