import { AccessDeniedError, NotFoundError } from '../domain/errors.ts';
import { type Principal, partyOf, requireRead } from '../domain/principal.ts';
import type { RecordRepository } from '../domain/record-repository.ts';
import { lecGroup } from '../records/types/lec-group.ts';
import { composeDigest, type DigestPages } from './digest-email.ts';
import type { DigestPreview } from './digest-preview-view.ts';
import { planDigests } from './planner.ts';
import { type DigestSentLog, type DigestSource, type DigestUnsubscribes, recipientKey } from './ports.ts';

export interface DigestPreviewDependencies {
  store: Pick<RecordRepository, 'get'>;
  source: DigestSource;
  sentLog: DigestSentLog;
  unsubscribes: DigestUnsubscribes;
  pages: DigestPages;
}

const PLACEHOLDER = 'https://example.invalid/your-own-signed-link';

/**
 * What a group's next digest run would do and say, for staff before it goes: CEG people who may
 * read the group's region (a refusal that depends on who asks comes before any look-up of members).
 */
export async function previewDigest(
  deps: DigestPreviewDependencies,
  principal: Principal,
  groupId: string,
  today: string,
): Promise<DigestPreview> {
  if (principal.kind !== 'user' || partyOf(principal) !== 'ceg') {
    throw new AccessDeniedError(
      'The digest preview is for CEG staff: the digest goes to LEC members on behalf of the group and CEG.',
    );
  }
  const group = await deps.store.get(lecGroup.type, groupId);
  if (!group || group.deletedAt) throw new NotFoundError(`There is no LEC group "${groupId}".`);
  requireRead(principal, lecGroup, group.regionId);
  const world = await deps.source.load(today);
  const one = { ...world, groups: world.groups.filter((g) => g.id === groupId) };
  const recipients = one.members
    .filter((m) => m.groupId === groupId && m.consenting)
    .map((m) => ({ groupId, email: m.email }));
  const [last, unsubscribed] = await Promise.all([
    deps.sentLog.lastDigests(recipients),
    deps.unsubscribes.unsubscribed(recipients),
  ]);
  const [plan] = planDigests(one, today, {
    lastDigest: (g, email) => last.get(recipientKey({ groupId: g, email })),
    unsubscribed: (g, email) => unsubscribed.get(recipientKey({ groupId: g, email })),
  });
  if (!plan) throw new NotFoundError(`There is no LEC group "${groupId}".`);
  const first = plan.members.find((m) => m.decision === 'send') ?? plan.members.find((m) => m.content);
  const sample = first?.content
    ? composeDigest(
        first.content,
        first.member,
        deps.pages,
        {
          unsubscribe: PLACEHOLDER,
          webVersion: PLACEHOLDER,
          groupCalendar: PLACEHOLDER,
          ownActions: new Map(),
        },
        (id) => world.regions.get(id)?.name ?? id,
      )
    : undefined;
  return {
    groupId,
    groupName: plan.group.name,
    period: {
      start: plan.period.start,
      end: plan.period.end,
      label: plan.period.label,
      frequency: plan.period.frequency,
    },
    authoriser: plan.authoriser,
    recipients: plan.members.map((m) => ({
      email: m.member.email,
      name: m.member.name,
      organisation: m.member.organisationName,
      decision: m.decision,
      ...(m.content ? { newItems: m.content.newCount } : {}),
    })),
    ...(sample && first
      ? { sample: { to: first.member.email, subject: sample.subject, text: sample.text, html: sample.html } }
      : {}),
  };
}
