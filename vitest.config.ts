import { readdirSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Two tiers that say what they need:
 * - `test/offline/`   Node alone: no Java, no browser, no network, no servers. The inner
 *                     loop (`npm run test:offline`): records, rules, domain, routes through
 *                     `app.request()` on the in-memory store, the add-on's logic, the CDK stack.
 * - `test/connected/` real parts: DynamoDB Local (Java, started once for the run), headless
 *                     Chromium, the API in its own process, a real SMTP server.
 * `test/support/` holds what both share. A test file anywhere else would silently never run, so
 * the configuration refuses to start until it is moved into a tier.
 */
const TIERS = ['test/offline', 'test/connected'];

function strayTestFiles(folder: string): string[] {
  const stray: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.posix.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!TIERS.includes(full)) stray.push(...strayTestFiles(full));
    } else if (/\.test\.[cm]?[jt]s$/.test(entry.name)) stray.push(full);
  }
  return stray;
}

const stray = strayTestFiles('test');
if (stray.length > 0) {
  throw new Error(
    `Test files outside test/offline/ and test/connected/ would never run: ${stray.join(', ')}. Move each into the tier it needs (see vitest.config.ts).`,
  );
}

/**
 * Files whose subject is a real clock's limit, run when nothing else shares the machine: the
 * 5,000-row push and pull are held to Apps Script's limits (a 6-minute execution, the fakes' wait
 * for each fetch) by the wall clock, as a real execution is. Run beside the 1,000 contended
 * transactions of the concurrency test, on two cores and one DynamoDB Local, the push took 88 s of
 * its 120 s fetch limit and once ran past it (CI, 2026-12-05), which says nothing about the add-on.
 */
const RUN_ALONE = ['test/connected/addon/request-budget.test.ts'];

export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: files run in parallel; connected files each make their own table on the one
    // DynamoDB Local.
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'offline',
          include: ['test/offline/**/*.test.ts'],
          globalSetup: ['test/support/temp-folder-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'connected',
          include: ['test/connected/**/*.test.ts'],
          exclude: RUN_ALONE,
          globalSetup: ['test/support/temp-folder-setup.ts', 'test/support/global-setup.ts'],
        },
      },
      {
        // After everything else, one file at a time, on a DynamoDB Local of their own.
        extends: true,
        test: {
          name: 'connected-alone',
          include: RUN_ALONE,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
          globalSetup: ['test/support/temp-folder-setup.ts', 'test/support/global-setup.ts'],
        },
      },
    ],
  },
});
