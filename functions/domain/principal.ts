import type { RecordDefinition, Role } from '../records/definition.ts';
import { PARTY_SHORT_NAMES, type Party } from '../records/sign-offs.ts';
import { AccessDeniedError, BadRequestError } from './errors.ts';

export type Scope = 'records/read' | 'records/write';

/** Who is asking: a person, a machine client, or the public. */
export interface Principal {
  kind: 'user' | 'client';
  /** Email for people, client id for machines. */
  id: string;
  /** Which partner the person belongs to; absent means CEG (machine clients, older entries). */
  party?: Party;
  role: Role;
  regionIds: readonly string[];
  /** A mayor's office (Taskforce role `council`) reaches these councils and nothing else. */
  councilIds?: readonly string[];
  /** Machine clients are limited to the scopes their token carries. */
  scopes?: ReadonlySet<Scope>;
}

/** Where a record sits: its region, its council if any, and a second region that shares it. */
export interface RecordPlace {
  regionId: string;
  councilId?: string;
  sharedRegionId?: string;
}

const DEFAULT_CONTACT = 'a national administrator of Partnership Records';

let contact = DEFAULT_CONTACT;

/**
 * Names who to ask for access, so every refusal tells people where to go. Set once at start by
 * the function's entry from its configuration (functions/config.ts); the domain reads no environment.
 */
export function useAccessContact(who: string | undefined): void {
  contact = who || DEFAULT_CONTACT;
}

export function accessContact(): string {
  return contact;
}

export function partyOf(p: Principal): Party {
  return p.party ?? 'ceg';
}

/** A mayor's office: reach by council, not by region. */
export function isCouncilBound(p: Principal): boolean {
  return p.role === 'council';
}

function describePrincipal(p: Principal): string {
  const reach =
    p.role === 'national'
      ? 'all regions'
      : isCouncilBound(p)
        ? `councils ${(p.councilIds ?? []).join(', ') || 'none'}`
        : p.regionIds.length
          ? p.regionIds.join(', ')
          : 'no regions';
  const party = p.kind === 'user' ? `${PARTY_SHORT_NAMES[partyOf(p)]} ` : '';
  return `${p.kind === 'client' ? 'machine client' : ''} ${p.id} (${party}${p.role}, ${reach})`.trim();
}

function place(where: RecordPlace | string): RecordPlace {
  return typeof where === 'string' ? { regionId: where } : where;
}

function hasReadScope(p: Principal): boolean {
  return !p.scopes || p.scopes.has('records/read') || p.scopes.has('records/write');
}

/** Whether the principal's reach covers a place (region, council, or a sharing region). */
function reaches(p: Principal, where: RecordPlace): boolean {
  if (p.role === 'national') return true;
  if (isCouncilBound(p)) return !!where.councilId && (p.councilIds ?? []).includes(where.councilId);
  return (
    p.regionIds.includes(where.regionId) ||
    (!!where.sharedRegionId && p.regionIds.includes(where.sharedRegionId))
  );
}

/** Whether the principal may read a record of this type at this place. */
export function canRead(p: Principal, definition: RecordDefinition, where: RecordPlace | string): boolean {
  if (!hasReadScope(p)) return false;
  if (definition.sharedReference || definition.knowledgeBase) return true;
  return reaches(p, place(where));
}

/** Refuses a machine client whose token carries neither records scope. */
export function requireReadScope(p: Principal): void {
  if (!hasReadScope(p)) {
    throw new AccessDeniedError(
      `This machine client's token lacks the records/read scope. Ask ${accessContact()} to grant it.`,
    );
  }
}

/** Refuses reading a place outside the principal's reach. */
export function requireReadRegion(p: Principal, where: RecordPlace | string, what = 'records'): void {
  requireReadScope(p);
  const at = place(where);
  if (!reaches(p, at)) {
    const subject = isCouncilBound(p)
      ? at.councilId
        ? `of council "${at.councilId}"`
        : `of region "${at.regionId}" that belong to no council`
      : `of region "${at.regionId}"`;
    throw new AccessDeniedError(
      `You are signed in as ${describePrincipal(p)} and cannot see ${what} ${subject}. Ask ${accessContact()} to add it to your access.`,
    );
  }
}

/** Refuses reading a record of this type at this place, with the reason in words. */
export function requireRead(p: Principal, definition: RecordDefinition, where: RecordPlace | string): void {
  if (definition.sharedReference || definition.knowledgeBase) requireReadScope(p);
  else requireReadRegion(p, where, definition.pluralLabel.toLowerCase());
}

