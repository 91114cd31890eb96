import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWLEDGE_SNAPSHOT_KEY } from '../../../functions/aggregate/knowledge-snapshot-source.ts';
import {
  knowledgeSnapshotsIn,
  publishSearchSnapshots,
} from '../../../functions/aggregate/search-snapshots.ts';
import { LocalFolderSink } from '../../../functions/aggregate/snapshot-sink.ts';
import { KnowledgeBase } from '../../../functions/domain/knowledge-base.ts';
import type { Principal } from '../../../functions/domain/principal.ts';
import { RecordService } from '../../../functions/domain/record-service.ts';
import { definitionForType } from '../../../functions/records/registry.ts';
import { MemoryRecordStore } from '../../../functions/store/memory-record-store.ts';

const national: Principal = { kind: 'user', id: 'national@ceg.example.nz', role: 'national', regionIds: [] };
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'search-snapshots-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('the search snapshot job', () => {
  it('should write the knowledge index beside the dashboard snapshots, built whole at night and caught up in between', async () => {
    // A walk through dependent steps: the nightly build, a change, the frequent catch-up.
    // Prepare
    const store = new MemoryRecordStore();
    const service = new RecordService(store);
    await service.push(
      definitionForType('region')!,
      national,
      [{ id: 'otago', values: { name: 'Otago', cegRegion: true } }],
      false,
    );
    const practice = (id: string, title: string) => ({
      id,
      values: { regionId: 'otago', title, summary: 'Tried in Otago.' },
    });
    await service.push(
      definitionForType('practice')!,
      national,
      [practice('p-1', 'Marae cadetships')],
      false,
    );
    const sink = new LocalFolderSink(folder);
    const snapshots = knowledgeSnapshotsIn(sink);

    // Act: the nightly run
    const nightly = await publishSearchSnapshots(store, snapshots, { scope: 'records', rebuild: true });
    // Assess
    expect(nightly).toMatchObject({ entries: 1, rebuilt: true });
    expect(await sink.list('search/')).toEqual([KNOWLEDGE_SNAPSHOT_KEY]);

    // Act: a practice is added, then the frequent run
    await service.push(
      definitionForType('practice')!,
      national,
      [practice('p-2', 'Employer roadshow')],
      false,
    );
    const frequent = await publishSearchSnapshots(store, snapshots, { scope: 'records', rebuild: false });
    const reader = new KnowledgeBase(store, { snapshots, snapshotScope: 'records' });
    const found = await reader.search(national, { words: 'roadshow', limit: 5 });
    // Assess
    expect(frequent).toMatchObject({ entries: 2, rebuilt: false });
    expect(reader.loadedFromSnapshot).toBe(true);
    expect(found.items.map((i) => i.id)).toEqual(['p-2']);
  });
});
