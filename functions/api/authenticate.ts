import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  type JSONWebKeySet,
  type JWTPayload,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import * as z from 'zod/mini';
import '../zod-english.ts';
import { AccessDeniedError, UnauthenticatedError } from '../domain/errors.ts';
import { accessContact, type Principal, type Scope } from '../domain/principal.ts';
import type { DirectoryEntry, UserDirectory } from '../domain/user-directory.ts';

/**
 * A trusted token issuer. `google` and `development` tokens identify people by verified email;
 * `machine` tokens (Cognito client credentials) identify a client id and carry scopes.
 */
export const issuerSchema = z.object({
  /**
   * `google`: Google ID tokens (the add-on). `oidc`: any OpenID Connect issuer the operator
   * trusts for people (a council's Microsoft Entra ID tenant, Google Workspace for the web pages),
   * identified by verified email. `machine`: Cognito client credentials. `development`: local only.
   */
  kind: z.enum(['google', 'oidc', 'machine', 'development']),
  issuer: z.string().check(z.minLength(1)),
  audience: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  jwksUri: z.optional(z.url()),
  /**
   * The claim holding the person's email (default `email`). A single-tenant Microsoft Entra ID
   * issuer may use `preferred_username`, which the tenant itself assigns.
   */
  emailClaim: z.optional(z.string().check(z.minLength(1))),
  /** Require `email_verified: true` (default for google and oidc; a single tenant's own claim may be trusted). */
  requireVerifiedEmail: z.optional(z.boolean()),
  jwks: z.optional(z.object({ keys: z.array(z.record(z.string(), z.unknown())) })),
});
export type IssuerConfig = z.infer<typeof issuerSchema>;

/** Parses `AUTH_ISSUERS` (a JSON array); a development issuer is refused outside local runs. */
export function parseIssuers(raw: string | undefined, allowDevelopment: boolean): IssuerConfig[] {
  if (!raw) return [];
  const issuers = z.array(issuerSchema).parse(JSON.parse(raw));
  if (!allowDevelopment && issuers.some((i) => i.kind === 'development')) {
    throw new Error(
      'AUTH_ISSUERS names a development issuer, which is only allowed in local runs (npm start and the tests).',
    );
  }
  return issuers;
}

const ALGORITHMS = ['RS256', 'ES256'];
const CLOCK_TOLERANCE_S = 30;
/** Directory entries are cached briefly: a role change takes effect within this time. */
const DIRECTORY_CACHE_MS = 60_000;

/** Verified tokens kept (oldest dropped first), each for at most this long and never past its expiry. */
const VERIFIED_CACHE_SIZE = 2000;
const VERIFIED_CACHE_MS = 5 * 60_000;

type KeyGetter = ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;

/** Verifies bearer tokens and turns them into principals from the user directory. */
export class Authenticator {
  private readonly keys = new Map<string, KeyGetter>();
  private readonly cache = new Map<string, { entry: DirectoryEntry | undefined; until: number }>();
  private readonly verified = new Map<string, { payload: JWTPayload; issuer: IssuerConfig; until: number }>();

  constructor(
    private readonly issuers: IssuerConfig[],
    private readonly directory: UserDirectory,
  ) {
    for (const issuer of issuers) {
      if (issuer.jwks) this.keys.set(issuer.issuer, createLocalJWKSet(issuer.jwks as JSONWebKeySet));
      else if (issuer.jwksUri) this.keys.set(issuer.issuer, createRemoteJWKSet(new URL(issuer.jwksUri)));
      else throw new Error(`Issuer ${issuer.issuer} needs jwks or jwksUri`);
    }
  }

  async authenticate(authorization: string | undefined): Promise<Principal> {
    const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (!token) {
      throw new UnauthenticatedError(
        'Sign in first: send "Authorization: Bearer <token>" with a token from Google (the Sheets add-on does this), your machine-client issuer, or, locally, one printed by npm start.',
      );
    }
    const { payload, issuer } = await this.verify(token);
    if (issuer.kind === 'machine') return this.machinePrincipal(payload);
    return this.personPrincipal(payload, issuer);
  }

