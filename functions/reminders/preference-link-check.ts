import { errors, jwtVerify } from 'jose';

/** How long a link in an email keeps working: long enough for a holiday, short enough to age out. */
export const PREFERENCE_LINK_DAYS = 60;

/** What a preferences token is for and who issued it; the signer writes them, the check insists on them. */
export const PREFERENCE_LINK_PURPOSE = 'reminder-preferences';
export const PREFERENCE_LINK_ISSUER = 'partnership-records';

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
 * Checks the signed, expiring token in a reminder email's preferences link (HS256 with a secret
 * only the API and the reminders job know). The API only checks links, so it takes this class and
 * not PreferenceLinks, whose signing code (jose's SignJWT, about 3 KB) would otherwise be in its
 * bundle.
 */
export class PreferenceLinkCheck {
  private key?: Promise<Uint8Array>;

  /**
   * @param secret the signing secret, or how to fetch it (from Secrets Manager in the cloud, on
   *   first use, so the API's cold start does not wait for it)
   */
  constructor(private readonly secret: string | (() => Promise<string>)) {}

  protected signingKey(): Promise<Uint8Array> {
    this.key ??= (async () => {
      const secret = typeof this.secret === 'string' ? this.secret : await this.secret();
      if (secret.length < 32) {
        throw new Error('The reminder link secret must be at least 32 characters (REMINDER_LINK_SECRET).');
      }
      return new TextEncoder().encode(secret);
    })();
    return this.key;
  }

  /** The email a token was made for, or a BadPreferenceLinkError that says what is wrong. */
  async verify(token: string, now = new Date()): Promise<string> {
    const key = await this.signingKey();
    try {
      const { payload } = await jwtVerify(token, key, {
        issuer: PREFERENCE_LINK_ISSUER,
        algorithms: ['HS256'],
        currentDate: now,
      });
      if (payload.purpose !== PREFERENCE_LINK_PURPOSE || typeof payload.sub !== 'string') {
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
