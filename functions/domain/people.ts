import type { Role, StoredRecord } from '../records/definition.ts';
import type { Party } from '../records/sign-offs.ts';

/**
 * People the system can reach by email: directory users (staff who sign in), advisers (who may
 * not sign in themselves) and contacts of member organisations (an LEC membership's
 * representative). One person may be several of these; they are merged by email address.
 */
export type PersonKind = 'user' | 'adviser' | 'contact';

export interface Person {
  /** Lower case: the key a person is known by. */
  email: string;
  name?: string;
  kinds: PersonKind[];
  /** The directory role, for people who sign in. */
  role?: Role;
  /** The party of people who sign in (CEG or the Taskforce); contacts and advisers without an account have none. */
  party?: Party;
  /** A Taskforce mayor's office reaches its councils rather than regions. */
  councilIds?: string[];
  /** National staff reach every region. */
  national: boolean;
  /** The regions whose records this person may be told about. */
  regionIds: string[];
  /** The adviser record, when the person is an active adviser. */
  adviserId?: string;
}

/** What a directory entry says about a person, as far as reach is concerned. */
export interface DirectoryPerson {
  email: string;
  name?: string;
  role: Role;
  regionIds: readonly string[];
  party?: Party;
  councilIds?: readonly string[];
}

/** Where a record is: its region, and its council when it has one. */
export interface Place {
  regionId: string;
  councilId?: string;
}

export function normaliseEmail(address: string): string {
  return address.trim().toLowerCase();
}

/** Whether a record at this place is within the person's reach, as the records API would judge it. */
export function personCanSee(person: Person, where: Place | string): boolean {
  const place = typeof where === 'string' ? { regionId: where } : where;
  if (person.national) return true;
  if (person.role === 'council')
    return !!place.councilId && (person.councilIds ?? []).includes(place.councilId);
  return person.regionIds.includes(place.regionId);
}

/**
 * Merges the three sources into one person per email. A person in the directory is told about
 * exactly what they may read there; someone who does not sign in (an adviser without an account,
 * an organisation's contact) reaches only the region their own record belongs to.
 */
export function mergePeople(sources: {
  directory: readonly DirectoryPerson[];
  advisers: readonly StoredRecord[];
  contacts: readonly { email: string; name?: string; regionId: string }[];
}): Map<string, Person> {
  const people = new Map<string, Person>();
  const entry = (email: string): Person => {
    const key = normaliseEmail(email);
    let person = people.get(key);
    if (!person) {
      person = { email: key, kinds: [], national: false, regionIds: [] };
      people.set(key, person);
    }
    return person;
  };
  for (const user of sources.directory) {
    const person = entry(user.email);
    person.kinds.push('user');
    person.role = user.role;
    person.party = user.party ?? 'ceg';
    if (user.councilIds?.length) person.councilIds = [...user.councilIds];
    person.name ??= user.name;
    person.national = user.role === 'national';
    person.regionIds = [...user.regionIds];
  }
  for (const adviser of sources.advisers) {
    if (adviser.deletedAt || adviser.values.active !== true) continue;
    const person = entry(adviser.values.email as string);
    person.kinds.push('adviser');
    person.name = (adviser.values.name as string) ?? person.name;
    person.adviserId = adviser.id;
    if (!person.kinds.includes('user')) addRegion(person, adviser.regionId);
  }
  for (const contact of sources.contacts) {
    const person = entry(contact.email);
    if (!person.kinds.includes('contact')) person.kinds.push('contact');
    person.name ??= contact.name;
    if (!person.kinds.includes('user')) addRegion(person, contact.regionId);
  }
  return people;
}

function addRegion(person: Person, regionId: string): void {
  if (!person.regionIds.includes(regionId)) person.regionIds.push(regionId);
}

/** A membership's representative, when the membership names their email. */
export function contactOf(
  membership: StoredRecord,
): { email: string; name?: string; regionId: string } | undefined {
  const email = membership.values.representativeEmail as string | undefined;
  if (membership.deletedAt || !email) return undefined;
  return {
    email: normaliseEmail(email),
    name: membership.values.representative as string | undefined,
    regionId: membership.regionId,
  };
}
