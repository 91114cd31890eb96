import * as z from 'zod/mini';
import { BadCursorError } from '../domain/errors.ts';
import { PULL_OVERLAP_MS } from '../domain/record-repository.ts';
import type { StoredRecord } from '../records/definition.ts';

/**
 * Opaque paging cursors. A cursor is base64url JSON naming the query it belongs to, so a cursor
 * from one list cannot be replayed against another (a different type or region).
 */
const cursorSchema = z.object({
  v: z.literal(1),
  q: z.string(),
  /** Where the next page starts (DynamoDB's LastEvaluatedKey, or the in-memory store's position). */
  k: z.optional(z.record(z.string(), z.string())),
  /** Pulls: the lower bound of the change window (an ISO timestamp). */
  from: z.optional(z.string()),
  /** Pulls: the newest change seen so far. */
  hw: z.optional(z.string()),
});

export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string, queryId: string): Cursor {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,4000}$/.test(raw)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError('it could not be read');
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw new BadCursorError('it could not be read');
  if (result.data.q !== queryId) throw new BadCursorError('it belongs to a different list');
  return result.data;
}

/**
 * The cursor after one page of a pull: while more is to come it pages on; at the end it restarts
 * the next pull a little before the newest change seen (see PULL_OVERLAP_MS).
 */
export function pullCursor(start: Cursor, items: readonly StoredRecord[], next: Cursor['k']): string {
  let highWater = start.hw;
  for (const item of items) if (!highWater || item.updatedAt > highWater) highWater = item.updatedAt;
  if (next) return encodeCursor({ ...start, k: next, hw: highWater });
  const from = highWater ? new Date(Date.parse(highWater) - PULL_OVERLAP_MS).toISOString() : undefined;
  return encodeCursor({ v: 1, q: start.q, from, hw: highWater });
}

const CHANGES_QUERY = 'changes';

/**
 * A change feed cursor: the position of the last event read (or scanned past). It belongs to no
 * scope or filter, since positions are the log's own order: a reader may change its filters and
 * carry on from where it was.
 */
export function changeCursor(position: string | undefined): string {
  return encodeCursor({ v: 1, q: CHANGES_QUERY, ...(position ? { k: { after: position } } : {}) });
}

export function changeCursorPosition(raw: string | undefined): string | undefined {
  return raw ? decodeCursor(raw, CHANGES_QUERY).k?.after : undefined;
}
