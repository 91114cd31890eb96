import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import type { IssuerConfig } from '../functions/api/authenticate.ts';

export const DEV_ISSUER = 'https://dev-issuer.partnership-records.local';
export const DEV_AUDIENCE = 'partnership-records-local';

/**
 * The development token issuer: an RSA key pair made on this machine, so that `npm start` and
 * the tests sign in exactly as the cloud does (JWKS verification), without Google. It is never
 * enabled in the cloud: the API refuses a development issuer unless ALLOW_DEV_ISSUER=true.
 */
export class DevIssuer {
  private constructor(
    private readonly privateJwk: JWK,
    readonly publicJwk: JWK,
  ) {}

  static async create(): Promise<DevIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `dev-${Date.now().toString(36)}`;
    return new DevIssuer(
      { ...(await exportJWK(privateKey)), kid, alg: 'RS256' },
      { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    );
  }

  /** Loads the key pair kept in `file`, making one the first time, so tokens survive restarts. */
  static async loadOrCreate(file: string): Promise<DevIssuer> {
    if (existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
      return new DevIssuer(saved.privateJwk, saved.publicJwk);
    }
    const issuer = await DevIssuer.create();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ privateJwk: issuer.privateJwk, publicJwk: issuer.publicJwk }), {
      mode: 0o600,
    });
    return issuer;
  }

  config(): IssuerConfig {
    return {
      kind: 'development',
      issuer: DEV_ISSUER,
      audience: [DEV_AUDIENCE],
      jwks: { keys: [this.publicJwk as Record<string, unknown>] },
    };
  }

  /** A signed ID-token-like JWT for a person, as Google would issue for the add-on. */
  async mint(
    email: string,
    options: {
      expiresIn?: string | number;
      notBefore?: string | number;
      audience?: string;
      issuer?: string;
    } = {},
  ): Promise<string> {
    const key = await importJWK(this.privateJwk, 'RS256');
    let jwt = new SignJWT({ email, email_verified: true })
      .setProtectedHeader({ alg: 'RS256', kid: this.privateJwk.kid })
      .setIssuer(options.issuer ?? DEV_ISSUER)
      .setAudience(options.audience ?? DEV_AUDIENCE)
      .setSubject(email)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '12h');
    if (options.notBefore !== undefined) jwt = jwt.setNotBefore(options.notBefore);
    return jwt.sign(key);
  }

  /** A signed access token for a machine client, shaped like Cognito's client-credentials tokens. */
  async mintMachine(
    clientId: string,
    options: { issuer?: string; scope?: string; tokenUse?: string } = {},
  ): Promise<string> {
    const key = await importJWK(this.privateJwk, 'RS256');
    return new SignJWT({
      client_id: clientId,
      token_use: options.tokenUse ?? 'access',
      scope: options.scope ?? 'records/read records/write',
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.privateJwk.kid })
      .setIssuer(options.issuer ?? DEV_ISSUER)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
  }
}
