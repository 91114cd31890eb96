import { knowledgeSnapshotFrom } from '../aggregate/knowledge-snapshot-source.ts';
import { S3SnapshotSink } from '../aggregate/s3-sink.ts';
import { knowledgeBaseArea } from '../api/routes/knowledge-base.ts';
import { KnowledgeBase } from '../domain/knowledge-base.ts';
import { apiFunctionHandler } from './api-function.ts';

/** Set when the function has a snapshot bucket: what its init loads. */
let loadAtInit: KnowledgeBase | undefined;

/**
 * Lambda entry for the national knowledge base (GET /v1/knowledge-base): its own function, so the
 * search index weighs on nobody else's cold start, and it can only read the table and the saved
 * index (functions/api/api-functions.ts). Without a sound snapshot (none yet, stale, damaged, of
 * another table) the index is built from every record, as before.
 */
export const handler = apiFunctionHandler('knowledge', ({ config, store }) => {
  const knowledge = new KnowledgeBase(store, {
    snapshots: config.snapshotBucket
      ? knowledgeSnapshotFrom(new S3SnapshotSink(config.snapshotBucket))
      : undefined,
    snapshotScope: config.tableName,
    onSnapshotRefused: (reason, error) => console.warn(reason, error ?? ''),
  });
  if (config.snapshotBucket) loadAtInit = knowledge;
  return [knowledgeBaseArea(knowledge)];
});

// The index the aggregation saved is loaded during the function's init (top-level await in the ESM
// bundle), the work Lambda expects there, so that the first search of a new instance is about as
// fast as the next (bench/knowledge-cold-start.ts). Should it fail, the first search tries again.
// Without a bucket (bench/cold-start.ts measures code alone) nothing is read at init.
await loadAtInit?.prepare().catch((error: unknown) => {
  console.warn('The knowledge index was not loaded at init; the first search will load it', error);
});
