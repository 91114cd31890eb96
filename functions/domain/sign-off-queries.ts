import { definitionForType } from '../records/registry.ts';
import type { Party, SignOffState } from '../records/sign-offs.ts';
import { isCouncilBound, type Principal, partyOf } from './principal.ts';
import type { AwaitingItem, RecordRepository } from './record-repository.ts';

/** A record awaiting one party's sign-off, as lists and reminders show it. */
export interface AwaitingSignOff {
  type: string;
  /** The record's resource path (`agreements`), for links. */
  path: string;
  id: string;
  /** The record's name for people (an agreement's expectations, a communication's subject). */
  title: string;
  regionId: string;
  councilId?: string;
  party: Party;
  /** The record's current version: the one a signer reads and answers to. */
  version: number;
  updatedAt: string;
  requestedBy?: string;
  requestedAt?: string;
  requestedOf?: string;
  requestComment?: string;
  /** Why the party is awaited again, when it had agreed before. */
  reopened?: SignOffState['reopened'];
  notYet?: SignOffState['notYet'];
}

/** Whose open sign-offs to list: a party nationally, or within regions or councils. */
export type AwaitingReach = 'national' | { regionIds?: readonly string[]; councilIds?: readonly string[] };

const PAGE = 500;

function toAwaiting(item: AwaitingItem): AwaitingSignOff {
  const definition = definitionForType(item.recordType);
  const titleField = definition?.signOff?.titleField;
  const rawTitle = titleField ? String(item.values[titleField] ?? '') : item.recordId;
  const s = item.signOff;
  return {
    type: item.recordType,
    path: definition?.path ?? item.recordType,
    id: item.recordId,
    title: rawTitle.length > 120 ? `${rawTitle.slice(0, 117)}…` : rawTitle,
    regionId: item.regionId,
    ...(item.councilId ? { councilId: item.councilId } : {}),
    party: item.party,
    version: item.version,
    updatedAt: item.updatedAt,
    ...(s.requestedBy ? { requestedBy: s.requestedBy } : {}),
    ...(s.requestedAt ? { requestedAt: s.requestedAt } : {}),
    ...(s.requestedOf ? { requestedOf: s.requestedOf } : {}),
    ...(s.requestComment ? { requestComment: s.requestComment } : {}),
    ...(s.reopened ? { reopened: s.reopened } : {}),
    ...(s.notYet ? { notYet: s.notYet } : {}),
  };
}

async function collect(
  store: RecordRepository,
  query: { party: Party; regionId?: string; councilId?: string },
): Promise<AwaitingItem[]> {
  const items: AwaitingItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listAwaiting({ ...query, limit: PAGE, cursor });
    items.push(...page.items);
    cursor = page.more ? page.cursor : undefined;
  } while (cursor);
  return items;
}

/**
 * Every record awaiting a party's sign-off within a reach, oldest request first: one index query
 * per region or council (or one nationally), never a scan. For lists, pages and reminders.
 */
export async function awaitingForParty(
  store: RecordRepository,
  party: Party,
  reach: AwaitingReach,
): Promise<AwaitingSignOff[]> {
  const queries =
    reach === 'national'
      ? [{ party }]
      : [
          ...(reach.councilIds ?? []).map((councilId) => ({ party, councilId })),
          ...(reach.regionIds ?? []).map((regionId) => ({ party, regionId })),
        ];
  const pages = await Promise.all(queries.map((q) => collect(store, q)));
  const seen = new Set<string>();
  const found: AwaitingSignOff[] = [];
  for (const item of pages.flat()) {
    const key = `${item.recordType}#${item.recordId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(toAwaiting(item));
  }
  return found.sort((a, b) => (a.requestedAt ?? a.updatedAt).localeCompare(b.requestedAt ?? b.updatedAt));
}

/** The reach a person's sign-offs are listed in. */
function reachOf(principal: Principal): AwaitingReach {
  if (principal.role === 'national') return 'national';
  if (isCouncilBound(principal)) return { councilIds: principal.councilIds ?? [] };
  return { regionIds: principal.regionIds };
}

/** What awaits the person's party within their reach ("awaiting my party"). */
export function awaitingForPrincipalParty(
  store: RecordRepository,
  principal: Principal,
): Promise<AwaitingSignOff[]> {
  return awaitingForParty(store, partyOf(principal), reachOf(principal));
}

/** What was asked of this person by name ("awaiting me"). */
export async function awaitingForPerson(
  store: RecordRepository,
  principal: Principal,
): Promise<AwaitingSignOff[]> {
  const all = await awaitingForPrincipalParty(store, principal);
  return all.filter((item) => item.requestedOf === principal.id.toLowerCase());
}
