/**
 * Lighthouse on a phone (its default mobile emulation and throttling) for the sign-off and
 * knowledge-base pages, as they first load (the sign-in step), served from a freshly built
 * minified site by the same dashboard extension npm start uses.
 * Usage: npx tsx bench/partner-pages-lighthouse.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import * as chromeLauncher from 'chrome-launcher';
import { Hono } from 'hono';
import lighthouse from 'lighthouse';
import { buildDashboard } from '../dashboard/build.ts';
import type { AppEnv } from '../functions/api/request.ts';
import { dashboardExtension } from '../local/dashboard-extension.ts';

const PAGES = ['sign-offs.html', 'knowledge.html'];

async function main() {
  const dist = await mkdtemp(path.join(tmpdir(), 'partner-pages-lh-'));
  await buildDashboard({ outDir: dist });
  const app = new Hono<AppEnv>();
  dashboardExtension({
    distDir: dist,
    snapshotDir: dist,
    devPeople: () => [
      { label: "Christchurch City Mayor's Office (dev)", email: 'mayor@dev.local', token: 'x' },
    ],
  })(app);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dashboard/partners`;
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    for (const page of PAGES) {
      const result = await lighthouse(`${base}/${page}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      });
      const lhr = result!.lhr;
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const cls = lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN;
      const lcp = lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN;
      console.log(
        `${page.padEnd(16)} performance ${score('performance')}  accessibility ${score('accessibility')}  best practices ${score('best-practices')}  CLS ${cls.toFixed(3)}  LCP ${Math.round(lcp)} ms`,
      );
    }
    console.log('targets: performance >= 95, accessibility 100, CLS < 0.1 (phone)');
  } finally {
    await chrome.kill();
    server.close();
    await rm(dist, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
