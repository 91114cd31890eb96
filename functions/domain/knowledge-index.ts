import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { StoredRecord } from '../records/definition.ts';
import { KNOWLEDGE_DEFINITIONS } from '../records/registry.ts';

/**
 * The knowledge base's search structure: an inverted index (MiniSearch) over practices and joint
 * ventures, kept in memory and updated record by record, so a search never reads the table.
 * Words match without regard to case or macrons ("Maori" finds "Māori"), by prefix, and with a
 * little fuzziness for typos.
 */

/** The types the knowledge base holds: those whose definitions declare `knowledgeBase`. */
export const KNOWLEDGE_TYPES = KNOWLEDGE_DEFINITIONS.map((d) => d.type) as [string, ...string[]];
export type KnowledgeType = string;

/** For each knowledge type, the fields its entries take their title and summary from. */
const entryFields = new Map(
  KNOWLEDGE_DEFINITIONS.flatMap((d) => (d.knowledgeBase ? [[d.type, d.knowledgeBase] as const] : [])),
);

export type Lesson = 'worked' | 'did-not';

/** One practice or joint venture as the knowledge base shows it. */
export interface KnowledgeEntry {
  key: string;
  type: KnowledgeType;
  id: string;
  regionId: string;
  topic?: string;
  title: string;
  summary: string;
  whatWorked?: string;
  whatDidNot?: string;
  updatedAt: string;
  version: number;
}

export interface KnowledgeQuery {
  words?: string;
  regionId?: string;
  topic?: string;
  type?: KnowledgeType;
  /** Only entries that say what worked, or what did not. */
  lesson?: Lesson;
  limit: number;
  offset?: number;
}

export interface KnowledgeResult {
  total: number;
  items: (KnowledgeEntry & { score?: number })[];
  /** Counts of the matching entries by region and by topic, for filters. */
  facets: { regions: Record<string, number>; topics: Record<string, number> };
}

/** Lower case without diacritics: macrons and other marks fold away (ā → a). */
function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The knowledge-base view of a stored record of a knowledge type, through the fields its definition names. */
function toEntry(record: StoredRecord): KnowledgeEntry {
  const v = record.values;
  const fields = entryFields.get(record.type);
  if (!fields) throw new Error(`${record.type} is not a knowledge-base type`);
  return {
    key: `${record.type}#${record.id}`,
    type: record.type as KnowledgeType,
    id: record.id,
    regionId: record.regionId,
    ...(text(v.topic) ? { topic: v.topic as string } : {}),
    title: String(v[fields.title] ?? ''),
    summary: String(v[fields.summary] ?? ''),
    ...(text(v.whatWorked) ? { whatWorked: v.whatWorked as string } : {}),
    ...(text(v.whatDidNot) ? { whatDidNot: v.whatDidNot as string } : {}),
    updatedAt: record.updatedAt,
    version: record.version,
  };
}

function matchesFilters(entry: KnowledgeEntry, query: KnowledgeQuery): boolean {
  if (query.regionId && entry.regionId !== query.regionId) return false;
  if (query.topic && entry.topic !== query.topic) return false;
  if (query.type && entry.type !== query.type) return false;
  if (query.lesson === 'worked' && !entry.whatWorked) return false;
  if (query.lesson === 'did-not' && !entry.whatDidNot) return false;
  return true;
}

/**
 * Which index a snapshot holds: raise it whenever `toEntry`, the entry's shape or the search
 * options change, so that snapshots written before are rebuilt rather than searched wrongly.
 */
export const KNOWLEDGE_INDEX_VERSION = 1;

const SEARCH_OPTIONS: Options<KnowledgeEntry> = {
  idField: 'key',
  fields: ['title', 'summary', 'whatWorked', 'whatDidNot'],
  processTerm: (term) => foldWord(term) || null,
  searchOptions: { boost: { title: 3 }, prefix: true, fuzzy: 0.15, combineWith: 'AND' },
};

/** The index as plain data for a snapshot: the entries and MiniSearch's own serialised index. */
export interface KnowledgeIndexData {
  entries: KnowledgeEntry[];
  search: AsPlainObject;
}

/** A snapshot's index that cannot be what it claims: the caller builds one instead. */
export class KnowledgeIndexDataError extends Error {}

const isText = (v: unknown) => typeof v === 'string';
const isOptionalText = (v: unknown) => v === undefined || typeof v === 'string';

