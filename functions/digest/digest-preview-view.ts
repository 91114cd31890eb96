/**
 * The digest preview's shape, shared by the API (functions/digest/preview.ts, its route's
 * schema) and the Sheets add-on's preview dialog. Types and constants only, so the add-on's
 * compile reaches nothing else.
 */

/** Why a member gets this period's digest, or why not: the preview shows staff each one. */
export const DIGEST_DECISIONS = [
  'send',
  'no-consent',
  'consent-withdrawn',
  'unsubscribed',
  'already-sent',
  'nothing-new',
  'no-authoriser',
] as const;

export type DigestDecision = (typeof DIGEST_DECISIONS)[number];

export interface DigestPreview {
  groupId: string;
  groupName: string;
  period: { start: string; end: string; label: string; frequency: string };
  authoriser?: { name: string; role: string; email: string };
  /** Every membership with an address, and what the next run does for it. */
  recipients: {
    email: string;
    name?: string;
    organisation?: string;
    decision: DigestDecision;
    newItems?: number;
  }[];
  /** What the first member who gets one would read (their own links shown as placeholders). */
  sample?: { to: string; subject: string; text: string; html: string };
}
