import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoLocal, startDynamoLocal } from '../../../local/dynamo-local.ts';
import { put, values } from '../../support/factories.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

/** Its own DynamoDB Local, on disk, so it can be killed and brought back with the same data. */
let dataDir: string;
let dynamo: DynamoLocal;
let h: Harness;
let token: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'faults-'));
  dynamo = await startDynamoLocal({ dataDir });
  h = await startHarness({ endpoint: dynamo.endpoint });
  const national = await h.signIn('nat@ceg.example.nz', 'national');
  token = national;
  await put(h, national, 'regions', 'canterbury', values.region('Canterbury'));
});
afterAll(async () => {
  await h.close();
  await dynamo.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('faults: the database dies in the middle of a push', () => {
  // A crash and a recovery in order, so each step below builds on the one before.
  it('should answer every row, complete on a re-push, and never leave a record half-written', async () => {
    // Prepare
    const rows = Array.from({ length: 500 }, (_, i) => ({
      id: `fault-${i}`,
      values: { regionId: 'canterbury', title: `Practice ${i}`, summary: 'Survives a crash' },
    }));

    // Act: push, and kill the database while the push is under way.
    const pushing = h.request('POST', '/v1/sync/practices', { token, body: { rows } });
    await new Promise((r) => setTimeout(r, 150));
    await dynamo.crash();
    const during = await pushing;

    // Assess
    expect(during.status).toBe(200);
    expect(during.body.rows).toHaveLength(500);
    for (const row of during.body.rows) expect(['created', 'failed']).toContain(row.status);
    const failed = during.body.rows.filter((r: { status: string }) => r.status === 'failed');
    for (const row of failed) expect(row.message).toContain('Push again');

    // Prepare: the database comes back with the same data.
    dynamo = await startDynamoLocal({ dataDir, port: dynamo.port });

    // Act: push the same rows again.
    const again = await h.request('POST', '/v1/sync/practices', { token, body: { rows } });

    // Assess: every row saved once, whole, with its history.
    expect(again.status).toBe(200);
    expect(again.body.counts.created + again.body.counts.unchanged).toBe(500);
    expect(again.body.counts.unchanged).toBe(500 - failed.length);
    for (const row of rows.filter((_, i) => i % 10 === 0)) {
      const current = await h.store.get('practice', row.id);
      const history = await h.store.history('practice', row.id, 10);
      expect(current?.version).toBe(1);
      expect(history.items.map((e) => e.version)).toEqual([1]);
      expect(history.items[0]!.record.values).toEqual(current!.values);
    }
  }, 120_000);
});
