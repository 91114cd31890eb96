import { errors, jwtVerify, SignJWT } from 'jose';

/** How long a link in an email keeps working: long enough for a holiday, short enough to age out. */
const PREFERENCE_LINK_DAYS = 60;

const PURPOSE = 'reminder-preferences';
const ISSUER = 'partnership-records';

/** Raised for a preferences link that is forged, altered, for something else, or too old. */
export class BadPreferenceLinkError extends Error {
  constructor(
    message: string,
    readonly expired = false,
  ) {
    super(message);
    this.name = 'BadPreferenceLinkError';
  }
}

/**
 * Signed, expiring tokens for the preferences link in every email: whoever holds the link may
 * change that one person's reminder settings, and nothing else, without signing in. HS256 with a
 * secret only the API and the reminders job know.
 */
export class PreferenceLinks {
  private key?: Promise<Uint8Array>;

  /**
   * @param secret the signing secret, or how to fetch it (from Secrets Manager in the cloud, on
   *   first use, so the API's cold start does not wait for it)
   * @param pageUrl the preferences page, like https://api.example.nz/reminders/preferences
   */
  constructor(
    private readonly secret: string | (() => Promise<string>),
    readonly pageUrl: string,
  ) {}

  private signingKey(): Promise<Uint8Array> {
    this.key ??= (async () => {
      const secret = typeof this.secret === 'string' ? this.secret : await this.secret();
      if (secret.length < 32) {
        throw new Error('The reminder link secret must be at least 32 characters (REMINDER_LINK_SECRET).');
      }
      return new TextEncoder().encode(secret);
    })();
    return this.key;
  }

  async token(email: string, now = new Date()): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({ purpose: PURPOSE })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(email.toLowerCase())
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + PREFERENCE_LINK_DAYS * 86_400)
      .sign(await this.signingKey());
  }

  /** The page link for a person: the preferences page with their token. */
  async url(email: string, now = new Date()): Promise<string> {
    return `${this.pageUrl}?token=${encodeURIComponent(await this.token(email, now))}`;
  }

  /** The email a token was made for, or a BadPreferenceLinkError that says what is wrong. */
  async verify(token: string, now = new Date()): Promise<string> {
    const key = await this.signingKey();
    try {
      const { payload } = await jwtVerify(token, key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: now,
      });
      if (payload.purpose !== PURPOSE || typeof payload.sub !== 'string') {
        throw new BadPreferenceLinkError('This link is not a reminder settings link.');
      }
      return payload.sub;
    } catch (error) {
      if (error instanceof BadPreferenceLinkError) throw error;
      if (error instanceof errors.JWTExpired) {
        throw new BadPreferenceLinkError(
          `This reminder settings link is more than ${PREFERENCE_LINK_DAYS} days old. Use the link in your latest reminder email, or change your settings in the add-on.`,
          true,
        );
      }
      throw new BadPreferenceLinkError(
        'This reminder settings link is not valid: it may have been cut short when copied. Use the whole link from your latest reminder email.',
      );
    }
  }
}
