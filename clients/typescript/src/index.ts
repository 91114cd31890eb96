import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.ts';

/**
 * A thin typed client for the Partnership Records API: openapi-fetch over the types that
 * openapi-typescript generates from the OpenAPI document (src/schema.ts), plus what every
 * consumer otherwise writes by hand: bearer tokens, versions as ETag/If-Match, pages as an
 * async iterator, and problem+json errors as exceptions. See docs/api.md, "Typed client".
 */

export type { components, operations, paths } from './schema.ts';
export type Problem = components['schemas']['Problem'];

/** A token, or a function that gives a fresh one (an OAuth client-credentials token, say). */
export type TokenSource = string | (() => string | Promise<string>);

export interface ClientOptions {
  /** The API's base URL, like http://localhost:3000 or the stack's ApiUrl / MachineApiUrl. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` on every request; leave out for the public routes. */
  token?: TokenSource;
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: (request: Request) => Promise<Response>;
}

/** An answer that is not 2xx or 304, with the problem+json body the API sent. */
export class ProblemError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;

  constructor(status: number, problem: Problem | undefined, fallback: string) {
    super(problem ? `${problem.status} ${problem.title}: ${problem.detail}` : `${status} ${fallback}`);
    this.name = 'ProblemError';
    this.status = status;
    this.problem = problem;
  }

  /** For 409 and 410: the record as it now stands on the server. */
  get current(): Problem['current'] {
    return this.problem?.current;
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'status' in body && 'title' in body && 'detail' in body;
}

/** What every openapi-fetch call answers: data on success, error otherwise. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a successful answer; a ProblemError for any other. */
export async function ok<T>(call: Promise<FetchResult<T>> | FetchResult<T>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new ProblemError(response.status, isProblem(error) ? error : undefined, response.statusText);
}

/** The version of a record as an ETag, for If-Match: `"3"`. */
export function etagOf(record: { version: number }): string {
  return `"${record.version}"`;
}

/** Headers that make a change conditional on the version read (send them with PUT, PATCH, DELETE). */
export function ifMatch(record: { version: number }): { 'If-Match': string } {
  return { 'If-Match': etagOf(record) };
}

/** One page of a list, a history or a pull. */
export interface Page<T> {
  items: T[];
  more: boolean;
  cursor?: string;
}

/**
 * Every page, one after another: `fetchPage` asks for the page after `cursor` (undefined for the
 * first). For a pull, pass the cursor as `since`; the last page's cursor is the next pull's start.
 */
export async function* pages<T>(
  fetchPage: (cursor: string | undefined) => Promise<FetchResult<Page<T>>>,
): AsyncGenerator<Page<T>, void, undefined> {
  let cursor: string | undefined;
  for (;;) {
    const page = await ok(fetchPage(cursor));
    yield page;
    if (!page.more || !page.cursor) return;
    cursor = page.cursor;
  }
}

/** Every item of every page (see `pages`). */
export async function* items<T>(
  fetchPage: (cursor: string | undefined) => Promise<FetchResult<Page<T>>>,
): AsyncGenerator<T, void, undefined> {
  for await (const page of pages(fetchPage)) yield* page.items;
}

function bearer(token: TokenSource): Middleware {
  return {
    async onRequest({ request }) {
      const value = typeof token === 'function' ? await token() : token;
      request.headers.set('Authorization', `Bearer ${value}`);
      return request;
    },
  };
}

/** The typed client: `api.GET('/v1/needs/{id}', { params: { path: { id } } })` and so on. */
export function createRecordsClient(options: ClientOptions): Client<paths> {
  const api = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (options.token !== undefined) api.use(bearer(options.token));
  return api;
}
