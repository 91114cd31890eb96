import { newZealandDate } from '../domain/new-zealand-day.ts';
import { type Person, personCanSee } from '../domain/people.ts';
import type { AwaitingSignOff } from '../domain/sign-off-queries.ts';
import { definitionForType } from '../records/registry.ts';
import { PARTY_NAMES } from '../records/sign-offs.ts';
import type { PendingSignOff } from './planner.ts';

/**
 * Who is told about a sign-off awaiting a party: the person it was asked of by name; otherwise the
 * party's people who could give it there (not viewers), the nearest first: the regional team or the
 * mayor's office when there is one, national people of the party only when nobody nearer can.
 */
export function signOffRecipients(item: AwaitingSignOff, people: Iterable<Person>): string[] {
  const place = { regionId: item.regionId, councilId: item.councilId };
  if (item.requestedOf) return [item.requestedOf.toLowerCase()];
  const signers = [...people].filter(
    (p) => p.party === item.party && p.role !== undefined && p.role !== 'viewer' && personCanSee(p, place),
  );
  const near = signers.filter((p) => !p.national);
  return (near.length > 0 ? near : signers).map((p) => p.email).sort();
}

/** The records awaiting sign-off, as reminder items with the people each awaits. */
export function pendingSignOffs(
  awaiting: readonly AwaitingSignOff[],
  people: Iterable<Person>,
): PendingSignOff[] {
  const everyone = [...people];
  return awaiting.map((item) => {
    const label = definitionForType(item.type)?.label ?? item.type;
    const asked = item.requestedAt
      ? `, asked${item.requestedBy ? ` by ${item.requestedBy}` : ''} on ${newZealandDate(new Date(item.requestedAt))}`
      : '';
    const why = item.reopened
      ? item.reopened.reason === 'changed'
        ? ' The text changed after it was agreed, so it needs agreeing again.'
        : ` ${item.reopened.by} withdrew the earlier agreement.`
      : '';
    const notYet = item.notYet ? ` Marked "not yet": ${item.notYet.comment}` : '';
    const comment = item.requestComment ? ` Note: ${item.requestComment}` : '';
    return {
      key: `sign-off:${item.type}:${item.id}:${item.party}`,
      regionId: item.regionId,
      ...(item.councilId ? { councilId: item.councilId } : {}),
      title: `${label}: ${item.title}`,
      detail: `Awaits the sign-off of ${PARTY_NAMES[item.party]}${asked}.${why}${notYet}${comment}`,
      link: { page: 'record' as const, typePath: item.path, id: item.id },
      dueOn: newZealandDate(new Date(item.requestedAt ?? item.updatedAt)),
      awaiting: signOffRecipients(item, everyone),
    };
  });
}
