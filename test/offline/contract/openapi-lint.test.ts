import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/api/openapi.ts';
import { ACCEPTED_OWASP_FINDINGS } from './owasp-accepted.ts';

/**
 * The served document, linted by tools nobody here wrote: Redocly's recommended ruleset (zero
 * warnings; rules turned off only in redocly.yaml, with the reason) and Spectral's OWASP ruleset
 * (.spectral.mjs; what remains is listed with its reason in owasp-accepted.ts). Both run offline.
 */
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const bin = (name: string) => path.join(ROOT, 'node_modules/.bin', name);
// No telemetry or update checks: the linters must not try to reach the network.
const env = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  NO_UPDATE_NOTIFIER: '1',
};

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'openapi-lint-'));
  file = path.join(dir, 'openapi.json');
  await writeFile(file, JSON.stringify(openApiDocument(), null, 2));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// Each linter is a Node process of its own that takes seconds; on a busy machine, many more.
describe('the OpenAPI document, linted', { timeout: 180_000 }, () => {
  it('should pass Redocly lint (recommended) with no errors and no warnings', async () => {
    // Act
    const result = await run(
      bin('redocly'),
      ['lint', file, '--config', path.join(ROOT, 'redocly.yaml'), '--format', 'json'],
      {
        cwd: ROOT,
        env,
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((error: { stdout: string; stderr: string }) => error);

    // Assess
    const report = JSON.parse(result.stdout) as {
      totals: Record<string, number>;
      problems: { ruleId: string; message: string }[];
    };
    const problems = report.problems.map((p) => `${p.ruleId}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('should leave only the OWASP findings listed with a reason, and list none that no longer occur', async () => {
    // Act
    const result = await run(
      bin('spectral'),
      ['lint', file, '--ruleset', path.join(ROOT, '.spectral.mjs'), '--format', 'json', '--quiet'],
      {
        cwd: ROOT,
        env,
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((error: { stdout: string; stderr: string }) => error);

    // Assess
    const findings = JSON.parse(result.stdout) as { code: string; message: string; path: string[] }[];
    const unlisted = findings
      .filter((f) => !(f.code in ACCEPTED_OWASP_FINDINGS))
      .map((f) => `${f.code} at ${f.path.join('.')}: ${f.message}`);
    expect(unlisted).toEqual([]);
    const found = new Set(findings.map((f) => f.code));
    expect(Object.keys(ACCEPTED_OWASP_FINDINGS).filter((code) => !found.has(code))).toEqual([]);
  });
});
