import { describe, expect, it } from 'vitest';
import { BadCursorError } from '../../../functions/domain/errors.ts';
import { decodeCursor, encodeCursor } from '../../../functions/store/cursor.ts';

describe('list cursors', () => {
  it('should round-trip a cursor for its own list', () => {
    // Act
    const raw = encodeCursor({ v: 1, q: 'list:a', k: { pk: 'x' } });

    // Assess
    expect(decodeCursor(raw, 'list:a').k).toEqual({ pk: 'x' });
  });

  it('should refuse a cursor for another list, and one that is not a cursor', () => {
    // Prepare
    const raw = encodeCursor({ v: 1, q: 'list:a', k: { pk: 'x' } });

    // Act
    const forAnotherList = () => decodeCursor(raw, 'list:b');
    const notACursor = () => decodeCursor('%%%', 'list:a');

    // Assess
    expect(forAnotherList).toThrow(BadCursorError);
    expect(notACursor).toThrow(BadCursorError);
  });
});
