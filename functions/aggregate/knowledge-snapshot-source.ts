import type { KnowledgeSnapshotSource } from '../domain/knowledge-base.ts';
import type { SnapshotSink } from './snapshot-sink.ts';

/**
 * The knowledge base's index saved beside the dashboard snapshots (the snapshot bucket in the
 * cloud, `.local/snapshots` locally), so a new process of the knowledge function loads it instead
 * of reading every practice (docs/partners.md, "The knowledge base after a cold start"). Not under
 * `public/`: CloudFront never serves it, and only the knowledge function may read it.
 */
export const KNOWLEDGE_SNAPSHOT_KEY = 'search/knowledge-index.json';

/**
 * The knowledge index's snapshot, read-only, for the knowledge function. Its own module, apart from
 * the job that writes it (search-snapshots.ts), so that the function's bundle holds no write to the
 * bucket and its role needs no grant for one (test/offline/infra/least-privilege.test.ts).
 */
export function knowledgeSnapshotFrom(sink: SnapshotSink): KnowledgeSnapshotSource {
  return { read: () => sink.get(KNOWLEDGE_SNAPSHOT_KEY) };
}
