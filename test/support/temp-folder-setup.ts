import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const OWNER = 'PARTNERSHIP_RECORDS_TEST_TMPDIR';

/**
 * Every temporary folder a test run makes (add-on builds, cdk.out, snapshot folders, browser
 * profiles, child processes' files) goes under one folder of the run's own, removed when the run
 * ends, so no run leaves anything behind in the system's temp. Both tiers name this setup; the
 * first to run owns the folder.
 */
export default function setup() {
  if (process.env[OWNER]) return undefined;
  const previous = process.env.TMPDIR;
  const runDir = mkdtempSync(path.join(tmpdir(), 'partnership-records-test-'));
  process.env[OWNER] = runDir;
  process.env.TMPDIR = runDir;
  return () => {
    rmSync(runDir, { recursive: true, force: true });
    delete process.env[OWNER];
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
