import { addDays } from '../aggregate/calendar.ts';
import { newZealandDate } from '../domain/new-zealand-day.ts';
import type { DigestDecision } from './digest-preview-view.ts';
import type {
  DigestAction,
  DigestEvent,
  DigestGroup,
  DigestMember,
  DigestRegion,
  DigestWorld,
  KnowledgeItem,
  RegionFigures,
} from './digest-world.ts';
import { type DigestPeriod, digestPeriod, newZealandMidnight } from './periods.ts';

/** Events are announced this many days ahead. */
export const EVENT_WINDOW_DAYS = 42;
/** At most this many knowledge items in one digest, newest first; the rest are counted. */
export const MAX_KNOWLEDGE_ITEMS = 12;

/** What a member's last digest of a group was: the sent log's answer. */
export interface LastDigest {
  periodStart: string;
  /** When the records it told of were read: the next digest tells what is new since. */
  coveredUntil: string;
}

export interface Authoriser {
  name: string;
  /** "co-ordinator of Buller and Grey LEC Group", "the CEG regional team for West Coast". */
  role: string;
  email: string;
}

/** Everything one member's digest says. Items are marked new when they arrived since `since`. */
export interface DigestContent {
  group: DigestGroup;
  region: DigestRegion;
  period: DigestPeriod;
  /** ISO timestamp: the member's last digest, or the start of the period before this one. */
  since: string;
  today: string;
  authoriser: Authoriser;
  knowledge: KnowledgeItem[];
  /** New knowledge items not shown (beyond MAX_KNOWLEDGE_ITEMS). */
  moreKnowledge: number;
  figures: RegionFigures & { profileIsNew: boolean };
  events: { event: DigestEvent; isNew: boolean }[];
  actions: { action: DigestAction; isNew: boolean }[];
  /** How many things are new: zero means no email. */
  newCount: number;
}

export interface MemberDecision {
  member: DigestMember;
  decision: DigestDecision;
  /** Present when the decision is `send` (and for `nothing-new`, to preview what it would say). */
  content?: DigestContent;
}

export interface GroupDigestPlan {
  group: DigestGroup;
  period: DigestPeriod;
  authoriser?: Authoriser;
  members: MemberDecision[];
}

export interface DigestPlanInputs {
  /** The member's last digest of the group, from the sent log. */
  lastDigest: (groupId: string, email: string) => LastDigest | undefined;
  /** When the person unsubscribed from this group's digest (the one-click link), if they did. */
  unsubscribed: (groupId: string, email: string) => string | undefined;
}

/** The co-ordinator when the group names one with an address, else the CEG regional team. */
export function authoriserOf(group: DigestGroup, region: DigestRegion): Authoriser | undefined {
  if (group.coordinatorName && group.coordinatorEmail) {
    return {
      name: group.coordinatorName,
      role: `co-ordinator of ${group.name}`,
      email: group.coordinatorEmail,
    };
  }
  if (region.teamEmail) {
    return {
      name: `CEG ${region.name} regional team`,
      role: `the Community Employment Group's regional team for ${region.name}`,
      email: region.teamEmail,
    };
  }
  return undefined;
}

function eventEnd(event: DigestEvent): string {
  return event.endsOn ?? event.heldOn;
}

function byWhen(a: DigestEvent, b: DigestEvent): number {
  return (
    a.heldOn.localeCompare(b.heldOn) ||
    (a.startsAt ?? '').localeCompare(b.startsAt ?? '') ||
    a.title.localeCompare(b.title)
  );
}

/** What one group's digests share, worked out once per group whatever its number of members. */
interface GroupShare {
  group: DigestGroup;
  region: DigestRegion;
  period: DigestPeriod;
  authoriser?: Authoriser;
  /** The region's public events and the group's own, overlapping the next six weeks. */
  events: DigestEvent[];
  actions: DigestAction[];
  figures: RegionFigures;
}

function shareOf(world: DigestWorld, group: DigestGroup, today: string): GroupShare {
  const region = world.regions.get(group.regionId) ?? { id: group.regionId, name: group.regionId };
  const horizon = addDays(today, EVENT_WINDOW_DAYS);
  const events = world.events
    .filter(
      (e) =>
        e.regionId === group.regionId &&
        (e.openToPublic || e.lecGroupId === group.id) &&
        eventEnd(e) >= today &&
        e.heldOn <= horizon,
    )
    .sort(byWhen);
  const actions = world.actions
    .filter((a) => a.groupId === group.id && (a.status === 'open' || a.status === 'in-progress'))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.title.localeCompare(b.title));
  return {
    group,
    region,
    period: digestPeriod(group.frequency, today),
    authoriser: authoriserOf(group, region),
    events,
    actions,
    figures: world.figures.get(group.regionId) ?? {},
  };
}

