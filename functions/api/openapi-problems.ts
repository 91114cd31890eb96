import { PROBLEM_BASE, PROBLEMS, type ProblemCode } from './problem.ts';

/**
 * The document's problem answers, made from the one PROBLEMS table (functions/api/problem.ts):
 * each status's description names its problems' titles, and its examples carry their real `type`
 * URIs and titles, so the document says exactly what the API answers.
 */

type Json = Record<string, unknown>;

/** Reusable response names, after the HTTP status they answer. */
const STATUS_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableContent',
  428: 'PreconditionRequired',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

/**
 * Statuses every operation can answer: throttling at the gateway, an unexpected failure, and a
 * part it depends on (the table, the snapshot bucket) not answering.
 */
const ALWAYS = [429, 500, 503];

/** What an example of each problem says, as the API would say it (type and title come from PROBLEMS). */
const EXAMPLE_DETAILS: Partial<Record<ProblemCode, Json>> = {
  'bad-request': {
    detail: 'Some query parameters need fixing.',
    errors: [{ field: 'limit', message: 'must be at least 1, got "0"', received: '0' }],
  },
  'bad-cursor': {
    detail:
      'The cursor is not one this API issued for this request (it is damaged). Start again without a cursor.',
  },
  unauthenticated: { detail: 'The token has expired. Sign in again.' },
  forbidden: {
    detail:
      'You are signed in as adviser@example.org (adviser in northland); this record is in canterbury. Ask partnership-records@example.nz for access.',
  },
  'not-found': { detail: 'There is no need with id "3f1c9a52-8d2e-4b7a-9c41-2e5d7f80a613".' },
  'version-conflict': { detail: 'The need changed since version 3 (it is now version 4). Read it again.' },
  deleted: { detail: 'The need was deleted; current holds its tombstone.' },
  'too-large': { detail: 'The body is larger than 256 KB. Send fewer rows at a time.' },
  'unsupported-media-type': { detail: 'Send the body as JSON with "Content-Type: application/json".' },
  'invalid-record': {
    detail: 'Some fields need fixing before this can be saved.',
    errors: [
      {
        field: 'identifiedOn',
        message: 'expected a date like 2026-03-01 (year-month-day), got "1/3/26"',
        received: '1/3/26',
      },
    ],
  },
  'version-required': {
    detail:
      'Say which version you are changing with an "If-Match" header holding the ETag you read (for example If-Match: "3"), so nobody\'s change is lost.',
  },
  internal: {
    detail:
      'The request failed unexpectedly and nothing was changed by the failed step. Try again; if it keeps failing, tell the Partnership Records team the time it happened.',
  },
  unavailable: {
    detail: 'The database did not answer. Nothing was changed: try again in a minute.',
  },
};

const codesWithStatus = (status: number) =>
  (Object.keys(PROBLEMS) as ProblemCode[]).filter((code) => PROBLEMS[code].status === status);

function problemExample(code: ProblemCode): Json {
  const { status, title } = PROBLEMS[code];
  return {
    type: `${PROBLEM_BASE}${code}`,
    title,
    status,
    detail: title,
    instance: '/v1/needs/3f1c9a52-8d2e-4b7a-9c41-2e5d7f80a613',
    ...EXAMPLE_DETAILS[code],
  };
}

function problemResponse(status: number): Json {
  const codes = codesWithStatus(status);
  const examples = Object.fromEntries(
    codes.map((code) => [code, { summary: PROBLEMS[code].title, value: problemExample(code) }]),
  );
  const content: Json = {
    'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, examples },
  };
  const response: Json = { description: codes.map((code) => PROBLEMS[code].title).join('; '), content };
  if (status === 401) {
    response.headers = { 'WWW-Authenticate': { $ref: '#/components/headers/WWWAuthenticate' } };
    // The cloud gateway's JWT authorizer refuses some tokens before the API sees them, in its own shape.
    content['application/json'] = {
      schema: { $ref: '#/components/schemas/GatewayMessage' },
      example: { message: 'Unauthorized' },
    };
  }
  if (status === 409) response.headers = { ETag: { $ref: '#/components/headers/ETag' } };
  if (status === 503) response.headers = { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } };
  return response;
}

/** `responses` entries, by reference, for the given statuses plus those every operation can answer. */
export function problemResponseRefs(statuses: readonly number[]): Json {
  return Object.fromEntries(
    [...new Set([...statuses, ...ALWAYS])].map((status) => {
      const name = status === 429 ? 'TooManyRequests' : STATUS_NAMES[status];
      if (!name || (status !== 429 && codesWithStatus(status).length === 0))
        throw new Error(`No problem in PROBLEMS answers ${status}`);
      return [String(status), { $ref: `#/components/responses/${name}` }];
    }),
  );
}

/** The reusable responses: one per problem status, throttling, and Not Modified. */
export function problemComponentResponses(): Json {
  const statuses = [...new Set(Object.values(PROBLEMS).map((p) => p.status))].sort();
  return {
    ...Object.fromEntries(statuses.map((status) => [STATUS_NAMES[status]!, problemResponse(status)])),
    TooManyRequests: {
      description:
        'Throttled by the API gateway (in the cloud): wait a moment and retry. The gateway answers in its own shape.',
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/GatewayMessage' },
          example: { message: 'Too Many Requests' },
        },
      },
    },
    NotModified: {
      description: 'Not modified: the version named in If-None-Match is still the current one',
      headers: {
        ETag: { $ref: '#/components/headers/ETag' },
        'Cache-Control': { $ref: '#/components/headers/CacheControl' },
      },
    },
  };
}
