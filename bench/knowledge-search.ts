/**
 * Knowledge-base search at scale against reading one record, in the same run, over HTTP on the
 * out-of-process API: p50 and p95 of GET /v1/knowledge-base (words, region, topic, lesson) vs
 * GET /v1/practices/{id}. Also reports the one-off cost of building the index in a fresh process.
 * Usage: npx tsx bench/knowledge-search.ts [--practices 10000] [--requests 600] [--concurrency 4]
 */
import { parseArgs } from 'node:util';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredRecord } from '../functions/records/definition.ts';
import { KNOWLEDGE_TOPICS } from '../functions/records/knowledge-topics.ts';
import { CURRENT_SK, indexAttributes, recordPk } from '../functions/store/keys.ts';
import {
  type BenchEnvironment,
  httpRequest,
  startBenchEnvironment,
  throughput,
} from './bench-environment.ts';

const { values: args } = parseArgs({
  options: {
    practices: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '4' },
  },
});
const PRACTICES = Number(args.practices);
const REQUESTS = Number(args.requests);
const CONCURRENCY = Number(args.concurrency);

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
const WORDS = [
  'youth',
  'employer',
  'breakfast',
  'marae',
  'cadetship',
  'Māori',
  'Pasifika',
  'roadshow',
  'forum',
  'mentoring',
  'apprenticeship',
  'council',
  'training',
  'transport',
  'rural',
  'digital',
  'tourism',
  'forestry',
  'dairy',
  'retail',
];
const QUERIES = [
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

function practices(count: number): StoredRecord[] {
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

async function load(env: BenchEnvironment, records: StoredRecord[]) {
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

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(total: number, url: (i: number) => string, token: string): Promise<number[]> {
  const samples: number[] = [];
  await throughput(total, CONCURRENCY, async (i) => {
    const started = performance.now();
    const response = await httpRequest(url(i), { headers: { authorization: `Bearer ${token}` } });
    samples.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${url(i)} answered ${response.status}: ${response.body}`);
  });
  return samples;
}

async function main() {
  const env = await startBenchEnvironment(`bench-kb-${Date.now()}`);
  try {
    const records = practices(PRACTICES);
    const loadStarted = performance.now();
    await load(env, records);
    console.log(`Loaded ${PRACTICES} practices in ${Math.round(performance.now() - loadStarted)} ms.`);
    const token = await env.signIn('adviser@bench.example.nz', 'adviser', ['canterbury']);

    // The first search in a fresh API process builds the index from the by-type index.
    const buildStarted = performance.now();
    const first = await httpRequest(`${env.baseUrl}/v1/knowledge-base?q=youth`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const buildMs = performance.now() - buildStarted;
    const total = (JSON.parse(first.body) as { total: number }).total;

    // Warm both paths, then measure them alternately so drift on a shared machine hits both.
    await timed(50, (i) => `${env.baseUrl}/v1/practices/${records[i]!.id}`, token);
    await timed(50, (i) => `${env.baseUrl}/v1/knowledge-base${QUERIES[i % QUERIES.length]}`, token);
    const reads: number[] = [];
    const searches: number[] = [];
    for (let round = 0; round < 3; round++) {
      reads.push(
        ...(await timed(
          REQUESTS / 3,
          (i) => `${env.baseUrl}/v1/practices/${records[(i * 7919) % records.length]!.id}`,
          token,
        )),
      );
      searches.push(
        ...(await timed(
          REQUESTS / 3,
          (i) => `${env.baseUrl}/v1/knowledge-base${QUERIES[i % QUERIES.length]}`,
          token,
        )),
      );
    }
    const read95 = percentile(reads, 95);
    const search95 = percentile(searches, 95);
    console.log(
      `Knowledge base: ${PRACTICES} practices, ${REQUESTS} requests each, concurrency ${CONCURRENCY}`,
    );
    console.log(`  index built on the first search in ${Math.round(buildMs)} ms ("youth" matched ${total})`);
    console.log(
      `  read one record   p50 ${percentile(reads, 50).toFixed(1)} ms   p95 ${read95.toFixed(1)} ms (baseline)`,
    );
    console.log(
      `  search            p50 ${percentile(searches, 50).toFixed(1)} ms   p95 ${search95.toFixed(1)} ms`,
    );
    console.log(`  search p95 / read p95 = ${(search95 / read95).toFixed(2)} (target ≤ 2)`);
  } finally {
    await env.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
