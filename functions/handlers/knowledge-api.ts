import { knowledgeSnapshotFrom } from '../aggregate/knowledge-snapshot-source.ts';
import { S3SnapshotSink } from '../aggregate/s3-sink.ts';
import { knowledgeBaseArea } from '../api/routes/knowledge-base.ts';
import { KnowledgeBase } from '../domain/knowledge-base.ts';
import { apiFunctionHandler } from './api-function.ts';

/**
 * Lambda entry for the national knowledge base (GET /v1/knowledge-base): its own function, so the
 * search index weighs on nobody else's cold start, and it can only read the table and the saved
 * index (functions/api/api-functions.ts). The first search of each process loads the index the
 * aggregation saves every 15 minutes and catches it up by change; without a sound snapshot (none
 * yet, stale, damaged, of another table) it builds the index from every record, as before.
 */
export const handler = apiFunctionHandler('knowledge', ({ config, store }) => [
  knowledgeBaseArea(
    new KnowledgeBase(store, {
      snapshots: config.snapshotBucket
        ? knowledgeSnapshotFrom(new S3SnapshotSink(config.snapshotBucket))
        : undefined,
      snapshotScope: config.tableName,
      onSnapshotRefused: (reason, error) => console.warn(reason, error ?? ''),
    }),
  ),
]);
