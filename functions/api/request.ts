import type { Context } from 'hono';
import * as z from 'zod/mini';
import '../zod-english.ts';
import { BadRequestError, PreconditionRequiredError } from '../domain/errors.ts';
import type { Principal } from '../domain/principal.ts';
import { MAX_LIMIT } from '../domain/record-repository.ts';
import { HttpProblemError } from './problem.ts';

/** Variables the auth middleware puts on the context. */
export interface AppEnv {
  Variables: { principal: Principal };
}

class PayloadTooLargeError extends HttpProblemError {
  constructor(limit: number) {
    super('too-large', `The body is larger than ${Math.round(limit / 1024)} KB. Send fewer rows at a time.`);
  }
}

/** Reads a JSON body, refusing other media types, oversized bodies and malformed JSON clearly. */
export async function readJson(c: Context, maxBytes: number): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(merge-patch\+)?json\b/i.test(type)) {
    throw new HttpProblemError(
      'unsupported-media-type',
      'Send the body as JSON with "Content-Type: application/json".',
    );
  }
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  const text = await c.req.text();
  if (Buffer.byteLength(text) > maxBytes) throw new PayloadTooLargeError(maxBytes);
  refuseDeepNesting(text);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(
      `The body is not valid JSON (${(error as Error).message}). Check for a missing quote, comma or bracket.`,
    );
  }
}

/** Records are a few levels deep; far deeper bodies are refused before anything recurses over them. */
const MAX_JSON_DEPTH = 64;

/** Counts bracket depth outside strings in one pass, so a body nested 20,000 deep costs no recursion. */
function refuseDeepNesting(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new BadRequestError(
          `The body is nested more than ${MAX_JSON_DEPTH} levels deep (objects and arrays inside each other). A record's values are a flat object of fields; send them that way.`,
        );
      }
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
}

/** True when an If-None-Match header names this version (or *): the client's copy is current. */
export function matchesIfNoneMatch(header: string | undefined, version: number): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag(version));
}

const limitSchema = z.coerce
  .number({ error: 'expected a whole number' })
  .check(
    z.int({ error: 'expected a whole number' }),
    z.gte(1, { error: 'must be at least 1' }),
    z.lte(MAX_LIMIT, { error: `must be at most ${MAX_LIMIT}` }),
  );

const timestampSchema = z.iso.datetime({
  offset: true,
  error: 'expected an ISO timestamp like 2026-03-01T00:00:00Z',
});

/** Query parameters shared by list routes, validated with the same plain-words errors as bodies. */
export function parseQuery<T extends z.core.$ZodShape>(c: Context, shape: T): z.infer<z.ZodMiniObject<T>> {
  const result = z.object(shape).safeParse(c.req.query());
  if (!result.success) {
    throw new BadRequestError(
      'Some query parameters need fixing.',
      result.error.issues.map((issue) => {
        const field = issue.path.join('.');
        return {
          field,
          message: `${issue.message}, got ${JSON.stringify(c.req.query(field))}`,
          received: c.req.query(field),
        };
      }),
    );
  }
  return result.data;
}

export const queryFields = {
  limit: z.optional(limitSchema),
  cursor: z.optional(z.string().check(z.maxLength(4000))),
  region: z.optional(z.string().check(z.maxLength(100))),
  council: z.optional(z.string().check(z.maxLength(100))),
  changedSince: z.optional(timestampSchema),
  includeDeleted: z.optional(z.enum(['true', 'false'], { error: 'expected true or false' })),
  dryRun: z.optional(z.enum(['true', 'false'], { error: 'expected true or false' })),
};

/** The version an `If-Match` header names ("3", W/"3" or 3), required for changes. */
export function ifMatchVersion(c: Context, required: boolean): number | undefined {
  return ifMatchVersionOf(c.req.header('if-match'), required);
}

/** The version an `If-Match` header's value names (a declared route's validated header). */
export function ifMatchVersionOf(header: string | undefined, required: boolean): number | undefined {
  if (!header) {
    if (!required) return undefined;
    throw new PreconditionRequiredError(
      'Say which version you are changing with an "If-Match" header holding the ETag you read (for example If-Match: "3"), so nobody\'s change is lost.',
    );
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw new BadRequestError(`If-Match must hold a version ETag like "3", got ${header}.`);
  return Number(match[1]);
}

export function etag(version: number): string {
  return `"${version}"`;
}
