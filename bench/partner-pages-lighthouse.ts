/**
 * Lighthouse on a phone (its default mobile emulation and throttling) for the partner pages as
 * they first load (the sign-in step: sign-offs, knowledge base, a record, a council), served from
 * a freshly built minified site by the same dashboard extension npm start uses; and for the page an
 * action's owner opens from a reminder without an account, which the server renders whole (npm
 * start's system with one region of demo data, a link signed as the reminders sign it).
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
import { SignedLinks } from '../functions/links/signed-links.ts';
import { actionLinkPath } from '../functions/links/site-paths.ts';
import { dashboardExtension } from '../local/dashboard-extension.ts';
import { localLinkSecret } from '../local/local-reminders.ts';
import { startLocalSystem } from '../local/runtime.ts';

const PAGES = [
  'sign-offs.html',
  'knowledge.html',
  'record.html?record=needs/need-christchurch-city-1',
  'council.html?council=christchurch-city',
];

/** The signed page of one demo action that has an owner's email, as its reminder links it. */
async function actionOwnerPage(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'partner-pages-lh-data-'));
  const system = await startLocalSystem({ port: 0, dynamoPort: 0, dataDir, demoRegionIds: ['canterbury'] });
  const page = await system.store.list({ type: 'action', regionId: 'canterbury', limit: 200 });
  const action = page.items.find((a) => typeof a.values.ownerEmail === 'string');
  if (!action) throw new Error('no demo action in Canterbury has an owner with an email');
  const links = new SignedLinks(localLinkSecret(dataDir, false)!);
  const token = await links.actionToken(String(action.values.ownerEmail), action.id);
  return {
    url: `${system.baseUrl}${actionLinkPath(action.id)}?token=${encodeURIComponent(token)}`,
    async stop() {
      await system.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

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
  const owner = await actionOwnerPage();
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const targets = [
      ...PAGES.map((page) => ({ name: page.split('?')[0]!, url: `${base}/${page}` })),
      { name: 'action (owner)', url: owner.url },
    ];
    for (const { name, url } of targets) {
      const result = await lighthouse(url, {
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
        `${name.padEnd(16)} performance ${score('performance')}  accessibility ${score('accessibility')}  best practices ${score('best-practices')}  CLS ${cls.toFixed(3)}  LCP ${Math.round(lcp)} ms`,
      );
    }
    console.log('targets: performance >= 95, accessibility 100, CLS < 0.1 (phone)');
  } finally {
    await chrome.kill();
    server.close();
    await owner.stop();
    await rm(dist, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
