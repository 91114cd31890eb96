import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyOperationSource } from '../../../clients/typescript/every-operation.ts';
import { needsRoundTrip } from '../../../clients/typescript/examples/needs-round-trip.ts';
import { openApiDocument } from '../../../functions/api/openapi.ts';
import { seedWorld } from '../../support/factories.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

/**
 * The typed client as a consumer uses it: its example compiles with the TypeScript a consumer
 * would have (the client's own 5.9, strict, no casts anywhere) and runs against the real API on
 * DynamoDB Local: list, create with a retry, update with If-Match, a conflict, a 304 and a pull.
 */
const CLIENT_DIR = path.resolve(import.meta.dirname, '../../../clients/typescript');
let h: Harness;
let world: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(async () => {
  h = await startHarness();
  world = await seedWorld(h);
});
afterAll(() => h.close());

describe('the typed TypeScript client', { timeout: 180_000 }, () => {
  it('should compile, with its example and a call of every documented operation, under strict TypeScript', async () => {
    // Prepare: every operation called with the document's examples and no cast.
    const checkDir = path.join(CLIENT_DIR, '.every-operation');
    await mkdir(checkDir, { recursive: true });
    await writeFile(path.join(checkDir, 'check.ts'), everyOperationSource(openApiDocument()));
    await writeFile(
      path.join(checkDir, 'tsconfig.json'),
      JSON.stringify({ extends: '../tsconfig.json', include: ['check.ts', '../src', '../examples'] }),
    );
    try {
      // Act
      const tsc = path.join(CLIENT_DIR, 'node_modules/.bin/tsc');
      const result = await promisify(execFile)(tsc, ['-p', path.join(checkDir, 'tsconfig.json')], {
        cwd: CLIENT_DIR,
      }).catch((error: { stdout: string; code: number }) => error);

      // Assess: each call type-checks as generated.
      expect(result.stdout).toBe('');
    } finally {
      await rm(checkDir, { recursive: true, force: true });
    }
  });

  it('should run the example round trip against the real API', async () => {
    // Prepare
    const lines: string[] = [];

    // Act
    const outcome = await needsRoundTrip(h.baseUrl, world.tokens.canterbury, (line) => lines.push(line));

    // Assess
    expect(outcome.created.version).toBe(1);
    expect(outcome.retried.id).toBe(outcome.created.id);
    expect(outcome.updated.version).toBe(2);
    expect(outcome.updated.values.description).toBe('Found at the March mayors forum');
    expect(outcome.conflict?.status).toBe(409);
    expect(outcome.conflict?.problem?.title).toBeTruthy();
    expect(outcome.conflict?.current?.version).toBe(2);
    expect(outcome.notModified).toBe(304);
    expect(outcome.pulled.find((n) => n.id === outcome.created.id)?.version).toBe(2);
    expect(lines.length).toBe(6);
  });
});
