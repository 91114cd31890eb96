import type { DigestWorld } from './digest-world.ts';
import type { LastDigest } from './planner.ts';

/** Where the digest job reads the records it plans from: once per run, never per member. */
export interface DigestSource {
  load(today: string): Promise<DigestWorld>;
}

/** A member and group: the unit the sent log, the unsubscribe and every signed link name. */
export interface DigestRecipient {
  groupId: string;
  /** Lower case. */
  email: string;
}

/** The digest as it went out, kept for the member to reopen from its web version link. */
export interface SentDigest {
  subject: string;
  html: string;
  text: string;
  sentAt: string;
  /** When the records it tells of were read: the next digest tells what is new since then. */
  coveredUntil: string;
  groupName: string;
  periodLabel: string;
}

/**
 * The digests' sent log: one marker per member, group and period, claimed with a conditional
 * write before the email is handed over (a second run or a retry cannot claim it again), and
 * each member's last digest of a group, the "since" point of the next one.
 */
export interface DigestSentLog {
  /** Last digests of many members at once (batched reads): keyed by `recipientKey`. */
  lastDigests(recipients: readonly DigestRecipient[]): Promise<Map<string, LastDigest>>;
  /** Claims the period's digest; false when a run already claimed it. */
  claim(recipient: DigestRecipient, periodStart: string, at: string): Promise<boolean>;
  /** Records the transport's id, keeps the web version and moves the member's "last digest". */
  markSent(
    recipient: DigestRecipient,
    periodStart: string,
    messageId: string,
    sent: SentDigest,
  ): Promise<void>;
  /** Gives the claim back after the transport refused, so a later run may try again. */
  release(recipient: DigestRecipient, periodStart: string): Promise<void>;
  /** The digest kept for its web version, if it went out. */
  sentDigest(recipient: DigestRecipient, periodStart: string): Promise<SentDigest | undefined>;
}

/** Who unsubscribed from which group's digest (the one-click link), read once per run: key → when. */
export interface DigestUnsubscribes {
  unsubscribed(recipients: readonly DigestRecipient[]): Promise<Map<string, string>>;
}

/** "groupId email": the key of a member's digest of one group in maps and sets. */
export function recipientKey(recipient: DigestRecipient): string {
  return `${recipient.groupId} ${recipient.email.toLowerCase()}`;
}
