import { describe, expect, it } from 'vitest';
import { parseIssuers } from '../../../functions/api/authenticate.ts';

describe('trusted issuers', () => {
  const dev = JSON.stringify([
    { kind: 'development', issuer: 'https://dev', audience: ['local'], jwks: { keys: [] } },
  ]);

  it('should refuse a development issuer unless the local runtime allows it', () => {
    // Act
    const inTheCloud = () => parseIssuers(dev, false);
    const locally = parseIssuers(dev, true);

    // Assess
    expect(inTheCloud).toThrow('only allowed in local runs');
    expect(locally).toHaveLength(1);
  });

  it('should read the cloud issuers from AUTH_ISSUERS', () => {
    // Prepare
    const google = {
      kind: 'google',
      issuer: 'https://accounts.google.com',
      audience: ['client-id'],
      jwksUri: 'https://www.googleapis.com/oauth2/v3/certs',
    };

    // Act
    const configured = parseIssuers(JSON.stringify([google]), false);
    const unset = parseIssuers(undefined, false);

    // Assess
    expect(configured).toEqual([google]);
    expect(unset).toEqual([]);
  });
});
