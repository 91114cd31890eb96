/**
 * One trusted token issuer as the API function reads it from env `AUTH_ISSUERS` (a JSON array).
 * The app verifies every bearer token against these, whatever API Gateway has already checked.
 */
export interface AuthIssuer {
  issuer: string;
  /** Accepted `aud` values; for Cognito access tokens, which carry no `aud`, the `client_id`. */
  audience: string[];
  jwksUri: string;
  kind: 'google' | 'machine' | 'oidc';
  /** `oidc` only: the claim holding the email (default `email`; Entra ID single tenant: `preferred_username`). */
  emailClaim?: string;
  /** `oidc` only: whether `email_verified: true` is required (default true). */
  requireVerifiedEmail?: boolean;
}

/** Google's ID-token issuer as it appears in tokens from `ScriptApp.getIdentityToken()`. */
const GOOGLE_ISSUER = 'https://accounts.google.com';
const GOOGLE_JWKS_URI = 'https://www.googleapis.com/oauth2/v3/certs';

/** People: Google ID tokens minted for the Sheets add-on's OAuth client. */
export function googleIssuer(googleClientId: string): AuthIssuer {
  return { issuer: GOOGLE_ISSUER, audience: [googleClientId], jwksUri: GOOGLE_JWKS_URI, kind: 'google' };
}

/** Machine clients: Cognito access tokens from the client-credentials grant. */
export function machineIssuer(userPoolIssuer: string, clientIds: string[]): AuthIssuer {
  return {
    issuer: userPoolIssuer,
    audience: clientIds,
    jwksUri: `${userPoolIssuer}/.well-known/jwks.json`,
    kind: 'machine',
  };
}

/**
 * People of either party signing in with their own organisation's OpenID Connect issuer (a
 * council's Microsoft Entra ID tenant, Google Workspace for the web pages): operator-configured.
 */
export function partnerIssuer(entry: {
  issuer: string;
  audience: string[];
  jwksUri: string;
  emailClaim?: string;
  requireVerifiedEmail?: boolean;
}): AuthIssuer {
  return { ...entry, kind: 'oidc' };
}
