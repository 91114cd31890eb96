import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateDemoData } from '../../../data/demo/generator.ts';
import { loadDemoData } from '../../../data/demo/load.ts';
import { loadReferenceData } from '../../../data/reference.ts';
import { SEED_PRINCIPAL } from '../../../data/seed-loader.ts';
import { aggregateAndPublish } from '../../../functions/aggregate/nightly-run.ts';
import { SnapshotArchive } from '../../../functions/aggregate/snapshot-archive.ts';
import { LocalFolderSink } from '../../../functions/aggregate/snapshot-sink.ts';
import { newZealandDate } from '../../../functions/domain/new-zealand-day.ts';
import { RecordService } from '../../../functions/domain/record-service.ts';
import { SignOffService } from '../../../functions/domain/sign-off-service.ts';
import { type Harness, startHarness } from '../harness.ts';

/**
 * The world the contract test calls every operation in: the real API on DynamoDB Local with the
 * reference data, one region's demo data (a record of every type) and today's snapshot.
 */
export const CONTRACT_REGION = 'canterbury';

export interface ContractWorld {
  h: Harness;
  tokens: { national: string; viewer: string; otherRegion: string };
  today: string;
  close(): Promise<void>;
}

export async function startContractWorld(): Promise<ContractWorld> {
  const snapshotDir = await mkdtemp(path.join(tmpdir(), 'contract-snapshots-'));
  const archive = new SnapshotArchive(new LocalFolderSink(snapshotDir));
  const h = await startHarness({ snapshots: archive });
  const service = new RecordService(h.store);
  const today = newZealandDate();
  await loadReferenceData(service, SEED_PRINCIPAL);
  await loadDemoData(
    service,
    SEED_PRINCIPAL,
    generateDemoData({ today, regionIds: [CONTRACT_REGION] }),
    new SignOffService(h.store),
  );
  await aggregateAndPublish(h.store, archive, { date: today });
  const tokens = {
    national: await h.signIn('contract-national@ceg.example.nz', 'national'),
    viewer: await h.signIn('contract-viewer@ceg.example.nz', 'viewer', [CONTRACT_REGION]),
    otherRegion: await h.signIn('contract-otago@ceg.example.nz', 'regional', ['otago']),
  };
  return {
    h,
    tokens,
    today,
    async close() {
      await h.close();
      await rm(snapshotDir, { recursive: true, force: true });
    },
  };
}
