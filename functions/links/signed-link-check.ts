import { errors, jwtVerify } from 'jose';
import { type EmailKind, isEmailKind } from './email-kinds.ts';

/**
 * How long a settings link keeps working: long enough for a holiday, and past the 30 days the
 * Unsolicited Electronic Messages Act asks an unsubscribe facility to keep working.
 */
export const SETTINGS_LINK_DAYS = 60;
/** How long an action link keeps working: a reminder is about something due within days. */
export const ACTION_LINK_DAYS = 30;

/**
 * How long a digest's web version and a member's group calendar link keep working: a calendar
 * subscription lasts, and each digest brings a fresh link (the sent log keeps digests 400 days).
 */
export const GROUP_LINK_DAYS = 400;

/** What each token is for; the signer writes it, the check insists on it. */
export const LINK_PURPOSES = {
  settings: 'reminder-preferences',
  action: 'action-owner',
  digestWeb: 'digest-web-version',
  groupCalendar: 'group-calendar',
} as const;
export const LINK_ISSUER = 'partnership-records';

/** Raised for a link that is forged, altered, for something else, or too old; the message says what to do. */
export class BadLinkError extends Error {
  constructor(
    message: string,
    readonly expired = false,
  ) {
    super(message);
    this.name = 'BadLinkError';
  }
}

/** Who a settings link is for, and which kind of email it came in (the kind one click turns off). */
export interface SettingsLink {
  email: string;
  kind: EmailKind;
  /** What the link was signed for within the kind: a digest's LEC group. */
  scope?: string;
}

/** A member's link to one LEC group's digest web version (of one period) or calendar. */
export interface GroupLink {
  email: string;
  groupId: string;
  period?: string;
}

/** Who an action link is for, and the one action it may read and change. */
export interface ActionLink {
  email: string;
  actionId: string;
}

const WORDS = {
  settings: {
    what: 'reminder settings link',
    old: `This reminder settings link is more than ${SETTINGS_LINK_DAYS} days old. Use the link in your latest reminder email, or change your settings in the add-on.`,
    broken:
      'This reminder settings link is not valid: it may have been cut short when copied. Use the whole link from your latest reminder email.',
  },
  digestWeb: {
    what: 'link to a digest',
    old: `This link to a digest is more than ${GROUP_LINK_DAYS} days old: digests are kept about a year.`,
    broken:
      'This link to a digest is not valid: it may have been cut short when copied. Use the whole link from the digest email.',
  },
  groupCalendar: {
    what: 'group calendar link',
    old: `This group calendar link is more than ${GROUP_LINK_DAYS} days old. Subscribe again with the link in your latest digest.`,
    broken:
      'This group calendar link is not valid: it may have been cut short when copied. Use the whole link from your latest digest.',
  },
  action: {
    what: 'link to an action',
    old: `This link to your action is more than ${ACTION_LINK_DAYS} days old. Use the link in your latest reminder email, or ask your LEC group's co-ordinator to update the action.`,
    broken:
      'This link to an action is not valid: it may have been cut short when copied. Use the whole link from your latest reminder email.',
  },
} as const;

/**
 * Checks the signed, expiring tokens in email links (HS256 with a secret only the API and the
 * jobs that send email know): one mechanism for every link that works without signing in. The
 * API only checks links, so it takes this class and not SignedLinks, whose signing code (jose's
 * SignJWT, about 3 KB) would otherwise be in its bundle.
 */
export class SignedLinkCheck {
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

  private async payload(token: string, purpose: keyof typeof LINK_PURPOSES, now: Date) {
    const key = await this.signingKey();
    const words = WORDS[purpose];
    try {
      const { payload } = await jwtVerify(token, key, {
        issuer: LINK_ISSUER,
        algorithms: ['HS256'],
        currentDate: now,
      });
      if (payload.purpose !== LINK_PURPOSES[purpose] || typeof payload.sub !== 'string') {
        throw new BadLinkError(`This link is not a ${words.what}.`);
      }
      return payload as typeof payload & { sub: string };
    } catch (error) {
      if (error instanceof BadLinkError) throw error;
      if (error instanceof errors.JWTExpired) throw new BadLinkError(words.old, true);
      throw new BadLinkError(words.broken);
    }
  }

  /** The person (and kind of email) a settings link was made for, or a BadLinkError that says what is wrong. */
  async verifySettings(token: string, now = new Date()): Promise<SettingsLink> {
    const payload = await this.payload(token, 'settings', now);
    // Links made before emails had kinds were all reminder emails.
    const kind = payload.kind ?? 'reminders';
    if (!isEmailKind(kind)) throw new BadLinkError(WORDS.settings.broken);
    if (kind === 'digest' && typeof payload.scope !== 'string') throw new BadLinkError(WORDS.settings.broken);
    return {
      email: payload.sub,
      kind,
      ...(typeof payload.scope === 'string' ? { scope: payload.scope } : {}),
    };
  }

  /** The member and LEC group of a digest web version or group calendar link. */
  async verifyGroup(
    token: string,
    purpose: 'digestWeb' | 'groupCalendar',
    now = new Date(),
  ): Promise<GroupLink> {
    const payload = await this.payload(token, purpose, now);
    if (typeof payload.group !== 'string') throw new BadLinkError(WORDS[purpose].broken);
    return {
      email: payload.sub,
      groupId: payload.group,
      ...(typeof payload.period === 'string' ? { period: payload.period } : {}),
    };
  }

  /** The person and the one action an action link was made for. */
  async verifyAction(token: string, now = new Date()): Promise<ActionLink> {
    const payload = await this.payload(token, 'action', now);
    if (typeof payload.action !== 'string') throw new BadLinkError(WORDS.action.broken);
    return { email: payload.sub, actionId: payload.action };
  }
}
