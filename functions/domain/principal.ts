import type { RecordDefinition, Role } from '../records/definition.ts';
import { AccessDeniedError, BadRequestError } from './errors.ts';

export type Scope = 'records/read' | 'records/write';

/** Who is asking: a person, a machine client, or the public. */
export interface Principal {
  kind: 'user' | 'client';
  /** Email for people, client id for machines. */
  id: string;
  role: Role;
  regionIds: readonly string[];
  /** Machine clients are limited to the scopes their token carries. */
  scopes?: ReadonlySet<Scope>;
}

const DEFAULT_CONTACT = 'a national administrator of Partnership Records';

/** Who to ask for access, from configuration, so every refusal tells people where to go. */
export function accessContact(): string {
  return process.env.ACCESS_CONTACT || DEFAULT_CONTACT;
}

function describePrincipal(p: Principal): string {
  const regions =
    p.role === 'national' ? 'all regions' : p.regionIds.length ? p.regionIds.join(', ') : 'no regions';
  return `${p.kind === 'client' ? 'machine client' : ''} ${p.id} (${p.role}, ${regions})`.trim();
}

export function canReadRegion(p: Principal, regionId: string): boolean {
  if (p.scopes && !p.scopes.has('records/read') && !p.scopes.has('records/write')) return false;
  return p.role === 'national' || p.regionIds.includes(regionId);
}

/** Refuses a machine client whose token carries neither records scope. */
export function requireReadScope(p: Principal): void {
  if (p.scopes && !p.scopes.has('records/read') && !p.scopes.has('records/write')) {
    throw new AccessDeniedError(
      `This machine client's token lacks the records/read scope. Ask ${accessContact()} to grant it.`,
    );
  }
}

/** Refuses reading a region outside the principal's reach. */
export function requireReadRegion(p: Principal, regionId: string, what = 'records'): void {
  requireReadScope(p);
  if (!canReadRegion(p, regionId)) {
    throw new AccessDeniedError(
      `You are signed in as ${describePrincipal(p)} and cannot see ${what} of region "${regionId}". Ask ${accessContact()} to add that region to your access.`,
    );
  }
}

/** The reason a write is refused, or undefined when it is allowed. */
export function writeRefusal(
  p: Principal,
  definition: RecordDefinition,
  regionId: string,
): string | undefined {
  if (p.scopes && !p.scopes.has('records/write')) {
    return `This machine client's token lacks the records/write scope. Ask ${accessContact()} to grant it.`;
  }
  if (p.role === 'viewer') {
    return `You are signed in as ${describePrincipal(p)}: viewers can read but not change records. Ask ${accessContact()} for a role that can.`;
  }
  if (!definition.writableBy.includes(p.role)) {
    return `${definition.pluralLabel} can be changed only by ${definition.writableBy.join(' or ')} staff; you are signed in as ${describePrincipal(p)}. Ask ${accessContact()} if this needs changing.`;
  }
  if (p.role !== 'national' && !p.regionIds.includes(regionId)) {
    return `You are signed in as ${describePrincipal(p)} and cannot change records of region "${regionId}". Ask ${accessContact()} to add that region to your access.`;
  }
  return undefined;
}

export function requireWrite(p: Principal, definition: RecordDefinition, regionId: string): void {
  const refusal = writeRefusal(p, definition, regionId);
  if (refusal) throw new AccessDeniedError(refusal);
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
