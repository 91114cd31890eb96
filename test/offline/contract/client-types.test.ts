import { describe, expect, it } from 'vitest';
import { committedTypes, generatedTypes } from '../../../clients/typescript/generate.ts';

/** The typed client's committed types must be what openapi-typescript makes from today's document. */
describe('the typed client', { timeout: 120_000 }, () => {
  it('should have types generated from the current OpenAPI document (else run npm run client:generate)', async () => {
    // Act
    const [committed, generated] = await Promise.all([committedTypes(), generatedTypes()]);

    // Assess
    // Compared as a whole so that any drift fails; the message says how to fix it rather than printing 1 MB.
    expect(
      committed === generated,
      'clients/typescript/src/schema.ts is out of date: run "npm run client:generate" and commit it',
    ).toBe(true);
  });
});
