/**
 * Splitting a list into consecutive chunks that each stay within a count and a size: the Sheets
 * add-on's push requests (rows per request, bytes per request body) and the store's transactions
 * (actions per transaction, bytes per transaction) are both this. Pure and dependency-free, so
 * the add-on's Apps Script bundle carries the same code the store runs.
 */

export interface ChunkLimits<T> {
  /** The most an item's `count` may add up to in one chunk. */
  maxCount: number;
  /** The most an item's `bytes` may add up to in one chunk. */
  maxBytes: number;
  /** What an item adds to the count (default 1). */
  count?: (item: T) => number;
  /** What an item adds to the size. */
  bytes: (item: T) => number;
}

/**
 * The items in order, cut into as few consecutive chunks as the limits allow (a new chunk starts
 * when the next item would go over either). An item over a limit on its own still gets a chunk of
 * its own rather than being dropped: whoever receives it refuses it with a reason.
 */
export function boundedChunks<T>(items: readonly T[], limits: ChunkLimits<T>): T[][] {
  const countOf = limits.count ?? (() => 1);
  const chunks: T[][] = [];
  let current: T[] = [];
  let count = 0;
  let bytes = 0;
  for (const item of items) {
    const itemCount = countOf(item);
    const itemBytes = limits.bytes(item);
    if (current.length > 0 && (count + itemCount > limits.maxCount || bytes + itemBytes > limits.maxBytes)) {
      chunks.push(current);
      current = [];
      count = 0;
      bytes = 0;
    }
    current.push(item);
    count += itemCount;
    bytes += itemBytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * The length of `text` in UTF-8 bytes, which is what request and item size limits count: te reo
 * Māori's macrons take two bytes, not one. Counted by hand because Apps Script has neither
 * `Buffer` nor `TextEncoder`.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      // A surrogate pair is one code point of four bytes; a lone surrogate becomes U+FFFD (three).
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
