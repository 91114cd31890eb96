import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { PRACTICE_WORDS } from '../data/demo/scale.ts';
import type { StoredRecord } from '../functions/records/definition.ts';
import { KNOWLEDGE_TOPICS } from '../functions/records/knowledge-topics.ts';
import { CURRENT_SK, indexAttributes, recordPk } from '../functions/store/keys.ts';
import type { RecordStore } from '../functions/store/record-store.ts';
import { throughput } from './bench-environment.ts';

/** The knowledge benchmarks' data: the same 10,000 practices and searches in every run. */

const REGIONS = [
  'northland',
  'auckland',
  'waikato',
  'bay-of-plenty',
  'wellington',
  'canterbury',
  'otago',
  'southland',
];
/** The domain words, shared with the national-scale demo data so both search alike. */
const WORDS = PRACTICE_WORDS;
export const QUERIES = [
  '?q=youth',
  '?q=maori%20cadet',
  '?q=employer%20breakfast&region=canterbury',
  '?topic=youth-employment&lesson=did-not',
  '?region=otago&lesson=worked',
  '?q=forestry&topic=training-and-skills',
  '?q=apprentice',
  '?q=roadshow&region=waikato',
];

/** A deterministic pseudo-random sequence, so every run indexes the same text. */
function randomFrom(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * Text as people write it: words drawn from a 3,000-word vocabulary by Zipf's law (a few words are
 * everywhere, most are rare), with the domain words at middling ranks, so a search for "youth"
 * matches a few hundred practices of 10,000 rather than most of them.
 */
function vocabulary(next: () => number): string[] {
  const syllables = [
    'ka',
    'ro',
    'mi',
    'te',
    'wha',
    'nu',
    'po',
    'ri',
    'ta',
    'ne',
    'ho',
    'mo',
    'ki',
    'ra',
    'tu',
    'pa',
  ];
  const words = Array.from({ length: 3000 }, () =>
    Array.from(
      { length: 2 + Math.floor(next() * 3) },
      () => syllables[Math.floor(next() * syllables.length)],
    ).join(''),
  );
  WORDS.forEach((word, i) => {
    words[40 + i * 7] = word;
  });
  return words;
}

export function practices(count: number): StoredRecord[] {
  const next = randomFrom(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const words = vocabulary(next);
  // Cumulative Zipf weights (1/rank) for drawing words.
  const cumulative: number[] = [];
  words.reduce((sum, _, rank) => {
    cumulative.push(sum + 1 / (rank + 1));
    return sum + 1 / (rank + 1);
  }, 0);
  const total = cumulative.at(-1)!;
  const word = () => {
    const target = next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  const yearAgo = Date.now() - 365 * 86_400_000;
  return Array.from({ length: count }, (_, i) => {
    // Changes spread over the past year: a refresh's "changed since" window finds none of them.
    const at = new Date(yearAgo + Math.floor(next() * 360 * 86_400_000)).toISOString();
    const regionId = pick(REGIONS);
    return {
      id: `kb-${String(i).padStart(6, '0')}`,
      type: 'practice',
      regionId,
      version: 1,
      createdAt: at,
      createdBy: 'system:bench',
      updatedAt: at,
      updatedBy: 'system:bench',
      values: {
        regionId,
        title: `${word()} ${pick(WORDS)} programme ${i}`,
        summary: `We ran ${sentence(12)}.`,
        topic: pick(KNOWLEDGE_TOPICS),
        ...(next() < 0.6 ? { whatWorked: `${sentence(8)}.` } : {}),
        ...(next() < 0.4 ? { whatDidNot: `${sentence(6)}.` } : {}),
      },
    };
  });
}

/** Writes the practices straight to the table (BatchWriteItem), as the records function would store them. */
export async function loadPractices(env: { store: RecordStore; tableName: string }, records: StoredRecord[]) {
  const batches: StoredRecord[][] = [];
  for (let i = 0; i < records.length; i += 25) batches.push(records.slice(i, i + 25));
  await throughput(batches.length, 8, async (i) => {
    let requests: Record<string, unknown>[] | undefined = batches[i]!.map((record) => ({
      PutRequest: {
        Item: { pk: recordPk(record.type, record.id), sk: CURRENT_SK, ...record, ...indexAttributes(record) },
      },
    }));
    while (requests && requests.length > 0) {
      const result = await env.store.client.send(
        new BatchWriteCommand({ RequestItems: { [env.tableName]: requests as never } }),
      );
      requests = result.UnprocessedItems?.[env.tableName] as Record<string, unknown>[] | undefined;
    }
  });
}
