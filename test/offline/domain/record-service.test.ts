import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../functions/domain/principal.ts';
import type { PendingWrite, WriteOutcome } from '../../../functions/domain/record-repository.ts';
import { RecordService } from '../../../functions/domain/record-service.ts';
import { definitionForType } from '../../../functions/records/registry.ts';
import { MemoryRecordStore } from '../../../functions/store/memory-record-store.ts';

const national: Principal = { kind: 'user', id: 'national@ceg.example.nz', role: 'national', regionIds: [] };
const practice = definitionForType('practice')!;
const region = definitionForType('region')!;

/** The in-memory store, counting the records it is asked to read before a push writes. */
class CountingStore extends MemoryRecordStore {
  readIds: string[] = [];
  /** When set, the next write commits and then answers as a lost answer's retry would: conflict. */
  loseNextAnswer = false;

  override async getMany(type: string, ids: readonly string[]) {
    this.readIds.push(...ids);
    return super.getMany(type, ids);
  }

  override async writeAll(writes: readonly PendingWrite[]): Promise<WriteOutcome[]> {
    const outcomes = await super.writeAll(writes);
    if (!this.loseNextAnswer) return outcomes;
    this.loseNextAnswer = false;
    return outcomes.map((o) => (o.status === 'written' ? { status: 'conflict' } : o));
  }
}

async function world() {
  const store = new CountingStore();
  const service = new RecordService(store);
  await service.push(
    region,
    national,
    [{ id: 'canterbury', values: { name: 'Canterbury', cegRegion: true } }],
    false,
  );
  store.readIds = [];
  return { store, service };
}

/** The change events the store wrote for practices, as `type id@version`. */
async function events(store: CountingStore): Promise<string[]> {
  const page = await store.changes({
    scope: { kind: 'all' },
    recordTypes: ['practice'],
    until: '9999-12-31T00:00:00.000Z',
    limit: 100,
  });
  return page.items.map((e) => `${e.type} ${e.recordId}@${e.version}`);
}

const row = (id: string, title = `Practice ${id}`) => ({
  id,
  values: { regionId: 'canterbury', title, summary: 'Employer breakfasts hosted by the mayor.' },
});

describe('a push of new rows with ids the client made', () => {
  it('should create them without reading them first, each with its history and its change event', async () => {
    // Prepare
    const { store, service } = await world();
    // Act
    const result = await service.push(practice, national, [row('p-1'), row('p-2')], false);
    // Assess
    expect(result.counts.created).toBe(2);
    expect(store.readIds).toEqual([]);
    expect((await store.history('practice', 'p-1', 10)).items.map((h) => h.op)).toEqual(['created']);
    expect((await events(store)).sort()).toEqual(['practice.created p-1@1', 'practice.created p-2@1']);
  });

  it('should find a repeated push unchanged, with no second version, as before', async () => {
    // Prepare
    const { store, service } = await world();
    await service.push(practice, national, [row('p-1'), row('p-2')], false);
    // A later push: one in the same millisecond, by the same person, with the same values, would
    // be this very write and be reported saved (as after a lost answer).
    await new Promise((resolve) => setTimeout(resolve, 2));
    // Act
    const again = await service.push(practice, national, [row('p-1'), row('p-2')], false);
    // Assess
    expect(again.counts.unchanged).toBe(2);
    expect((await store.get('practice', 'p-1'))?.version).toBe(1);
    expect((await store.history('practice', 'p-1', 10)).items).toHaveLength(1);
    expect(await events(store)).toHaveLength(2);
  });

  it('should answer a row whose id is taken, with other values, as the conflict it always was', async () => {
    // Prepare
    const { service } = await world();
    await service.push(practice, national, [row('p-1')], false);
    // Act
    const result = await service.push(
      practice,
      national,
      [row('p-1', 'Someone else’s title'), row('p-3')],
      false,
    );
    // Assess
    expect(result.rows.map((r) => r.status)).toEqual(['conflict', 'created']);
    expect(result.rows[0]?.message).toContain('already exists (version 1)');
    expect(result.rows[0]?.current?.values.title).toBe('Practice p-1');
  });

  it('should report a create whose answer was lost after it committed as saved, not as a conflict', async () => {
    // Prepare
    const { store, service } = await world();
    store.loseNextAnswer = true;
    // Act
    const result = await service.push(practice, national, [row('p-1')], false);
    // Assess
    expect(result.rows[0]).toMatchObject({ status: 'created', version: 1 });
    expect((await store.history('practice', 'p-1', 10)).items).toHaveLength(1);
    expect(await events(store)).toEqual(['practice.created p-1@1']);
  });

  it('should still read every row of a dry run, so its preview says what a real push would do', async () => {
    // Prepare
    const { store, service } = await world();
    await service.push(practice, national, [row('p-1')], false);
    store.readIds = [];
    // Act
    const preview = await service.push(practice, national, [row('p-1', 'Changed'), row('p-2')], true);
    // Assess
    expect(preview.rows.map((r) => r.status)).toEqual(['conflict', 'created']);
    expect(store.readIds.sort()).toEqual(['p-1', 'p-2']);
  });

  it('should read an edited row (it names the version it read) as before', async () => {
    // Prepare
    const { store, service } = await world();
    await service.push(practice, national, [row('p-1')], false);
    store.readIds = [];
    // Act
    const result = await service.push(
      practice,
      national,
      [{ ...row('p-1', 'Edited'), baseVersion: 1 }],
      false,
    );
    // Assess
    expect(result.rows[0]).toMatchObject({ status: 'updated', version: 2 });
    expect(store.readIds).toEqual(['p-1']);
  });
});
