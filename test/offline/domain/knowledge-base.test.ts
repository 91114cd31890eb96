import { describe, expect, it } from 'vitest';
import { KnowledgeBase, type KnowledgeSnapshotStore } from '../../../functions/domain/knowledge-base.ts';
import type { Principal } from '../../../functions/domain/principal.ts';
import type { ListQuery } from '../../../functions/domain/record-repository.ts';
import { RecordService } from '../../../functions/domain/record-service.ts';
import { definitionForType } from '../../../functions/records/registry.ts';
import { MemoryRecordStore } from '../../../functions/store/memory-record-store.ts';

const national: Principal = { kind: 'user', id: 'national@ceg.example.nz', role: 'national', regionIds: [] };
const practice = definitionForType('practice')!;
const TABLE = 'records-test';

/** The in-memory store, remembering which lists it answered: a build reads every record, a catch-up what changed. */
class CountingStore extends MemoryRecordStore {
  lists: ListQuery[] = [];
  override async list(query: ListQuery) {
    this.lists.push(query);
    return super.list(query);
  }
}

class FolderOfOne implements KnowledgeSnapshotStore {
  text?: string;
  failReads = false;
  async read() {
    if (this.failReads) throw new Error('S3 did not answer');
    return this.text;
  }
  async write(text: string) {
    this.text = text;
  }
}

async function world() {
  const store = new CountingStore();
  const service = new RecordService(store);
  await service.push(
    definitionForType('region')!,
    national,
    [{ id: 'otago', values: { name: 'Otago', cegRegion: true } }],
    false,
  );
  const push = (rows: { id: string; title: string; baseVersion?: number; delete?: boolean }[]) =>
    service.push(
      practice,
      national,
      rows.map((r) =>
        r.delete
          ? { id: r.id, delete: true, baseVersion: r.baseVersion }
          : {
              id: r.id,
              baseVersion: r.baseVersion,
              values: { regionId: 'otago', title: r.title, summary: 'Tried in Otago.' },
            },
      ),
      false,
    );
  await push([
    { id: 'p-1', title: 'Employer breakfasts' },
    { id: 'p-2', title: 'Marae cadetships' },
    { id: 'p-3', title: 'Driver licence help' },
  ]);
  const snapshots = new FolderOfOne();
  const writer = new KnowledgeBase(store, { snapshotScope: TABLE });
  await writer.refresh();
  snapshots.text = writer.snapshot().text;
  store.lists = [];
  return { store, push, snapshots };
}

/** What a search shows: the ids found for words. */
async function found(knowledge: KnowledgeBase, words: string) {
  return (await knowledge.search(national, { words, limit: 50 })).items.map((i) => i.id).sort();
}

/** Whether the practices were read whole (a build) rather than only those changed since (a catch-up). */
const builtFromEveryRecord = (store: CountingStore) =>
  store.lists.some((q) => q.type === 'practice' && q.changedSince === undefined);

