import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
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

export const PROBLEM_BASE = 'https://partnership-records.example.nz/problems/';

const SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'version-conflict',
  410: 'deleted',
  413: 'too-large',
  415: 'unsupported-media-type',
  422: 'invalid-record',
  428: 'version-required',
  500: 'internal',
  503: 'unavailable',
};

export function problemResponse(
  c: Context,
  status: number,
  title: string,
  detail: string,
  extra: Partial<Problem> = {},
): Response {
  const body: Problem = {
    type: `${PROBLEM_BASE}${SLUGS[status] ?? 'error'}`,
    title,
    status,
    detail,
    instance: new URL(c.req.url).pathname,
    ...extra,
  };
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
  });
}
