import { describe, expect, it } from 'vitest';
import { writeRefusal } from '../../../functions/domain/principal.ts';
import { definitionForType } from '../../../functions/records/registry.ts';

describe('who may write what', () => {
  const council = definitionForType('council')!;
  const strategy = definitionForType('strategy')!;

  it('should keep reference data to national staff and regions to their own staff', () => {
    // Act
    const national = writeRefusal(
      { kind: 'user', id: 'a', role: 'national', regionIds: [] },
      council,
      'otago',
    );
    const regional = writeRefusal(
      { kind: 'user', id: 'b', role: 'regional', regionIds: ['otago'] },
      council,
      'otago',
    );
    const elsewhere = writeRefusal(
      { kind: 'user', id: 'c', role: 'adviser', regionIds: ['otago'] },
      strategy,
      'canterbury',
    );
    const readOnlyClient = writeRefusal(
      { kind: 'client', id: 'd', role: 'national', regionIds: [], scopes: new Set(['records/read']) },
      strategy,
      'otago',
    );

    // Assess
    expect(national).toBeUndefined();
    expect(regional).toContain('only by national staff');
    expect(elsewhere).toContain('cannot change records of region "canterbury"');
    expect(readOnlyClient).toContain('records/write scope');
  });
});
