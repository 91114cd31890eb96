/**
 * Lighthouse on the public website (a benchmark, not a test): the home page, a search and a
 * service page, with Lighthouse's mobile defaults (Moto G power, slow 4G) and its desktop preset,
 * against the demo directory. Prints each category score against its target and the home page's
 * weight. Needs Debian's Chromium (CHROME_PATH, default /usr/bin/chromium).
 *
 *   npm run bench:public-site
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { DEFAULT_DEMO_SEED, generateDemoData } from '../data/demo/generator.ts';
import { referenceData } from '../data/reference.ts';
import { type DirectorySource, LiveDirectory } from '../functions/directory/live-directory.ts';
import { CachedPublicEvents } from '../functions/events/public-events.ts';
import { createPublicSite } from '../functions/public-site/site.ts';
import type { StoredRecord } from '../functions/records/definition.ts';

const run = promisify(execFile);
const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 95, seo: 100 } as const;
const HOME_WEIGHT_LIMIT = 100 * 1024;

/** The demo world as stored records, read by the same directory model as in Lambda. */
function demoSource(): DirectorySource {
  const reference = referenceData();
  const now = new Date().toISOString();
  const record = (
    type: string,
    id: string,
    regionId: string,
    values: Record<string, unknown>,
  ): StoredRecord =>
    ({
      id,
      type,
      regionId,
      values,
      version: 1,
      createdAt: now,
      createdBy: 'bench',
      updatedAt: now,
      updatedBy: 'bench',
    }) as StoredRecord;
  const records = [
    ...reference.regions.map((r) => record('region', r.id, r.id, { name: r.name, cegRegion: r.cegRegion })),
    ...reference.councils.map((c) =>
      record('council', c.id, c.regionId, { name: c.name, regionId: c.regionId }),
    ),
    ...generateDemoData({ seed: DEFAULT_DEMO_SEED }).map((row) =>
      record(row.type, row.id, String(row.values.regionId ?? ''), row.values),
    ),
  ];
  return {
    async *changes(type: string, since?: string) {
      yield records.filter((r) => r.type === type && (!since || r.updatedAt >= since));
    },
  };
}

async function lighthouse(url: string, preset: 'mobile' | 'desktop', out: string) {
  const file = path.join(out, `${preset}-${Buffer.from(url).toString('hex').slice(-16)}.json`);
  await run(
    'npx',
    [
      'lighthouse',
      url,
      '--quiet',
      '--output=json',
      `--output-path=${file}`,
      '--only-categories=performance,accessibility,best-practices,seo',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
      ...(preset === 'desktop' ? ['--preset=desktop'] : []),
    ],
    {
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
      maxBuffer: 64 << 20,
    },
  );
  const report = JSON.parse(await readFile(file, 'utf8'));
  const scores = Object.fromEntries(
    Object.keys(TARGETS).map((id) => [id, Math.round((report.categories[id]?.score ?? 0) * 100)]),
  ) as Record<keyof typeof TARGETS, number>;
  const failed = Object.values(
    report.audits as Record<string, { score: number | null; title: string; scoreDisplayMode: string }>,
  )
    .filter(
      (a) =>
        a.score !== null &&
        a.score < 1 &&
        a.scoreDisplayMode !== 'informative' &&
        a.scoreDisplayMode !== 'manual',
    )
    .map((a) => a.title);
  return {
    scores,
    weight: report.audits['total-byte-weight'].numericValue as number,
    cls: report.audits['cumulative-layout-shift'].numericValue as number,
    lcp: report.audits['largest-contentful-paint'].numericValue as number,
    failed,
  };
}

const directory = new LiveDirectory(demoSource(), { refreshEveryMs: 3_600_000 });
const { services } = await directory.get();
const demo = demoSource();
const events = new CachedPublicEvents(
  { pages: (type) => demo.changes(type) as AsyncGenerator<StoredRecord[]> },
  3_600_000,
);
const server = serve({
  fetch: createPublicSite({ directory, events }).fetch,
  port: 0,
  hostname: '127.0.0.1',
});
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const youth = services.find((s) => s.regionId === 'canterbury' && s.category === 'youth') ?? services[0]!;
const pages = {
  home: `${base}/`,
  search: `${base}/?q=youth&region=canterbury`,
  service: `${base}/services/${encodeURIComponent(youth.id)}`,
};
const out = await mkdtemp(path.join(tmpdir(), 'lighthouse-'));
let missed = 0;
try {
  console.log(
    `Lighthouse ${JSON.parse(await readFile('node_modules/lighthouse/package.json', 'utf8')).version}, ${services.length} listed demo services`,
  );
  console.log('page     preset   perf  a11y  best  seo   LCP ms  CLS    bytes');
  for (const [name, url] of Object.entries(pages)) {
    for (const preset of ['mobile', 'desktop'] as const) {
      const r = await lighthouse(url, preset, out);
      const s = r.scores;
      console.log(
        `${name.padEnd(8)} ${preset.padEnd(8)} ${String(s.performance).padStart(4)}  ${String(s.accessibility).padStart(4)}  ${String(s['best-practices']).padStart(4)}  ${String(s.seo).padStart(4)}  ${String(Math.round(r.lcp)).padStart(6)}  ${r.cls.toFixed(3)}  ${r.weight}`,
      );
      for (const [id, target] of Object.entries(TARGETS))
        if (s[id as keyof typeof TARGETS] < target) missed++;
      if (r.failed.length > 0) console.log(`         not passed: ${r.failed.join('; ')}`);
      if (name === 'home' && preset === 'mobile')
        console.log(
          `         home page weight ${(r.weight / 1024).toFixed(1)} KB (limit ${HOME_WEIGHT_LIMIT / 1024} KB): ${r.weight < HOME_WEIGHT_LIMIT ? 'under' : 'OVER'}`,
        );
    }
  }
  console.log(
    `targets: performance >= 95, accessibility 100, best practices >= 95, SEO 100; ${missed === 0 ? 'all met' : `${missed} missed`}`,
  );
} finally {
  server.close();
  await rm(out, { recursive: true, force: true });
}
