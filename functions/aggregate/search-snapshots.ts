import { KnowledgeBase, type KnowledgeSnapshotStore } from '../domain/knowledge-base.ts';
import type { RecordRepository } from '../domain/record-repository.ts';
import { KNOWLEDGE_SNAPSHOT_KEY } from './knowledge-snapshot-source.ts';
import type { SnapshotSink } from './snapshot-sink.ts';

/** The knowledge index's snapshot in a snapshot sink, under its one key. */
export function knowledgeSnapshotsIn(sink: SnapshotSink): KnowledgeSnapshotStore {
  return {
    read: () => sink.get(KNOWLEDGE_SNAPSHOT_KEY),
    write: (text) => sink.put(KNOWLEDGE_SNAPSHOT_KEY, text, 'application/json; charset=utf-8'),
  };
}

export interface SearchSnapshotResult {
  entries: number;
  bytes: number;
  /** True when the index was built from every record, false when the last snapshot was caught up. */
  rebuilt: boolean;
  durationMs: number;
}

/**
 * Writes the knowledge index's snapshot: caught up from the last one with a "changed since" query
 * (the frequent run), or, with `rebuild`, built from every practice and joint venture (the nightly
 * run, so that nothing a snapshot got wrong can outlive a night).
 */
export async function publishSearchSnapshots(
  store: RecordRepository,
  snapshots: KnowledgeSnapshotStore,
  options: { scope: string; rebuild: boolean },
): Promise<SearchSnapshotResult> {
  const started = performance.now();
  const knowledge = new KnowledgeBase(store, {
    snapshots: options.rebuild ? undefined : snapshots,
    snapshotScope: options.scope,
  });
  await knowledge.refresh();
  const snapshot = knowledge.snapshot();
  await snapshots.write(snapshot.text);
  return {
    entries: snapshot.entries,
    bytes: Buffer.byteLength(snapshot.text),
    rebuilt: options.rebuild || !knowledge.loadedFromSnapshot,
    durationMs: Math.round(performance.now() - started),
  };
}
