import { KNOWLEDGE_TYPES } from '../domain/knowledge-index.ts';
import { KNOWLEDGE_TOPICS } from '../records/knowledge-topics.ts';
import { SIGN_OFF_DEFINITIONS } from '../records/registry.ts';
import { PARTIES } from '../records/sign-offs.ts';
import { countSchema, idSchema, ref, type Schema, timestampSchema } from './openapi-parts.ts';

/**
 * The partners' routes: sign-offs (what awaits me or my party, a record's sign-offs, request,
 * agree, not yet, withdraw) and the national knowledge base search.
 */

const words = (maxLength: number) => ({ type: 'string', maxLength });
const email = { type: 'string', format: 'email', maxLength: 254 };
const party = { type: 'string', enum: [...PARTIES] };
/** Who acted: a person's email, or system:seed for data the loaders wrote (the contract test found those). */
const actor = {
  type: 'string',
  maxLength: 320,
  description: "A person's email address, or system:seed for loaded data",
};
/** Sign-offs are a person's consent: people only, never machine clients. */
const _PERSON_SECURITY = [{ googleIdToken: [] }];
const SIGN_OFF_TYPES = SIGN_OFF_DEFINITIONS.map((d) => d.path);

const givenSchema: Schema = {
  type: 'object',
  required: ['by', 'at', 'version', 'text'],
  properties: {
    by: actor,
    at: timestampSchema,
    version: { ...countSchema, minimum: 1, description: 'The version whose text was agreed' },
    text: { type: 'object', description: 'The signed fields as they were when agreed' },
    comment: words(2000),
  },
};

export const partnerSchemas: Schema = {
  SignOffState: {
    type: 'object',
    description: "One party's sign-off on a record",
    required: ['party', 'state'],
    properties: {
      party,
      state: { type: 'string', enum: ['awaiting', 'given'] },
      requestedBy: words(320),
      requestedAt: timestampSchema,
      requestedOf: { ...email, description: 'The person asked by name, if any' },
      requestComment: words(2000),
      given: givenSchema,
      lastGiven: { ...givenSchema, description: 'The last consent, kept after it was voided or withdrawn' },
      reopened: {
        type: 'object',
        required: ['reason', 'by', 'at'],
        properties: {
          reason: { type: 'string', enum: ['changed', 'withdrawn'] },
          by: words(320),
          at: timestampSchema,
          fields: { type: 'array', maxItems: 50, items: words(100) },
          comment: words(2000),
        },
      },
      notYet: {
        type: 'object',
        required: ['by', 'at', 'comment'],
        properties: { by: actor, at: timestampSchema, comment: words(2000) },
      },
    },
  },
  SignOffs: {
    type: 'object',
    description: "Each party's sign-off (present on agreements, communications and publicity)",
    additionalProperties: false,
    properties: { ceg: ref('SignOffState'), taskforce: ref('SignOffState') },
  },
  AwaitingSignOff: {
    type: 'object',
    required: ['type', 'path', 'id', 'title', 'regionId', 'party', 'version', 'updatedAt'],
    properties: {
      type: words(50),
      path: { type: 'string', enum: SIGN_OFF_TYPES },
      id: idSchema,
      title: words(200),
      regionId: idSchema,
      councilId: idSchema,
      party,
      version: { ...countSchema, minimum: 1 },
      updatedAt: timestampSchema,
      requestedBy: words(320),
      requestedAt: timestampSchema,
      requestedOf: email,
      requestComment: words(2000),
      reopened: { type: 'object' },
      notYet: { type: 'object' },
    },
  },
  AwaitingSignOffs: {
    type: 'object',
    required: ['for', 'party', 'items'],
    properties: {
      for: { type: 'string', enum: ['me', 'party'] },
      party,
      items: { type: 'array', maxItems: 100_000, items: ref('AwaitingSignOff') },
    },
  },
  SignOffView: {
    type: 'object',
    required: ['type', 'id', 'version', 'meaning', 'signedFields', 'text', 'parties', 'record'],
    properties: {
      type: words(50),
      id: idSchema,
      version: { ...countSchema, minimum: 1 },
      meaning: words(500),
      signedFields: {
        type: 'array',
        maxItems: 20,
        items: {
          type: 'object',
          required: ['name', 'title'],
          properties: { name: words(100), title: words(200) },
        },
      },
      text: { type: 'object', description: 'The signed fields as they now are' },
      parties: {
        type: 'array',
        maxItems: 2,
        items: {
          type: 'object',
          required: ['party', 'state', 'sinceLastAgreed'],
          properties: {
            party,
            state: { type: 'string', enum: ['awaiting', 'given', 'not-requested'] },
            signOff: ref('SignOffState'),
            sinceLastAgreed: {
              type: 'array',
              maxItems: 20,
              description: 'Signed fields that changed since this party last agreed: then and now',
              items: {
                type: 'object',
                required: ['field'],
                properties: { field: words(100), agreed: {}, now: {} },
              },
            },
          },
        },
      },
      record: ref('AnyRecord'),
    },
  },
  KnowledgeEntry: {
    type: 'object',
    required: ['key', 'type', 'id', 'regionId', 'title', 'summary', 'updatedAt', 'version'],
    properties: {
      key: words(200),
      type: { type: 'string', enum: [...KNOWLEDGE_TYPES] },
      id: idSchema,
      regionId: idSchema,
      topic: { type: 'string', enum: [...KNOWLEDGE_TOPICS] },
      title: words(200),
      summary: words(5000),
      whatWorked: words(5000),
      whatDidNot: words(5000),
      updatedAt: timestampSchema,
      version: { ...countSchema, minimum: 1 },
      score: {
        type: 'number',
        format: 'double',
        minimum: 0,
        description: 'Relevance, when words were given',
      },
    },
  },
  KnowledgeResult: {
    type: 'object',
    required: ['total', 'items', 'facets'],
    properties: {
      total: countSchema,
      items: { type: 'array', maxItems: 500, items: ref('KnowledgeEntry') },
      facets: {
        type: 'object',
        required: ['regions', 'topics'],
        properties: {
          regions: { type: 'object', additionalProperties: countSchema },
          topics: { type: 'object', additionalProperties: countSchema },
        },
      },
    },
  },
};

export const partnerTags = [
  {
    name: 'Sign-offs',
    description:
      "The two parties' recorded consent to agreements, communications and publicity: who agreed which text, and what awaits whom",
  },
  {
    name: 'Knowledge base',
    description: 'Practices and joint ventures from every region, readable by everyone signed in',
  },
  {
    name: 'Pages',
    description:
      "What the partner site's record and council pages show, composed in one answer each, in words and within the viewer's reach",
  },
];
