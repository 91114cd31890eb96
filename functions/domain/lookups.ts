import type { PersonMatch, Role, RuleContext, StoredRecord } from '../records/definition.ts';
import { newZealandDate } from './new-zealand-day.ts';
import { contactOf, mergePeople, normaliseEmail, personCanSee } from './people.ts';
import type { RecordRepository } from './record-repository.ts';

/** The user directory as far as finding a person goes. */
export interface DirectoryReader {
  find(
    kind: 'user',
    email: string,
  ): Promise<{ role: Role; regionIds: readonly string[]; name?: string } | undefined>;
}

/**
 * The look-ups rules make, cached for one request: a push of 500 activities for one council
 * reads that council once, not 500 times.
 */
export class RequestLookups implements RuleContext {
  private readonly records = new Map<string, Promise<StoredRecord | undefined>>();
  private readonly councilLists = new Map<string, Promise<StoredRecord[]>>();
  private readonly regionLists = new Map<string, Promise<StoredRecord[]>>();
  readonly today = newZealandDate();
  readonly findPerson?: (email: string, regionId: string) => Promise<PersonMatch | undefined>;

  constructor(
    private readonly store: RecordRepository,
    directory?: DirectoryReader,
  ) {
    if (directory) this.findPerson = (email, regionId) => this.personFor(directory, email, regionId);
  }

  /**
   * A person by email: the directory says what a signed-in person reaches; advisers and member
   * contacts are looked for among the region's own records.
   */
  private async personFor(
    directory: DirectoryReader,
    email: string,
    regionId: string,
  ): Promise<PersonMatch | undefined> {
    const key = normaliseEmail(email);
    const [user, advisers, memberships] = await Promise.all([
      directory.find('user', key),
      this.listForRegion('adviser', regionId),
      this.listForRegion('membership', regionId),
    ]);
    const people = mergePeople({
      directory: user ? [{ email: key, ...user }] : [],
      advisers: advisers.filter((a) => normaliseEmail(String(a.values.email)) === key),
      contacts: memberships.flatMap((m) => {
        const contact = contactOf(m);
        return contact && contact.email === key ? [contact] : [];
      }),
    });
    const person = people.get(key);
    if (!person) return undefined;
    return { email: key, name: person.name, canSee: personCanSee(person, regionId) };
  }

  private listForRegion(type: string, regionId: string): Promise<StoredRecord[]> {
    const key = `${type}#${regionId}`;
    let found = this.regionLists.get(key);
    if (!found) {
      found = this.collect({ type, regionId });
      this.regionLists.set(key, found);
    }
    return found;
  }

  /** Seeds the cache with records already read in bulk. */
  remember(record: StoredRecord): void {
    this.records.set(`${record.type}#${record.id}`, Promise.resolve(record));
  }

  get(type: string, id: string): Promise<StoredRecord | undefined> {
    const key = `${type}#${id}`;
    let found = this.records.get(key);
    if (!found) {
      found = this.store.get(type, id);
      this.records.set(key, found);
    }
    return found;
  }

  listForCouncil(type: string, councilId: string): Promise<StoredRecord[]> {
    const key = `${type}#${councilId}`;
    let found = this.councilLists.get(key);
    if (!found) {
      found = this.collect({ type, councilId });
      this.councilLists.set(key, found);
    }
    return found;
  }

  private async collect(query: {
    type: string;
    councilId?: string;
    regionId?: string;
  }): Promise<StoredRecord[]> {
    const all: StoredRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.list({ ...query, limit: 500, cursor });
      all.push(...page.items);
      cursor = page.more ? page.cursor : undefined;
    } while (cursor);
    return all;
  }
}
