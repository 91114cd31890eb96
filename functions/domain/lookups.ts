import type { RuleContext, StoredRecord } from '../records/definition.ts';
import type { RecordStore } from '../store/record-store.ts';

/** Today's date in New Zealand, where every user of the system works. */
export function todayInNewZealand(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(now);
}

/**
 * The look-ups rules make, cached for one request: a push of 500 activities for one council
 * reads that council once, not 500 times.
 */
export class RequestLookups implements RuleContext {
  private readonly records = new Map<string, Promise<StoredRecord | undefined>>();
  private readonly councilLists = new Map<string, Promise<StoredRecord[]>>();
  readonly today = todayInNewZealand();

  constructor(private readonly store: RecordStore) {}

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
      found = this.collectForCouncil(type, councilId);
      this.councilLists.set(key, found);
    }
    return found;
  }

  private async collectForCouncil(type: string, councilId: string): Promise<StoredRecord[]> {
    const all: StoredRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.list({ type, councilId, limit: 500, cursor });
      all.push(...page.items);
      cursor = page.more ? page.cursor : undefined;
    } while (cursor);
    return all;
  }
}
