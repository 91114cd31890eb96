import * as z from 'zod';

/**
 * Opaque paging cursors. A cursor is base64url JSON naming the query it belongs to, so a cursor
 * from one list cannot be replayed against another (a different type or region).
 */
const cursorSchema = z.object({
  v: z.literal(1),
  q: z.string(),
  /** DynamoDB's LastEvaluatedKey for the next page, if any. */
  k: z.record(z.string(), z.string()).optional(),
  /** Pulls: the lower bound of the change window (an ISO timestamp). */
  from: z.string().optional(),
  /** Pulls: the newest change seen so far. */
  hw: z.string().optional(),
});

export type Cursor = z.infer<typeof cursorSchema>;

export class BadCursorError extends Error {
  constructor(reason: string) {
    super(
      `The cursor is not one this API issued for this request (${reason}). Start again without a cursor.`,
    );
    this.name = 'BadCursorError';
  }
}

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
