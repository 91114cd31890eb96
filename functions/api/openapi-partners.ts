import { KNOWLEDGE_TYPES } from '../domain/knowledge-index.ts';
import { KNOWLEDGE_TOPICS } from '../records/knowledge-topics.ts';
import { PARTIES } from '../records/sign-offs.ts';
import {
  countSchema,
  idSchema,
  param,
  problemResponses,
  ref,
  type Schema,
  timestampSchema,
} from './openapi-parts.ts';
import { jsonBody, jsonResponse, READ_SECURITY } from './openapi-records.ts';

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
const PERSON_SECURITY = [{ googleIdToken: [] }];
const SIGN_OFF_TYPES = ['agreements', 'communications', 'publicity'];

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
  SignOffRequest: {
    type: 'object',
    required: ['party'],
    additionalProperties: false,
    properties: { party, requestedOf: email, comment: words(2000) },
  },
  SignOffAnswer: {
    type: 'object',
    required: ['version'],
    additionalProperties: false,
    properties: {
      version: { ...countSchema, minimum: 1, description: 'The version whose text you read' },
      comment: { ...words(2000), description: 'Required for not-yet: what needs to change' },
    },
  },
  SignOffWithdrawal: {
    type: 'object',
    additionalProperties: false,
    properties: { comment: words(2000) },
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

const recordPath = param('path', 'path', 'A record type that takes sign-offs', {
  type: 'string',
  enum: SIGN_OFF_TYPES,
});
const recordId = param('id', 'path', "The record's id");

const awaitingExample = {
  for: 'me',
  party: 'taskforce',
  items: [
    {
      type: 'agreement',
      path: 'agreements',
      id: 'agreement-christchurch-city-2',
      title: 'Monthly meetings with the mayor; the adviser drafts the youth employment plan.',
      regionId: 'canterbury',
      councilId: 'christchurch-city',
      party: 'taskforce',
      version: 7,
      updatedAt: '2026-11-20T02:10:00.000Z',
      requestedBy: 'adviser@ceg.example.nz',
      requestedAt: '2026-11-20T02:10:00.000Z',
      requestedOf: 'mayor@ccc.example.nz',
    },
  ],
};

function act(
  operationId: string,
  summary: string,
  description: string,
  body: Schema,
  example: unknown,
  statuses: number[],
): Schema {
  return {
    post: {
      operationId,
      tags: ['Sign-offs'],
      security: PERSON_SECURITY,
      summary,
      description,
      parameters: [recordPath, recordId],
      requestBody: jsonBody(body, example),
      responses: {
        200: jsonResponse('The record as it now stands, with its sign-offs', ref('AnyRecord')),
        ...problemResponses(...statuses),
      },
    },
  };
}

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
];

