import { contactOf, mergePeople } from '../domain/people.ts';
import type { RecordRepository } from '../domain/record-repository.ts';
import { awaitingForParty } from '../domain/sign-off-queries.ts';
import type { UserDirectory } from '../domain/user-directory.ts';
import type { StoredRecord } from '../records/definition.ts';
import type { ReminderWorld } from '../reminders/planner.ts';
import type { ReminderSource } from '../reminders/ports.ts';
import { pendingSignOffs } from '../reminders/sign-off-recipients.ts';

const PAGE_SIZE = 1000;

/**
 * Loads what the reminders planner reads, nationally, through the by-type index (queries, never
 * scans). Activities are read only on Mondays, the one day they are needed.
 */
export class StoreReminderSource implements ReminderSource {
  constructor(
    private readonly store: RecordRepository,
    private readonly directory: UserDirectory,
  ) {}

  private async all(type: string): Promise<StoredRecord[]> {
    const records: StoredRecord[] = [];
    for await (const page of this.store.pages(type, undefined, PAGE_SIZE)) {
      for (const record of page) if (!record.deletedAt) records.push(record);
    }
    return records;
  }

  async load(today: string): Promise<ReminderWorld> {
    const monday = new Date(`${today}T00:00:00Z`).getUTCDay() === 1;
    const [
      users,
      advisers,
      memberships,
      lecGroups,
      councils,
      regions,
      actions,
      agreements,
      activities,
      reports,
      awaitingCeg,
      awaitingTaskforce,
    ] = await Promise.all([
      this.directory.listUsers(),
      this.all('adviser'),
      this.all('membership'),
      this.all('lec-group'),
      this.all('council'),
      this.all('region'),
      this.all('action'),
      this.all('agreement'),
      monday ? this.all('activity') : Promise.resolve([]),
      this.all('progress-report'),
      awaitingForParty(this.store, 'ceg', 'national'),
      awaitingForParty(this.store, 'taskforce', 'national'),
    ]);
    const names = (records: StoredRecord[]) =>
      new Map(records.map((r) => [r.id, String(r.values.name ?? r.id)]));
    const people = mergePeople({
      directory: users.map((u) => ({
        email: u.key,
        name: u.name,
        role: u.role,
        regionIds: u.regionIds,
        party: u.party,
        councilIds: u.councilIds,
      })),
      advisers,
      contacts: memberships.flatMap((m) => contactOf(m) ?? []),
    });
    return {
      people,
      lecGroupNames: names(lecGroups),
      councilNames: names(councils),
      regionNames: names(regions),
      actions,
      agreements,
      advisers,
      activities,
      progressReports: reports,
      signOffs: pendingSignOffs([...awaitingCeg, ...awaitingTaskforce], people.values()),
    };
  }
}
