import { SignJWT } from 'jose';
import type { EmailKind } from './email-kinds.ts';
import {
  ACTION_LINK_DAYS,
  GROUP_LINK_DAYS,
  LINK_ISSUER,
  LINK_PURPOSES,
  SETTINGS_LINK_DAYS,
  SignedLinkCheck,
} from './signed-link-check.ts';

/**
 * Signs the tokens of links that work without signing in: whoever holds one may do what it names
 * for that one person (change their email settings, or update the one action they own) and
 * nothing else. The jobs that send email make them; anyone holding this can check them too.
 */
export class SignedLinks extends SignedLinkCheck {
  private async sign(claims: Record<string, string>, email: string, days: number, now: Date) {
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(email.toLowerCase())
      .setIssuer(LINK_ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + days * 86_400)
      .sign(await this.signingKey());
  }

  /**
   * A person's settings token for one kind of email (its one-click unsubscribe turns that kind
   * off); `scope` narrows it within the kind (the LEC group of a digest).
   */
  settingsToken(email: string, kind: EmailKind, now = new Date(), scope?: string): Promise<string> {
    return this.sign(
      { purpose: LINK_PURPOSES.settings, kind, ...(scope ? { scope } : {}) },
      email,
      SETTINGS_LINK_DAYS,
      now,
    );
  }

  /** A member's token for one thing of one LEC group: a digest's web version, or the group's calendar. */
  groupToken(
    email: string,
    purpose: 'digestWeb' | 'groupCalendar',
    groupId: string,
    now = new Date(),
    period?: string,
  ): Promise<string> {
    return this.sign(
      { purpose: LINK_PURPOSES[purpose], group: groupId, ...(period ? { period } : {}) },
      email,
      GROUP_LINK_DAYS,
      now,
    );
  }

  /** The owner's token for one action. */
  actionToken(email: string, actionId: string, now = new Date()): Promise<string> {
    return this.sign({ purpose: LINK_PURPOSES.action, action: actionId }, email, ACTION_LINK_DAYS, now);
  }
}
