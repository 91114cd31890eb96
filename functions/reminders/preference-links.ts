import { SignJWT } from 'jose';
import {
  PREFERENCE_LINK_DAYS,
  PREFERENCE_LINK_ISSUER,
  PREFERENCE_LINK_PURPOSE,
  PreferenceLinkCheck,
} from './preference-link-check.ts';

/**
 * Signed, expiring tokens for the preferences link in every email: whoever holds the link may
 * change that one person's reminder settings, and nothing else, without signing in. The reminders
 * job makes them; anyone holding this can check them too.
 */
export class PreferenceLinks extends PreferenceLinkCheck {
  /**
   * @param secret the signing secret, or how to fetch it (see PreferenceLinkCheck)
   * @param pageUrl the preferences page, like https://api.example.nz/reminders/preferences
   */
  constructor(
    secret: string | (() => Promise<string>),
    readonly pageUrl: string,
  ) {
    super(secret);
  }

  async token(email: string, now = new Date()): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({ purpose: PREFERENCE_LINK_PURPOSE })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(email.toLowerCase())
      .setIssuer(PREFERENCE_LINK_ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + PREFERENCE_LINK_DAYS * 86_400)
      .sign(await this.signingKey());
  }

  /** The page link for a person: the preferences page with their token. */
  async url(email: string, now = new Date()): Promise<string> {
    return `${this.pageUrl}?token=${encodeURIComponent(await this.token(email, now))}`;
  }
}