describe('the knowledge base after a cold start', () => {
  it('should be ready before the first request when prepared: the saved index loaded, the first search reading nothing', async () => {
    // Prepare
    const { store, snapshots } = await world();
    let now = Date.now();
    const knowledge = new KnowledgeBase(store, {
      snapshots,
      snapshotScope: TABLE,
      refreshEveryMs: 1000,
      now: () => now,
    });
    // Act
    await knowledge.prepare();
    const readsAtInit = store.lists.length;
    now += 500;
    const first = await found(knowledge, 'breakfasts');
    // Assess
    expect(knowledge.loadedFromSnapshot).toBe(true);
    expect(builtFromEveryRecord(store)).toBe(false);
    expect(readsAtInit).toBeGreaterThan(0);
    expect(store.lists.length).toBe(readsAtInit);
    expect(first).toEqual(['p-1']);
  });

  it('should load a sound snapshot and read only what changed since, including creates, edits and deletes', async () => {
    // Prepare
    const { store, push, snapshots } = await world();
    await push([
      { id: 'p-4', title: 'Employer roadshow' },
      { id: 'p-1', title: 'Mayoral breakfasts', baseVersion: 1 },
      { id: 'p-2', title: '', delete: true, baseVersion: 1 },
    ]);
    store.lists = [];
    const knowledge = new KnowledgeBase(store, { snapshots, snapshotScope: TABLE });
    // Act
    const employer = await found(knowledge, 'employer');
    // Assess
    expect(knowledge.loadedFromSnapshot).toBe(true);
    expect(builtFromEveryRecord(store)).toBe(false);
    expect(employer).toEqual(['p-4']);
    expect(await found(knowledge, 'mayoral')).toEqual(['p-1']);
    expect(await found(knowledge, 'marae')).toEqual([]);
  });

  const refusals: [
    string,
    (s: FolderOfOne) => void,
    Partial<ConstructorParameters<typeof KnowledgeBase>[1]>,
  ][] = [
    [
      'missing',
      (s) => {
        s.text = undefined;
      },
      {},
    ],
    [
      'unreadable (the bucket does not answer)',
      (s) => {
        s.failReads = true;
      },
      {},
    ],
    [
      'cut short',
      (s) => {
        s.text = s.text!.slice(0, s.text!.length / 2);
      },
      {},
    ],
    [
      'not an index at all',
      (s) => {
        s.text = JSON.stringify({ hello: 'world' });
      },
      {},
    ],
    [
      'of another index version',
      (s) => {
        s.text = s.text!.replace('"version":1', '"version":0');
      },
      {},
    ],
    ['of another table', () => {}, { snapshotScope: 'records-restored' }],
    ['stale', () => {}, { now: () => Date.now() + 27 * 3_600_000 }],
    ['from the future', () => {}, { now: () => Date.now() - 3_600_000 }],
    [
      'damaged inside (an entry changed)',
      (s) => {
        s.text = s.text!.replace('"id":"p-3"', '"id":"p-9"');
      },
      {},
    ],
    [
      'at odds with its own index (an entry dropped)',
      (s) => {
        const data = JSON.parse(s.text!);
        data.entries.pop();
        s.text = JSON.stringify(data);
      },
      {},
    ],
  ];

  it.each(refusals)(
    'should build the index, and answer as a build does, when the snapshot is %s',
    async (_, spoil, options) => {
      // Prepare
      const { store, snapshots, push } = await world();
      await push([{ id: 'p-5', title: 'Employer forum' }]);
      spoil(snapshots);
      store.lists = [];
      const reasons: string[] = [];
      const knowledge = new KnowledgeBase(store, {
        snapshots,
        snapshotScope: TABLE,
        onSnapshotRefused: (reason) => reasons.push(reason),
        ...options,
      });
      // Act
      const employer = await found(knowledge, 'employer');
      // Assess
      expect(knowledge.loadedFromSnapshot).toBe(false);
      expect(builtFromEveryRecord(store)).toBe(true);
      expect(employer).toEqual(['p-1', 'p-5']);
      expect(reasons).toHaveLength(1);
    },
  );

  it('should write a snapshot that a later process loads to the same answers as the writer', async () => {
    // Prepare
    const { store, snapshots } = await world();
    const writer = new KnowledgeBase(store, { snapshots, snapshotScope: TABLE });
    await writer.refresh();
    await snapshots.write(writer.snapshot().text);
    const reader = new KnowledgeBase(store, { snapshots, snapshotScope: TABLE });
    // Act
    const [fromSnapshot, fromWriter] = [
      await reader.search(national, { words: 'licence', limit: 10 }),
      await writer.search(national, { words: 'licence', limit: 10 }),
    ];
    // Assess
    expect(reader.loadedFromSnapshot).toBe(true);
    expect(fromSnapshot).toEqual(fromWriter);
  });
});