  private async verify(token: string): Promise<{ payload: JWTPayload; issuer: IssuerConfig }> {
    // A token already verified needs no second signature check until it expires: the cache key
    // is the whole signed token, so a changed claim or signature is a different key.
    const known = this.verified.get(token);
    if (known && known.until > Date.now()) return known;
    const result = await this.verifySignature(token);
    const expiresAt = typeof result.payload.exp === 'number' ? result.payload.exp * 1000 : Date.now();
    if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { ...result, until: Math.min(expiresAt, Date.now() + VERIFIED_CACHE_MS) });
    return result;
  }

  private async verifySignature(token: string): Promise<{ payload: JWTPayload; issuer: IssuerConfig }> {
    let claimed: string | undefined;
    try {
      claimed = decodeJwt(token).iss;
    } catch (error) {
      throw new UnauthenticatedError(
        'The bearer token is not a readable JWT. Sign in again to get a fresh one.',
        { cause: error },
      );
    }
    const issuer = this.issuers.find((i) => i.issuer === claimed);
    if (!issuer) {
      throw new UnauthenticatedError(
        `Tokens from issuer "${claimed ?? '(none)'}" are not accepted here. Use a Google sign-in or a registered machine client.`,
      );
    }
    try {
      const { payload } = await jwtVerify(token, this.keys.get(issuer.issuer)!, {
        issuer: issuer.issuer,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_S,
        // Cognito access tokens name their client in `client_id`, not `aud`: checked below.
        ...(issuer.kind === 'machine' ? {} : { audience: issuer.audience }),
      });
      if (issuer.kind === 'machine') {
        if (payload.token_use !== 'access' || !issuer.audience.includes(String(payload.client_id))) {
          throw new UnauthenticatedError(
            'This machine token was issued for another application (client id not registered here).',
          );
        }
      }
      return { payload, issuer };
    } catch (error) {
      throw this.explain(error);
    }
  }

  private explain(error: unknown): Error {
    if (error instanceof UnauthenticatedError) return error;
    if (error instanceof joseErrors.JWTExpired) {
      return new UnauthenticatedError(
        'Your sign-in token has expired. Sign in again (in the add-on, just run the action again).',
        { cause: error },
      );
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      if (error.claim === 'nbf' || error.claim === 'iat') {
        return new UnauthenticatedError(
          'Your sign-in token is not valid yet; check the clock of the system that made it.',
          { cause: error },
        );
      }
      if (error.claim === 'aud') {
        return new UnauthenticatedError('This token was issued for another application (wrong audience).', {
          cause: error,
        });
      }
      return new UnauthenticatedError(
        `The token's "${error.claim}" claim is not acceptable: ${error.reason}.`,
        { cause: error },
      );
    }
    if (error instanceof joseErrors.JWKSNoMatchingKey) {
      return new UnauthenticatedError('The token is signed by a key this API does not know. Sign in again.', {
        cause: error,
      });
    }
    if (error instanceof joseErrors.JOSEAlgNotAllowed || error instanceof joseErrors.JOSENotSupported) {
      return new UnauthenticatedError(
        'The token is not signed with an accepted algorithm (RS256 or ES256).',
        { cause: error },
      );
    }
    if (
      error instanceof joseErrors.JWSSignatureVerificationFailed ||
      error instanceof joseErrors.JWSInvalid ||
      error instanceof joseErrors.JWTInvalid
    ) {
      return new UnauthenticatedError(
        'The token signature is not valid. Sign in again to get a fresh token.',
        { cause: error },
      );
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  private async personPrincipal(payload: JWTPayload, issuer: IssuerConfig): Promise<Principal> {
    const claim = payload[issuer.emailClaim ?? 'email'];
    const email = typeof claim === 'string' && claim.includes('@') ? claim.toLowerCase() : undefined;
    const mustBeVerified =
      issuer.requireVerifiedEmail ?? (issuer.kind === 'google' || issuer.kind === 'oidc');
    if (!email || (mustBeVerified && payload.email_verified !== true)) {
      throw new UnauthenticatedError(
        "The token does not carry a verified email address; sign in with your work account (Google or your organisation's sign-in).",
      );
    }
    const entry = await this.lookup('user', email);
    if (!entry) {
      throw new AccessDeniedError(
        `${email} is signed in but not in the Partnership Records user directory. Ask ${accessContact()} to add you, with your role and regions.`,
      );
    }
    return {
      kind: 'user',
      id: email,
      party: entry.party ?? 'ceg',
      role: entry.role,
      regionIds: entry.regionIds,
      ...(entry.councilIds ? { councilIds: entry.councilIds } : {}),
    };
  }

  private async machinePrincipal(payload: JWTPayload): Promise<Principal> {
    const clientId = String(payload.client_id);
    const entry = await this.lookup('client', clientId);
    if (!entry) {
      throw new AccessDeniedError(
        `Machine client ${clientId} is not registered in the user directory. Ask ${accessContact()} to register it with a role and regions.`,
      );
    }
    const scopes = new Set(
      String(payload.scope ?? '')
        .split(' ')
        .filter((s): s is Scope => s === 'records/read' || s === 'records/write'),
    );
    return { kind: 'client', id: clientId, role: entry.role, regionIds: entry.regionIds, scopes };
  }

  private async lookup(kind: 'user' | 'client', key: string): Promise<DirectoryEntry | undefined> {
    const cacheKey = `${kind}:${key}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.until > Date.now()) return cached.entry;
    const entry = await this.directory.find(kind, key);
    this.cache.set(cacheKey, { entry, until: Date.now() + DIRECTORY_CACHE_MS });
    return entry;
  }

  /** Forgets cached directory entries (after the directory itself is changed through the API). */
  forget(kind: 'user' | 'client', key: string): void {
    this.cache.delete(`${kind}:${kind === 'user' ? key.toLowerCase() : key}`);
  }
}
