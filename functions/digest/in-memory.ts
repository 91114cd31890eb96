import type { LastDigest } from './planner.ts';
import {
  type DigestRecipient,
  type DigestSentLog,
  type DigestUnsubscribes,
  recipientKey,
  type SentDigest,
} from './ports.ts';

/** The digests' sent log in memory, with the same claim-once rule as the DynamoDB one (offline tests, benchmark). */
export class InMemoryDigestSentLog implements DigestSentLog {
  private readonly markers = new Map<string, { state: 'claimed' | 'sent'; sent?: SentDigest }>();
  private readonly last = new Map<string, LastDigest>();
  /** How many reads the job made: the benchmark checks they are batched. */
  reads = 0;

  async lastDigests(recipients: readonly DigestRecipient[]): Promise<Map<string, LastDigest>> {
    this.reads += Math.ceil(recipients.length / 100);
    const found = new Map<string, LastDigest>();
    for (const r of recipients) {
      const last = this.last.get(recipientKey(r));
      if (last) found.set(recipientKey(r), { ...last });
    }
    return found;
  }

  async claim(recipient: DigestRecipient, periodStart: string): Promise<boolean> {
    const key = `${recipientKey(recipient)} ${periodStart}`;
    if (this.markers.has(key)) return false;
    this.markers.set(key, { state: 'claimed' });
    return true;
  }

  async markSent(
    recipient: DigestRecipient,
    periodStart: string,
    _id: string,
    sent: SentDigest,
  ): Promise<void> {
    this.markers.set(`${recipientKey(recipient)} ${periodStart}`, { state: 'sent', sent });
    const previous = this.last.get(recipientKey(recipient));
    if (!previous || previous.periodStart <= periodStart) {
      this.last.set(recipientKey(recipient), { periodStart, coveredUntil: sent.coveredUntil });
    }
  }

  async release(recipient: DigestRecipient, periodStart: string): Promise<void> {
    const key = `${recipientKey(recipient)} ${periodStart}`;
    if (this.markers.get(key)?.state === 'claimed') this.markers.delete(key);
  }

  async sentDigest(recipient: DigestRecipient, periodStart: string): Promise<SentDigest | undefined> {
    return this.markers.get(`${recipientKey(recipient)} ${periodStart}`)?.sent;
  }
}

/** Unsubscribes in memory (offline tests, benchmark). */
export class InMemoryDigestUnsubscribes implements DigestUnsubscribes {
  readonly keys = new Map<string, string>();

  add(recipient: DigestRecipient, at = new Date().toISOString()): void {
    this.keys.set(recipientKey(recipient), at);
  }

  async unsubscribe(email: string, groupId: string): Promise<void> {
    this.add({ groupId, email });
  }

  async isUnsubscribed(email: string, groupId: string): Promise<boolean> {
    return this.keys.has(recipientKey({ groupId, email }));
  }

  async unsubscribed(recipients: readonly DigestRecipient[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const key of recipients.map(recipientKey)) {
      const at = this.keys.get(key);
      if (at) found.set(key, at);
    }
    return found;
  }
}
