import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../functions/domain/canonical-json.ts';

describe('canonical JSON', () => {
  it('should give the same text whatever the key order, at every depth', () => {
    // Act
    const one = canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] });
    const other = canonicalJson({ a: [1, { c: 3, d: 2 }], b: 1 });

    // Assess
    expect(one).toBe(other);
  });

  it('should treat a key whose value is undefined as absent', () => {
    // Act
    const withUndefined = canonicalJson({ a: 1, b: undefined });

    // Assess
    expect(withUndefined).toBe(canonicalJson({ a: 1 }));
  });
});
