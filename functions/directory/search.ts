import { foldForSearch } from '../records/public-view.ts';
import type { DirectoryService } from './public-directory.ts';

/** What a member of the public can narrow the directory by. */
export interface ServiceSearch {
  region?: string;
  council?: string;
  category?: string;
  /** Words, all of which must appear (macrons and case do not matter). */
  words?: string;
}

/** The text a service is found by: what it is, who runs it, where, and for whom. */
function searchableText(s: DirectoryService): string {
  return foldForSearch(
    [
      s.name,
      s.provider,
      s.description,
      s.categoryLabel,
      s.area,
      s.town,
      s.regionName,
      s.councilName,
      s.eligibility,
      s.organisation?.name,
    ]
      .filter(Boolean)
      .join(' '),
  );
}

/** The words of a search, folded: a service must contain each of them somewhere in its text. */
export function searchWords(words: string | undefined): string[] {
  return words
    ? foldForSearch(words)
        .split(/[\s,]+/)
        .filter(Boolean)
    : [];
}

interface Entry {
  service: DirectoryService;
  /** The distinct whitespace-separated runs of the service's folded text. */
  tokens: Set<string>;
  /** Position in directory order (by name, then id); valid while `ranked` is true. */
  rank: number;
}

const collator = new Intl.Collator('en-NZ');

/** Directory order: by name as a New Zealander sorts it, then by id so the order is total. */
export function compareServices(a: DirectoryService, b: DirectoryService): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const EMPTY: ReadonlySet<Entry> = new Set();

function addTo<K>(map: Map<K, Set<Entry>>, key: K | undefined, entry: Entry): void {
  if (key === undefined) return;
  const set = map.get(key);
  if (set) set.add(entry);
  else map.set(key, new Set([entry]));
}

function removeFrom<K>(map: Map<K, Set<Entry>>, key: K | undefined, entry: Entry): void {
  if (key === undefined) return;
  const set = map.get(key);
  if (!set) return;
  set.delete(entry);
  if (set.size === 0) map.delete(key);
}

/**
 * The listed services, kept in directory order with the structures a search needs, and changed
 * service by service: adding, replacing or removing one costs its own words and a place in the
 * order, never a pass over the directory. A search intersects the sets of services in the
 * region, council, kind of help and containing each word, so it costs what it finds.
 *
 * A word matches a service when it appears anywhere in the service's text, inside a longer word
 * too ("youth" finds "youths", "whanga" finds "Whangārei"), exactly as a substring search of the
 * whole text would: the words of a search hold no spaces, so each lies within one run of the
 * text between spaces, and the index holds those runs.
 */
export class ServiceIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly byUuid = new Map<string, Entry>();
  private ordered: Entry[] = [];
  private ranked = true;
  private readonly byRegion = new Map<string, Set<Entry>>();
  private readonly byCouncil = new Map<string, Set<Entry>>();
  private readonly byCategory = new Map<string, Set<Entry>>();
  private readonly byToken = new Map<string, Set<Entry>>();
  /** Services containing a word, remembered until the index next changes. */
  private readonly wordCache = new Map<string, ReadonlySet<Entry>>();
  /** What a search found, remembered until the index next changes: people repeat searches. */
  private readonly searchCache = new Map<string, DirectoryService[]>();

  get size(): number {
    return this.entries.size;
  }

  get(id: string): DirectoryService | undefined {
    return this.entries.get(id)?.service;
  }

  byOpenDataId(uuid: string): DirectoryService | undefined {
    return this.byUuid.get(uuid)?.service;
  }

  /** Every listed service in directory order (a fresh array; the index keeps its own). */
  all(): DirectoryService[] {
    return this.ordered.map((e) => e.service);
  }

  /** How many listed services each region, council and kind of help has. */
  countBy(what: 'region' | 'council' | 'category'): Map<string, number> {
    const map = what === 'region' ? this.byRegion : what === 'council' ? this.byCouncil : this.byCategory;
    return new Map([...map].map(([key, set]) => [key, set.size]));
  }

  /** Adds a service, or replaces the one with its id. */
  put(service: DirectoryService): void {
    this.remove(service.id);
    const entry: Entry = {
      service,
      tokens: new Set(searchableText(service).split(/\s+/).filter(Boolean)),
      rank: 0,
    };
    this.entries.set(service.id, entry);
    this.byUuid.set(service.uuid, entry);
    this.ordered.splice(this.insertionPoint(service), 0, entry);
    addTo(this.byRegion, service.regionId, entry);
    addTo(this.byCouncil, service.councilId, entry);
    addTo(this.byCategory, service.category, entry);
    for (const token of entry.tokens) addTo(this.byToken, token, entry);
    this.changed();
  }

  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    const { service } = entry;
    this.entries.delete(id);
    this.byUuid.delete(service.uuid);
    this.ordered.splice(this.insertionPoint(service), 1);
    removeFrom(this.byRegion, service.regionId, entry);
    removeFrom(this.byCouncil, service.councilId, entry);
    removeFrom(this.byCategory, service.category, entry);
    for (const token of entry.tokens) removeFrom(this.byToken, token, entry);
    this.changed();
  }

  /** The services matching every part of a search, in directory order (the caller must not change the list). */
  search(search: ServiceSearch): readonly DirectoryService[] {
    const words = searchWords(search.words);
    const key = [search.region ?? '', search.council ?? '', search.category ?? '', ...words].join('\u0000');
    const cached = this.searchCache.get(key);
    if (cached) return cached;
    const sets: ReadonlySet<Entry>[] = [];
    if (search.region) sets.push(this.byRegion.get(search.region) ?? EMPTY);
    if (search.council) sets.push(this.byCouncil.get(search.council) ?? EMPTY);
    if (search.category) sets.push(this.byCategory.get(search.category) ?? EMPTY);
    for (const word of words) sets.push(this.containing(word));
    let found: DirectoryService[];
    if (sets.length === 0) {
      found = this.all();
    } else {
      sets.sort((a, b) => a.size - b.size);
      const [smallest, ...others] = sets;
      const entries: Entry[] = [];
      for (const entry of smallest!) if (others.every((set) => set.has(entry))) entries.push(entry);
      this.rank();
      entries.sort((a, b) => a.rank - b.rank);
      found = entries.map((e) => e.service);
    }
    // Bounded, so that a stream of different searches cannot grow it without limit.
    if (this.searchCache.size >= 500) this.searchCache.clear();
    this.searchCache.set(key, found);
    return found;
  }

  /** Services whose text contains `word`: the union over the distinct runs of text that contain it. */
  private containing(word: string): ReadonlySet<Entry> {
    const cached = this.wordCache.get(word);
    if (cached) return cached;
    let found: Set<Entry> | undefined;
    for (const [token, entries] of this.byToken) {
      if (!token.includes(word)) continue;
      if (!found) found = new Set(entries);
      else for (const entry of entries) found.add(entry);
    }
    const result = found ?? EMPTY;
    // Bounded, so that a stream of different words cannot grow it without limit.
    if (this.wordCache.size >= 1000) this.wordCache.clear();
    this.wordCache.set(word, result);
    return result;
  }

  /** Where a service sits (or would sit) in directory order: a binary search. */
  private insertionPoint(service: DirectoryService): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareServices(this.ordered[mid]!.service, service) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private changed(): void {
    this.ranked = false;
    this.wordCache.clear();
    this.searchCache.clear();
  }

  /** Numbers the entries in order again after changes, once, when a search next needs it. */
  private rank(): void {
    if (this.ranked) return;
    this.ordered.forEach((entry, i) => {
      entry.rank = i;
    });
    this.ranked = true;
  }
}
