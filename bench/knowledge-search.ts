/**
 * Knowledge-base search at scale against reading one record, in the same run, over HTTP on the
 * out-of-process API: p50 and p95 of GET /v1/knowledge-base (words, region, topic, lesson) vs
 * GET /v1/practices/{id}. Also reports the one-off cost of building the index in a fresh process.
 * Usage: npx tsx bench/knowledge-search.ts [--practices 10000] [--requests 600] [--concurrency 4]
 */
import { parseArgs } from 'node:util';
import { httpRequest, startBenchEnvironment, throughput } from './bench-environment.ts';
import { loadPractices as load, practices, QUERIES } from './knowledge-data.ts';

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
