/**
 * The first knowledge-base search after a cold start against a warm search, at 10,000 practices:
 * each round starts a fresh API process (as a new Lambda instance is), and times its first
 * GET /v1/knowledge-base and then the p50 of warm searches in the same process, and how long the
 * process took to be ready. Alternately the process loads the index the aggregation saved during
 * its init (KNOWLEDGE_SNAPSHOT_DIR, as the knowledge function reads it from the bucket with a
 * top-level await) and catches up by change, or builds it from every practice on the first search
 * as before. The target (issue 25): the first search with a snapshot within 3 × a warm one; the
 * readiness figure shows what the load costs the instance's init instead.
 *
 *   npx tsx bench/knowledge-cold-start.ts [--practices 10000] [--rounds 3] [--warm 60]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { knowledgeSnapshotsIn, publishSearchSnapshots } from '../functions/aggregate/search-snapshots.ts';
import { LocalFolderSink } from '../functions/aggregate/snapshot-sink.ts';
import { startDynamoLocal } from '../local/dynamo-local.ts';
import { startOutOfProcessApi } from '../test/support/out-of-process-api.ts';
import { httpRequest } from './bench-environment.ts';
import { loadPractices, practices, QUERIES } from './knowledge-data.ts';

const { values: args } = parseArgs({
  options: {
    practices: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '3' },
    warm: { type: 'string', default: '60' },
  },
});
const PRACTICES = Number(args.practices);
const ROUNDS = Number(args.rounds);
const WARM = Number(args.warm);
const TABLE = `bench-kb-cold-${Date.now()}`;

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

async function search(baseUrl: string, token: string, query: string): Promise<number> {
  const started = performance.now();
  const response = await httpRequest(`${baseUrl}/v1/knowledge-base${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`search answered ${response.status}: ${response.body}`);
  return performance.now() - started;
}

/** One fresh API process: its first search, then warm searches; with or without the snapshot. */
async function round(endpoint: string, snapshotDir: string | undefined) {
  const starting = performance.now();
  const api = await startOutOfProcessApi(
    endpoint,
    TABLE,
    snapshotDir ? { KNOWLEDGE_SNAPSHOT_DIR: snapshotDir } : {},
  );
  const readyMs = performance.now() - starting;
  try {
    const token = await api.signIn('adviser@bench.example.nz', 'adviser', ['canterbury']);
    // One request first, so the first search pays for the index and not for the process's first
    // sign-in check (which every route pays once, see bench/cold-start.ts).
    await httpRequest(`${api.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    const first = await search(api.baseUrl, token, '?q=youth');
    const warm: number[] = [];
    for (let i = 0; i < WARM; i++) warm.push(await search(api.baseUrl, token, QUERIES[i % QUERIES.length]!));
    return { ready: readyMs, first, warm: median(warm) };
  } finally {
    await api.close();
  }
}

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoLocal();
  const folder = await mkdtemp(path.join(tmpdir(), 'bench-kb-snapshot-'));
  try {
    // The table and the data, through a process that is closed again before the rounds.
    const setup = await startOutOfProcessApi(dynamo.endpoint, TABLE);
    const loadStarted = performance.now();
    await loadPractices({ store: setup.store, tableName: TABLE }, practices(PRACTICES));
    console.log(`Loaded ${PRACTICES} practices in ${Math.round(performance.now() - loadStarted)} ms.`);
    const saved = await publishSearchSnapshots(
      setup.store,
      knowledgeSnapshotsIn(new LocalFolderSink(folder)),
      {
        scope: TABLE,
        rebuild: true,
      },
    );
    console.log(
      `Snapshot: ${saved.entries} entries, ${(saved.bytes / 1e6).toFixed(1)} MB, saved in ${saved.durationMs} ms.`,
    );
    await setup.close();

    const results: Record<'snapshot' | 'build', { ready: number; first: number; warm: number }[]> = {
      snapshot: [],
      build: [],
    };
    for (let i = 0; i < ROUNDS; i++) {
      results.snapshot.push(await round(dynamo.endpoint, folder));
      results.build.push(await round(dynamo.endpoint, undefined));
    }
    console.log(`Knowledge base after a cold start: ${PRACTICES} practices, ${ROUNDS} fresh processes each`);
    for (const [mode, runs] of Object.entries(results)) {
      const first = median(runs.map((r) => r.first));
      const warm = median(runs.map((r) => r.warm));
      const ready = median(runs.map((r) => r.ready));
      console.log(
        `  ${mode === 'snapshot' ? 'snapshot loaded at init' : 'index built on demand  '}  process ready ${ready.toFixed(0)} ms, first search ${first.toFixed(0)} ms, warm search p50 ${warm.toFixed(1)} ms: first / warm = ${(first / warm).toFixed(1)} ×${mode === 'snapshot' ? ' (target ≤ 3)' : ''}`,
      );
    }
  } finally {
    await dynamo.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
