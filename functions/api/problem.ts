import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DomainErrorCode } from '../domain/errors.ts';
import type { FieldError, StoredRecord } from '../records/definition.ts';

/** RFC 9457 problem details, the one error shape of the API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** One entry per bad field, in plain words. */
  errors?: FieldError[];
  /** For 409 and 410: the record as it now stands. */
  current?: StoredRecord;
}

/** How long a client is asked to wait after a 503 (`Retry-After`, in seconds). */
export const RETRY_AFTER_SECONDS = 60;

export const PROBLEM_BASE = 'https://partnership-records.example.nz/problems/';

/** Refusals that belong to HTTP itself rather than to the domain. */
export type HttpProblemCode = 'too-large' | 'unsupported-media-type' | 'method-not-allowed' | 'internal';

export type ProblemCode = DomainErrorCode | HttpProblemCode;

/**
 * The one mapping from what went wrong to HTTP: a status and a title per code. The code is also
 * the last segment of the problem's `type` URI, so clients can branch on it. The OpenAPI document's
 * problem answers and their examples are made from it too (functions/api/openapi-problems.ts).
 */
export const PROBLEMS: Record<ProblemCode, { status: ContentfulStatusCode; title: string }> = {
  'bad-request': { status: 400, title: 'The request could not be understood' },
  'bad-cursor': { status: 400, title: 'Bad cursor' },
  unauthenticated: { status: 401, title: 'Sign-in needed' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'version-conflict': { status: 409, title: 'The record changed since you read it' },
  deleted: { status: 410, title: 'The record was deleted' },
  'too-large': { status: 413, title: 'The body is too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'invalid-record': { status: 422, title: 'The record is not valid' },
  'version-required': { status: 428, title: 'Say which version you are changing' },
  internal: { status: 500, title: 'Something went wrong on our side' },
  unavailable: { status: 503, title: 'Try again' },
};

/** An HTTP-level refusal raised by the API's own request handling (media type, body size). */
export class HttpProblemError extends Error {
  constructor(
    readonly code: HttpProblemCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpProblemError';
  }
}

export function problemResponse(
  c: Context,
  code: ProblemCode,
  detail: string,
  extra: Partial<Problem> = {},
): Response {
  const { status, title } = PROBLEMS[code];
  const body: Problem = {
    type: `${PROBLEM_BASE}${code}`,
    title,
    status,
    detail,
    instance: new URL(c.req.url).pathname,
    ...extra,
  };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  // Every 503 says when to come back, so clients (the add-on, SDK retries) wait instead of hammering.
  if (status === 503) headers['retry-after'] = String(RETRY_AFTER_SECONDS);
  return c.body(JSON.stringify(body), status, headers);
}