export const partnerPaths: Schema = {
  '/v1/sign-offs/awaiting': {
    get: {
      operationId: 'listAwaitingSignOffs',
      tags: ['Sign-offs'],
      security: READ_SECURITY,
      summary: 'What awaits me, or my party',
      description:
        "Records awaiting your party's sign-off within your reach (`for=party`, the default), or only those asked of you by name (`for=me`), oldest request first.",
      parameters: [
        param('for', 'query', 'me or party (default party)', { type: 'string', enum: ['me', 'party'] }),
      ],
      responses: {
        200: jsonResponse('The awaiting sign-offs', ref('AwaitingSignOffs'), awaitingExample),
        ...problemResponses(400, 401, 403),
      },
    },
  },
  '/v1/{path}/{id}/sign-offs': {
    get: {
      operationId: 'getSignOffs',
      tags: ['Sign-offs'],
      security: READ_SECURITY,
      summary: "A record's sign-offs and what changed since each party agreed",
      description:
        'The signed text as it now is, each party’s sign-off, and field by field what changed since the party last agreed.',
      parameters: [recordPath, recordId],
      responses: {
        200: jsonResponse('The sign-offs', ref('SignOffView')),
        ...problemResponses(401, 403, 404, 410),
      },
    },
  },
  '/v1/{path}/{id}/sign-offs/request': act(
    'requestSignOff',
    'Ask a party (or a person of it) for its sign-off',
    'Anyone who works on the record may ask. The request shows in the party’s and the named person’s awaiting lists.',
    ref('SignOffRequest'),
    {
      party: 'taskforce',
      requestedOf: 'mayor@ccc.example.nz',
      comment: 'Before the council meeting, please.',
    },
    [400, 401, 403, 404, 409, 410, 413, 415],
  ),
  '/v1/{path}/{id}/sign-offs/agree': act(
    'giveSignOff',
    "Give your party's sign-off to the text you read",
    'Only a person of the party, within their reach. Refused with 409 when the signed text changed after the version you read. When both parties have agreed a draft agreement, it becomes agreed.',
    ref('SignOffAnswer'),
    { version: 7, comment: 'Agreed at the mayoral meeting.' },
    [400, 401, 403, 404, 409, 410, 413, 415],
  ),
  '/v1/{path}/{id}/sign-offs/not-yet': act(
    'declineSignOff',
    'Not yet: say what needs to change',
    'Your party stays awaited; the comment (required) tells the other party what to change.',
    ref('SignOffAnswer'),
    { version: 7, comment: 'Please add the youth council.' },
    [400, 401, 403, 404, 409, 410, 413, 415],
  ),
  '/v1/{path}/{id}/sign-offs/withdraw': act(
    'withdrawSignOff',
    "Withdraw your party's sign-off",
    'Your party is awaited again. An agreed agreement goes back under review, an agreed communication back to draft; a released communication or published publicity keeps its sign-offs.',
    ref('SignOffWithdrawal'),
    { comment: 'The council wants to revisit the youth targets.' },
    [400, 401, 403, 404, 409, 410, 413, 415],
  ),
  '/v1/knowledge-base': {
    get: {
      operationId: 'searchKnowledgeBase',
      tags: ['Knowledge base'],
      security: READ_SECURITY,
      summary: 'Search good practice and joint ventures from all of New Zealand',
      description:
        'Words match titles, summaries and what worked or did not, whatever the case or macrons ("Maori" finds "Māori"), by prefix. Without words, the newest first. Facets count the matches by region and topic.',
      parameters: [
        param('q', 'query', 'Words to look for', { type: 'string', maxLength: 200 }),
        param('region', 'query', 'Only this region', idSchema),
        param('topic', 'query', 'Only this topic', { type: 'string', enum: [...KNOWLEDGE_TOPICS] }),
        param('type', 'query', 'Only practices or joint ventures', {
          type: 'string',
          enum: [...KNOWLEDGE_TYPES],
        }),
        param('lesson', 'query', 'Only entries that say what worked, or what did not', {
          type: 'string',
          enum: ['worked', 'did-not'],
        }),
        param('limit', 'query', 'At most this many (default 20)', {
          ...countSchema,
          minimum: 1,
          maximum: 500,
        }),
        param('offset', 'query', 'Skip this many (for the next page)', { ...countSchema, maximum: 100_000 }),
      ],
      responses: {
        200: jsonResponse('The matches', ref('KnowledgeResult'), {
          total: 1,
          items: [
            {
              key: 'practice#01J8',
              type: 'practice',
              id: '01J8',
              regionId: 'otago',
              topic: 'youth-employment',
              title: 'Māori trades cadetships with the marae',
              summary: 'Cadets trained on marae building projects.',
              whatWorked: 'Whānau support',
              updatedAt: '2026-11-02T03:00:00.000Z',
              version: 2,
              score: 12.5,
            },
          ],
          facets: { regions: { otago: 1 }, topics: { 'youth-employment': 1 } },
        }),
        ...problemResponses(400, 401, 403),
      },
    },
  },
};