function isEntry(value: unknown): value is KnowledgeEntry {
  const e = value as Partial<KnowledgeEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    entryFields.has(e.type as string) &&
    isText(e.id) &&
    e.key === `${e.type}#${e.id}` &&
    isText(e.regionId) &&
    isText(e.title) &&
    isText(e.summary) &&
    isText(e.updatedAt) &&
    Number.isInteger(e.version) &&
    isOptionalText(e.topic) &&
    isOptionalText(e.whatWorked) &&
    isOptionalText(e.whatDidNot)
  );
}

/** The in-memory index: apply records as they change, then search. */
export class KnowledgeIndex {
  private readonly entries: Map<string, KnowledgeEntry>;
  private readonly search: MiniSearch<KnowledgeEntry>;

  constructor(loaded?: { entries: Map<string, KnowledgeEntry>; search: MiniSearch<KnowledgeEntry> }) {
    this.entries = loaded?.entries ?? new Map();
    this.search = loaded?.search ?? new MiniSearch<KnowledgeEntry>(SEARCH_OPTIONS);
  }

  /**
   * An index from a snapshot's data, checked entry by entry and against MiniSearch's own count and
   * ids, so that a damaged or mismatched snapshot is refused instead of answering wrongly.
   */
  static fromData(data: unknown): KnowledgeIndex {
    const d = data as Partial<KnowledgeIndexData> | null;
    if (typeof d !== 'object' || d === null || !Array.isArray(d.entries) || typeof d.search !== 'object')
      throw new KnowledgeIndexDataError('it has no entries and index');
    const entries = new Map<string, KnowledgeEntry>();
    for (const entry of d.entries) {
      if (!isEntry(entry)) throw new KnowledgeIndexDataError('an entry is not a practice or joint venture');
      entries.set(entry.key, entry);
    }
    let search: MiniSearch<KnowledgeEntry>;
    try {
      search = MiniSearch.loadJS<KnowledgeEntry>(d.search as AsPlainObject, SEARCH_OPTIONS);
    } catch (error) {
      throw new KnowledgeIndexDataError(`its index could not be loaded (${(error as Error).message})`);
    }
    if (search.documentCount !== entries.size || [...entries.keys()].some((key) => !search.has(key)))
      throw new KnowledgeIndexDataError('its index and its entries disagree');
    return new KnowledgeIndex({ entries, search });
  }

  toData(): KnowledgeIndexData {
    return { entries: [...this.entries.values()], search: this.search.toJSON() };
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds, replaces or removes (when deleted) a record; an older version than the one held is ignored. */
  apply(record: StoredRecord): void {
    const key = `${record.type}#${record.id}`;
    const held = this.entries.get(key);
    if (held && held.version >= record.version) return;
    if (held) {
      this.search.discard(key);
      this.entries.delete(key);
    }
    if (record.deletedAt) return;
    const entry = toEntry(record);
    this.entries.set(key, entry);
    this.search.add(entry);
  }

  /** Matching entries: by relevance when words are given, newest first otherwise. */
  query(query: KnowledgeQuery): KnowledgeResult {
    const words = query.words?.trim();
    // Only the page asked for is copied out; facets count every match.
    let matched: { entry: KnowledgeEntry; score?: number }[];
    if (words) {
      matched = this.search
        .search(words, { filter: (hit) => matchesFilters(this.entries.get(hit.id as string)!, query) })
        .map((hit) => ({ entry: this.entries.get(hit.id as string)!, score: hit.score }));
    } else {
      matched = [];
      for (const entry of this.entries.values()) if (matchesFilters(entry, query)) matched.push({ entry });
      matched.sort((a, b) =>
        a.entry.updatedAt < b.entry.updatedAt ? 1 : a.entry.updatedAt > b.entry.updatedAt ? -1 : 0,
      );
    }
    const facets: KnowledgeResult['facets'] = { regions: {}, topics: {} };
    for (const { entry } of matched) {
      facets.regions[entry.regionId] = (facets.regions[entry.regionId] ?? 0) + 1;
      if (entry.topic) facets.topics[entry.topic] = (facets.topics[entry.topic] ?? 0) + 1;
    }
    const offset = query.offset ?? 0;
    const items = matched
      .slice(offset, offset + query.limit)
      .map(({ entry, score }) =>
        score === undefined ? entry : { ...entry, score: Math.round(score * 100) / 100 },
      );
    return { total: matched.length, items, facets };
  }
}