/**
 * The reason this principal may write no record of this type anywhere, or undefined: a refusal
 * that depends only on who is asking (scope, role, party), so it is given before anything is
 * looked up and never depends on what exists (a mayor's office writing an activity hears that
 * activities are kept by CEG, not that an adviser it cannot see does not exist).
 */
export function identityWriteRefusal(p: Principal, definition: RecordDefinition): string | undefined {
  if (p.scopes && !p.scopes.has('records/write')) {
    return `This machine client's token lacks the records/write scope. Ask ${accessContact()} to grant it.`;
  }
  if (p.role === 'viewer') {
    return `You are signed in as ${describePrincipal(p)}: viewers can read but not change records. Ask ${accessContact()} for a role that can.`;
  }
  if (partyOf(p) === 'taskforce') {
    if (!definition.taskforceWrites) {
      return `${definition.pluralLabel} are kept by CEG; you are signed in as ${describePrincipal(p)}. The Taskforce gives its sign-offs and comments, and records needs, communications and publicity.`;
    }
  } else if (!definition.writableBy.includes(p.role)) {
    return `${definition.pluralLabel} can be changed only by ${definition.writableBy.join(' or ')} staff; you are signed in as ${describePrincipal(p)}. Ask ${accessContact()} if this needs changing.`;
  }
  return undefined;
}

/** The reason a write is refused, or undefined when it is allowed. */
export function writeRefusal(
  p: Principal,
  definition: RecordDefinition,
  where: RecordPlace | string,
): string | undefined {
  const byIdentity = identityWriteRefusal(p, definition);
  if (byIdentity) return byIdentity;
  const at = place(where);
  if (!reaches(p, at)) {
    const subject = isCouncilBound(p)
      ? at.councilId
        ? `council "${at.councilId}"`
        : `region "${at.regionId}" (a mayor's office changes only its own councils' records)`
      : `region "${at.regionId}"`;
    return `You are signed in as ${describePrincipal(p)} and cannot change records of ${subject}. Ask ${accessContact()} to add it to your access.`;
  }
  return undefined;
}

/** The regions a list or pull may cover when the caller names none. */
export function defaultRegion(p: Principal): string | undefined {
  if (p.role === 'national') return undefined;
  if (p.regionIds.length === 1) return p.regionIds[0];
  if (p.regionIds.length === 0) {
    throw new AccessDeniedError(
      `You are signed in as ${describePrincipal(p)} and have no regions yet. Ask ${accessContact()} to add yours.`,
    );
  }
  throw new BadRequestError(
    `You can see several regions (${p.regionIds.join(', ')}): name one with ?region=`,
  );
}

/** The council a mayor's office lists or pulls when it names none. */
export function defaultCouncil(p: Principal): string {
  const councils = p.councilIds ?? [];
  if (councils.length === 1) return councils[0]!;
  if (councils.length === 0) {
    throw new AccessDeniedError(
      `You are signed in as ${describePrincipal(p)} and have no councils yet. Ask ${accessContact()} to add yours.`,
    );
  }
  throw new BadRequestError(`You can see several councils (${councils.join(', ')}): name one with ?council=`);
}

/**
 * The reason this person may not give, refuse or withdraw a party's sign-off on a record at this
 * place, or undefined when they may: consent is a person's, of that party, within their reach.
 */
export function signOffRefusal(p: Principal, party: Party, where: RecordPlace): string | undefined {
  if (p.kind !== 'user') {
    return 'A sign-off is a person\u2019s consent: machine clients cannot give one. Sign in as a person of the party.';
  }
  if (partyOf(p) !== party) {
    return `Only a member of ${party === 'ceg' ? 'CEG' : 'the Mayors Taskforce for Jobs'} can give or withdraw its sign-off; you are signed in as ${describePrincipal(p)}.`;
  }
  if (p.role === 'viewer') {
    return `You are signed in as ${describePrincipal(p)}: viewers cannot sign off. Ask ${accessContact()} for a role that can.`;
  }
  if (!reaches(p, where)) {
    return `You are signed in as ${describePrincipal(p)}, whose reach does not cover this record (region "${where.regionId}"${where.councilId ? `, council "${where.councilId}"` : ''}).`;
  }
  return undefined;
}
