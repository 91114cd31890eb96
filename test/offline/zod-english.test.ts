import { describe, expect, it } from 'vitest';
import { parseIssuers } from '../../functions/api/authenticate.ts';
import { pushRowSchema } from '../../functions/api/routes/sync.ts';
import { directoryEntrySchema } from '../../functions/domain/user-directory.ts';

/**
 * zod/mini loads no locale; these refusals show zod's English wording, which functions/zod-english.ts
 * configures. Without it each would read "Invalid input".
 */
describe("zod's English messages, for checks without their own", () => {
  it.each([
    {
      what: 'a push row id that is too long',
      act: () => pushRowSchema.safeParse({ id: 'x'.repeat(101) }),
      message: 'Too big: expected string to have <=100 characters',
    },
    {
      what: 'a push row whose base version is not a whole number',
      act: () => pushRowSchema.safeParse({ baseVersion: 1.5 }),
      message: 'Invalid input: expected int, received number',
    },
    {
      what: 'a directory entry sent as a list',
      act: () => directoryEntrySchema.safeParse([]),
      message: 'Invalid input: expected object, received array',
    },
    {
      what: 'a directory entry with a field it does not have',
      act: () => directoryEntrySchema.safeParse({ role: 'viewer', regionIds: [], colour: 'blue' }),
      message: 'Unrecognized key: "colour"',
    },
  ])('should word $what as zod does', ({ act, message }) => {
    // Act
    const result = act();

    // Assess
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });

  it('should name the allowed kinds of a token issuer in AUTH_ISSUERS', () => {
    // Act
    const parse = () => parseIssuers(JSON.stringify([{ kind: 'saml', issuer: 'x', audience: ['y'] }]), false);

    // Assess
    expect(parse).toThrow(
      'Invalid option: expected one of \\"google\\"|\\"oidc\\"|\\"machine\\"|\\"development\\"',
    );
  });
});
