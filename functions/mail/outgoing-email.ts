import type { EmailKind } from '../links/email-kinds.ts';

/** An email ready for any transport: SES in the cloud, SMTP locally. */
export interface OutgoingEmail {
  to: string;
  /** Which kind of email this is: the kind its one-click unsubscribe turns off. */
  kind: EmailKind;
  subject: string;
  text: string;
  /** A whole HTML document, with a <title>. */
  html: string;
  /**
   * The person's settings page for this kind (SitePages.settings): linked in the footer and sent as
   * `List-Unsubscribe`, where a one-click POST turns the kind off and a GET only shows the settings.
   */
  settingsUrl: string;
  /** The sender's display name for this email ("Buller LEC Group via Partnership Records"); the address stays the verified one. */
  fromName?: string;
  /** Where replies go: who authorised the email (a digest's co-ordinator or regional team). */
  replyTo?: string;
}

/** "Name <address>" or a bare address → the address. */
export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1]?.trim() ?? from.trim();
}

/** The From header: the email's own display name when it has one, on the transport's verified address. */
export function fromHeader(email: OutgoingEmail, defaultFrom: string): string {
  if (!email.fromName) return defaultFrom;
  const name = email.fromName.replace(/["\\\r\n]/g, '');
  return `"${name}" <${addressOf(defaultFrom)}>`;
}

/** Delivers one email; resolves with the transport's message id. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The RFC 8058 headers every email carries, the same for every transport. Each is one line:
 * folding `List-Unsubscribe` has broken DKIM signatures in mail libraries, so the transports
 * write these values as they are (a test reads them back from the SMTP server).
 */
export function unsubscribeHeaders(email: OutgoingEmail): { name: string; value: string }[] {
  const url = new URL(email.settingsUrl);
  // RFC 8058 asks for https; plain http is only for the local inbox on this machine.
  if (url.protocol !== 'https:' && !LOOPBACK.has(url.hostname)) {
    throw new Error(`An unsubscribe address must be https: ${email.settingsUrl}`);
  }
  return [
    { name: 'List-Unsubscribe', value: `<${email.settingsUrl}>` },
    { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
  ];
}
