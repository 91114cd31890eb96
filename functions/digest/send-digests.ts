import { runPool } from '../aggregate/task-pool.ts';
import type { Mailer } from '../mail/outgoing-email.ts';
import { composeDigest, type DigestMemberLinks, type DigestPages } from './digest-email.ts';
import type { DigestDecision } from './digest-preview-view.ts';
import type { DigestMember } from './digest-world.ts';
import { type DigestContent, planDigests } from './planner.ts';
import {
  type DigestRecipient,
  type DigestSentLog,
  type DigestSource,
  type DigestUnsubscribes,
  recipientKey,
} from './ports.ts';

/** Signs the links that are the member's own: unsubscribe, web version, group calendar. */
export interface DigestLinkSigner {
  /** `ownedActionIds`: the group's open actions this member owns (each gets the owner's signed link). */
  memberLinks(
    recipient: DigestRecipient,
    periodStart: string,
    now: Date,
    ownedActionIds: readonly string[],
  ): Promise<DigestMemberLinks>;
}

export interface DigestDependencies {
  source: DigestSource;
  sentLog: DigestSentLog;
  unsubscribes: DigestUnsubscribes;
  mailer: Mailer;
  links: DigestLinkSigner;
  pages: DigestPages;
  now?: () => Date;
  /** Emails in flight at once. */
  concurrency?: number;
}

export interface DigestRunSummary {
  day: string;
  groups: number;
  /** Members whose digest was due and had something new. */
  planned: number;
  sent: number;
  /** Claimed by an earlier run (a rerun, a retry): not sent again. */
  alreadySent: number;
  /** Decisions by kind, for the log and the CLI. */
  decisions: Record<DigestDecision, number>;
  failed: { email: string; groupId: string; reason: string }[];
}

/**
 * The digest run: reads the records once, plans every group's digests (planner.ts), then for each
 * member due one claims the period in the sent log (a conditional write) before the transport is
 * called. A second run in the same period, or a retried invocation, finds the claim and sends
 * nothing; a transport failure gives the claim back, so the retry sends that one digest.
 */
export async function sendDigests(deps: DigestDependencies, day: string): Promise<DigestRunSummary> {
  const now = deps.now ?? (() => new Date());
  // Read before the records, so a record saved while the run reads is in the next digest.
  const readAt = now().toISOString();
  const world = await deps.source.load(day);
  const recipients = world.members
    .filter((m) => m.consenting)
    .map((m) => ({ groupId: m.groupId, email: m.email }));
  const [last, unsubscribed] = await Promise.all([
    deps.sentLog.lastDigests(recipients),
    deps.unsubscribes.unsubscribed(recipients),
  ]);
  const plans = planDigests(world, day, {
    lastDigest: (groupId, email) => last.get(recipientKey({ groupId, email })),
    unsubscribed: (groupId, email) => unsubscribed.get(recipientKey({ groupId, email })),
  });
  const regionName = (id: string) => world.regions.get(id)?.name ?? id;
  const summary: DigestRunSummary = {
    day,
    groups: plans.length,
    planned: 0,
    sent: 0,
    alreadySent: 0,
    decisions: {
      send: 0,
      'no-consent': 0,
      'consent-withdrawn': 0,
      unsubscribed: 0,
      'already-sent': 0,
      'nothing-new': 0,
      'no-authoriser': 0,
    },
    failed: [],
  };
  const tasks: (() => Promise<void>)[] = [];
  for (const plan of plans) {
    for (const { member, decision, content } of plan.members) {
      summary.decisions[decision]++;
      if (decision !== 'send' || !content) continue;
      summary.planned++;
      tasks.push(async () => {
        try {
          const outcome = await sendOne(deps, member, content, regionName, now, readAt);
          if (outcome === 'sent') summary.sent++;
          else summary.alreadySent++;
        } catch (error) {
          summary.failed.push({
            email: member.email,
            groupId: member.groupId,
            reason: (error as Error).message ?? String(error),
          });
        }
      });
    }
  }
  await runPool(tasks, deps.concurrency ?? 8);
  summary.failed.sort((a, b) => a.groupId.localeCompare(b.groupId) || a.email.localeCompare(b.email));
  return summary;
}

async function sendOne(
  deps: DigestDependencies,
  member: DigestMember,
  content: DigestContent,
  regionName: (id: string) => string,
  now: () => Date,
  readAt: string,
): Promise<'sent' | 'already-sent'> {
  const recipient = { groupId: member.groupId, email: member.email };
  const periodStart = content.period.start;
  if (!(await deps.sentLog.claim(recipient, periodStart, now().toISOString()))) return 'already-sent';
  let messageId: string;
  let composed: ReturnType<typeof composeDigest>;
  try {
    const owned = content.actions
      .filter(({ action }) => action.ownerEmail?.toLowerCase() === member.email)
      .map(({ action }) => action.id);
    const links = await deps.links.memberLinks(recipient, periodStart, now(), owned);
    composed = composeDigest(content, member, deps.pages, links, regionName);
    ({ messageId } = await deps.mailer.send({
      to: member.email,
      subject: composed.subject,
      text: composed.text,
      html: composed.html,
      kind: 'digest',
      settingsUrl: links.unsubscribe,
      fromName: `${content.group.name} via Partnership Records`,
      replyTo: content.authoriser.email,
    }));
  } catch (error) {
    await deps.sentLog.release(recipient, periodStart);
    throw error;
  }
  await deps.sentLog.markSent(recipient, periodStart, messageId, {
    subject: composed.subject,
    html: composed.html,
    text: composed.text,
    sentAt: now().toISOString(),
    coveredUntil: readAt,
    groupName: content.group.name,
    periodLabel: content.period.label,
  });
  return 'sent';
}