/** The knowledge base, newest first, once per run: each member's "since" cuts it. */
function newestFirst(items: readonly KnowledgeItem[]): KnowledgeItem[] {
  return [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

function contentFor(
  share: GroupShare,
  knowledge: KnowledgeItem[],
  since: string,
  today: string,
  authoriser: Authoriser,
): DigestContent {
  const sinceDay = newZealandDate(new Date(since));
  const fresh = [];
  for (const item of knowledge) {
    if (item.createdAt <= since) break;
    fresh.push(item);
  }
  const events = share.events
    // A cancelled event is told once, when it changed; after that it is left out.
    .filter(({ cancelled, updatedAt }) => !cancelled || updatedAt > since)
    .map((event) => ({
      event,
      // New or changed since, or it has come into the six weeks since the last digest.
      isNew: event.updatedAt > since || event.heldOn > addDays(sinceDay, EVENT_WINDOW_DAYS),
    }));
  const actions = share.actions.map((action) => ({ action, isNew: action.updatedAt > since }));
  const profile = share.figures.profile;
  const profileIsNew = profile !== undefined && profile.updatedAt > since;
  const newCount =
    fresh.length +
    events.filter((e) => e.isNew).length +
    actions.filter((a) => a.isNew).length +
    (profileIsNew ? 1 : 0);
  return {
    group: share.group,
    region: share.region,
    period: share.period,
    since,
    today,
    authoriser,
    knowledge: fresh.slice(0, MAX_KNOWLEDGE_ITEMS),
    moreKnowledge: Math.max(0, fresh.length - MAX_KNOWLEDGE_ITEMS),
    figures: { ...share.figures, profileIsNew },
    events,
    actions,
    newCount,
  };
}

/**
 * Who gets which group's digest this period, and what it says. Pure: the same world, day, sent
 * log and unsubscribes always give the same plans, so "who gets what" is checked offline. The
 * records are read once for the run and what a group's digests share is worked out once per
 * group; per member only the "since" point differs, and members with the same one share their
 * content.
 */
export function planDigests(world: DigestWorld, today: string, inputs: DigestPlanInputs): GroupDigestPlan[] {
  const knowledge = newestFirst(world.knowledge);
  const membersByGroup = new Map<string, DigestMember[]>();
  for (const member of world.members) {
    const list = membersByGroup.get(member.groupId) ?? [];
    list.push(member);
    membersByGroup.set(member.groupId, list);
  }
  const plans: GroupDigestPlan[] = [];
  for (const group of [...world.groups].sort((a, b) => a.id.localeCompare(b.id))) {
    const share = shareOf(world, group, today);
    const members = (membersByGroup.get(group.id) ?? []).sort((a, b) => a.email.localeCompare(b.email));
    const bySince = new Map<string, DigestContent>();
    const decisions: MemberDecision[] = members.map((member) => {
      if (!member.consenting) {
        return { member, decision: member.consentWithdrawnOn ? 'consent-withdrawn' : 'no-consent' };
      }
      // Unsubscribing stops the next digest; consent recorded again after it starts them again.
      const unsubscribedAt = inputs.unsubscribed(group.id, member.email);
      if (
        unsubscribedAt &&
        !(member.consentOn && member.consentOn > newZealandDate(new Date(unsubscribedAt)))
      ) {
        return { member, decision: 'unsubscribed' };
      }
      if (!share.authoriser) return { member, decision: 'no-authoriser' };
      const last = inputs.lastDigest(group.id, member.email);
      // A digest of this period (or a later one, should the frequency change) is already out.
      if (last && last.periodStart >= share.period.start) return { member, decision: 'already-sent' };
      const since = last?.coveredUntil ?? newZealandMidnight(share.period.previousStart);
      let content = bySince.get(since);
      if (!content) {
        content = contentFor(share, knowledge, since, today, share.authoriser);
        bySince.set(since, content);
      }
      return { member, decision: content.newCount > 0 ? 'send' : 'nothing-new', content };
    });
    plans.push({ group, period: share.period, authoriser: share.authoriser, members: decisions });
  }
  return plans;
}
