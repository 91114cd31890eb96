/**
 * The public website under load, as `npm start` serves it, at growing directory sizes: requests a
 * second and median latency of the search page and a service page against `/healthz` on the same
 * server in the same run (autocannon, 10 connections, in a process of its own), with no cache in
 * front. The directory is the demo regions plus `npm run demo:scale`'s services, loaded through
 * the write path, grown step by step (1,000, then 10,000, then 100,000 listed services).
 *
 *   npx tsx bench/public-site-load.ts [--services 1000,10000,100000] [--duration 6] [--connections 10]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { generateScaleData, loadScaleData } from '../data/demo/scale.ts';
import { SEED_PRINCIPAL } from '../data/seed-loader.ts';
import { PULL_OVERLAP_MS } from '../functions/domain/record-repository.ts';
import { RecordService } from '../functions/domain/record-service.ts';
import { startLocalSystem } from '../local/runtime.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const run = promisify(execFile);
const { values: args } = parseArgs({
  options: {
    services: { type: 'string', default: '1000,10000,100000' },
    duration: { type: 'string', default: '6' },
    connections: { type: 'string', default: '10' },
  },
});
const SIZES = args.services.split(',').map(Number);
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);

interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  bytesPerRequest: number;
}

async function load(url: string, paths: string[]): Promise<Load> {
  const { stdout } = await run(
    process.execPath,
    [
      path.join(import.meta.dirname, 'load-generator.mjs'),
      JSON.stringify({ url, paths, connections: CONNECTIONS, duration: DURATION }),
    ],
    { maxBuffer: 16 << 20 },
  );
  const result = JSON.parse(stdout) as Load;
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${paths[0]}: ${result.non2xx} answers not 2xx, ${result.errors} errors`);
  return result;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (l: Load) =>
  `${l.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${String(l.p50).padStart(3)} ms  p99 ${String(l.p99).padStart(4)} ms  ${(l.bytesPerRequest / 1024).toFixed(1)} KB`;

const dataDir = await mkdtemp(path.join(tmpdir(), 'public-site-load-'));
const system = await startLocalSystem({ port: 0, dynamoPort: 0, dataDir, demoRegionIds: ['canterbury'] });
const service = new RecordService(system.store);
// Searches people make: words, a region, a kind of help, a council, and combinations.
const SEARCHES = [
  '/?q=youth',
  '/?q=youth&region=canterbury',
  '/?q=cv%20workshop',
  '/?category=training&region=otago',
  '/?council=christchurch-city',
  '/?q=whangarei',
  '/?q=driver%20licence&region=waikato',
  '/?q=job&category=job-search',
];
try {
  console.log(
    `Public website under load: autocannon, ${CONNECTIONS} connections, ${DURATION} s per path set, the npm start server (Node ${process.version})`,
  );
  let loaded = 0;
  for (const size of SIZES) {
    const rows = generateScaleData({ services: size });
    const fresh = rows.filter(
      (r) =>
        (r.type === 'service' && Number(r.id.slice(-6)) > loaded) ||
        (r.type === 'organisation' && Number(r.id.slice(-6)) > Math.ceil(loaded / 5)),
    );
    const started = performance.now();
    await loadScaleData(service, SEED_PRINCIPAL, fresh);
    const loadMs = performance.now() - started;
    loaded = size;
    // Each refresh re-reads the last 30 s of changes (writes stamped before they commit): measure
    // the steady state, not the minute after a bulk load.
    await sleep(PULL_OVERLAP_MS + 1000);
    const first = performance.now();
    const home = await fetch(`${system.baseUrl}/`);
    const homeText = await home.text();
    const firstMs = performance.now() - first;
    const listed = /(\d+) services are listed/.exec(homeText)?.[1];
    const servicePaths = Array.from(
      { length: 20 },
      (_, i) => `/services/scale-service-${String(Math.floor((i * size) / 20) + 1).padStart(6, '0')}`,
    );
    // Warm the process (JIT, the word sets) before measuring.
    await load(system.baseUrl, SEARCHES);
    const health = await load(system.baseUrl, ['/healthz']);
    const search = await load(system.baseUrl, SEARCHES);
    const page = await load(system.baseUrl, servicePaths);
    const healthAgain = await load(system.baseUrl, ['/healthz']);
    const healthRate = (health.requestsPerSecond + healthAgain.requestsPerSecond) / 2;
    const ratio = (l: Load) => `${((l.requestsPerSecond / healthRate) * 100).toFixed(0)}% of /healthz`;
    const meets = (l: Load) =>
      l.requestsPerSecond >= 1000 && l.requestsPerSecond >= 0.1 * healthRate && l.p50 < 20 ? 'met' : 'MISSED';
    console.log(
      `\n${listed} listed services (${fresh.length} records loaded through the write path in ${(loadMs / 1000).toFixed(0)} s; first page after loading ${firstMs.toFixed(0)} ms)`,
    );
    console.log(
      `  /healthz         ${fmt(health)}   (again after: ${healthAgain.requestsPerSecond.toFixed(0)} req/s)`,
    );
    console.log(`  search page      ${fmt(search)}   ${ratio(search)}  ${meets(search)}`);
    console.log(`  service page     ${fmt(page)}   ${ratio(page)}  ${meets(page)}`);
  }
  console.log(
    '\ntargets: >= 1,000 req/s, >= 10% of /healthz on the same server, median < 20 ms (10 connections)',
  );
} finally {
  await system.stop();
  await rm(dataDir, { recursive: true, force: true });
}
