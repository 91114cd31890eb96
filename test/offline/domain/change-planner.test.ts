import { describe, expect, it } from 'vitest';
import { diffValues } from '../../../functions/domain/change-planner.ts';

describe('change detection', () => {
  it('should list what changed field by field', () => {
    // Act
    const changes = diffValues({ a: 1, b: 'x' }, { a: 2, c: true });

    // Assess
    expect(changes).toEqual([
      { field: 'a', from: 1, to: 2 },
      { field: 'b', from: 'x', to: undefined },
      { field: 'c', from: undefined, to: true },
    ]);
  });
});
