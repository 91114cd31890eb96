import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedChunks, utf8Length } from '../../../functions/domain/bounded-chunks.ts';
import { chunkRows } from '../../../sheets-addon/src/sheet/push-plan.ts';

describe('boundedChunks', () => {
  it('should cut at the count limit, counting each item as one unless told otherwise', () => {
    // Prepare
    const items = Array.from({ length: 7 }, (_, i) => i);

    // Act
    const byOne = boundedChunks(items, { maxCount: 3, maxBytes: 1_000, bytes: () => 1 });
    const byWeight = boundedChunks(items, { maxCount: 5, maxBytes: 1_000, count: () => 2, bytes: () => 1 });

    // Assess
    expect(byOne).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(byWeight).toEqual([[0, 1], [2, 3], [4, 5], [6]]);
  });

  it('should cut before the item that would go over the byte limit', () => {
    // Prepare
    const sizes = [40, 50, 20, 90, 10, 10];

    // Act
    const chunks = boundedChunks(sizes, { maxCount: 100, maxBytes: 100, bytes: (size) => size });

    // Assess
    expect(chunks).toEqual([[40, 50], [20], [90, 10], [10]]);
  });

  it('should give an item over a limit on its own a chunk of its own, never dropping it', () => {
    // Act
    const chunks = boundedChunks([10, 500, 10], { maxCount: 10, maxBytes: 100, bytes: (size) => size });

    // Assess
    expect(chunks).toEqual([[10], [500], [10]]);
  });

  it('should keep every item, in order, within both limits whatever the sizes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ count: fc.integer({ min: 1, max: 5 }), bytes: fc.integer({ min: 0, max: 60 }) }),
        ),
        (items) => {
          // Act
          const chunks = boundedChunks(items, {
            maxCount: 10,
            maxBytes: 100,
            count: (i) => i.count,
            bytes: (i) => i.bytes,
          });

          // Assess
          expect(chunks.flat()).toEqual(items);
          for (const chunk of chunks) {
            expect(chunk.length).toBeGreaterThan(0);
            expect(chunk.reduce((n, i) => n + i.count, 0)).toBeLessThanOrEqual(10);
            expect(chunk.reduce((n, i) => n + i.bytes, 0)).toBeLessThanOrEqual(100);
          }
        },
      ),
    );
  });
});

describe('utf8Length', () => {
  it.each([
    ['plain letters', 'Whanganui', 9],
    ['a macron as two', 'Māori', 6],
    ['the euro sign as three', '€', 3],
    ['an emoji as four', '👍', 4],
    ['a lone high surrogate as the replacement three', '\ud83d', 3],
    ['a lone low surrogate as the replacement three', '\udc4d x', 5],
  ])('should count bytes as UTF-8 does: %s', (_case, text, bytes) => {
    // Act
    const length = utf8Length(text);

    // Assess
    expect(length).toBe(bytes);
  });

  it('should agree with Node on any string, paired surrogates or not', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.array(fc.integer({ min: 0, max: 0xffff })).map((codes) => String.fromCharCode(...codes)),
        ),
        (text) => {
          // Act
          const length = utf8Length(text);

          // Assess
          expect(length).toBe(Buffer.byteLength(text, 'utf8'));
        },
      ),
    );
  });
});

describe("the add-on's push requests", () => {
  it('should count the bytes of te reo Māori text as sent, so a request never goes over its limit', () => {
    // Prepare: 100 rows of 100 macronised letters, 200 bytes each but 100 characters.
    const rows = Array.from({ length: 100 }, (_, i) => ({
      request: { id: `r${i}`, values: { text: 'ā'.repeat(100) } },
    }));
    const limit = 10_000;

    // Act
    const chunks = chunkRows(rows, 500, limit);

    // Assess
    for (const chunk of chunks) {
      const body = JSON.stringify(chunk.map((row) => row.request));
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(limit);
    }
    expect(chunks.flat()).toEqual(rows);
  });
});
