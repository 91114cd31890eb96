import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { readAggregationConfig, readMetricNames } from '../config.ts';
import { createDocumentClient } from '../store/client.ts';
import { RecordStore } from '../store/record-store.ts';
import { type AggregationEvent, aggregateAndPublish, snapshotDateFor } from './nightly-run.ts';
import { S3SnapshotSink } from './s3-sink.ts';
import { knowledgeSnapshotsIn, publishSearchSnapshots } from './search-snapshots.ts';
import { SnapshotArchive } from './snapshot-archive.ts';

/** Names the monitoring alarms rely on; see docs/dashboard.md, "Operations". */
export const AGGREGATION_METRICS = {
  ...readMetricNames(process.env, 'records-aggregate'),
  succeeded: 'AggregationSucceeded',
  failed: 'AggregationFailed',
  recordsRead: 'AggregationRecordsRead',
  duration: 'AggregationDuration',
  // Its own metrics, so that a frequent search run never hides a missed night.
  searchSnapshotEntries: 'SearchSnapshotEntries',
  searchSnapshotDuration: 'SearchSnapshotDuration',
} as const;

const logger = new Logger({ serviceName: AGGREGATION_METRICS.service });
const metrics = new Metrics({
  namespace: AGGREGATION_METRICS.namespace,
  serviceName: AGGREGATION_METRICS.service,
});

// Built once per container and reused by warm invocations.
let parts:
  | {
      store: RecordStore;
      archive: SnapshotArchive;
      search: ReturnType<typeof knowledgeSnapshotsIn>;
      tableName: string;
    }
  | undefined;

function connect() {
  if (!parts) {
    const config = readAggregationConfig(process.env);
    const sink = new S3SnapshotSink(config.snapshotBucket);
    parts = {
      store: new RecordStore(createDocumentClient({ region: config.region }), config.tableName),
      archive: new SnapshotArchive(sink),
      search: knowledgeSnapshotsIn(sink),
      tableName: config.tableName,
    };
  }
  return parts;
}

/** The knowledge index's snapshot: caught up (every 15 minutes) or rebuilt (nightly), with its metrics. */
async function saveSearchSnapshots(rebuild: boolean) {
  const { store, search, tableName } = connect();
  const result = await publishSearchSnapshots(store, search, { scope: tableName, rebuild });
  metrics.addMetric(AGGREGATION_METRICS.searchSnapshotEntries, MetricUnit.Count, result.entries);
  metrics.addMetric(AGGREGATION_METRICS.searchSnapshotDuration, MetricUnit.Milliseconds, result.durationMs);
  logger.info('Search snapshot saved', { ...result });
  return result;
}

/**
 * Lambda entry for EventBridge Scheduler: builds the snapshot of today in New Zealand (or the
 * event's `date`), publishes it to the snapshot bucket, and emits `AggregationSucceeded` (Count, 1)
 * in the PartnershipRecords namespace with the `service` dimension; then rebuilds the knowledge
 * index's snapshot. An event with `task: 'search-snapshots'` only catches that snapshot up. Any
 * failure is thrown, so that Lambda's retries and the failed-runs queue take over.
 */
export const handler = async (event: AggregationEvent | undefined, context: Context) => {
  logger.addContext(context);
  try {
    if (event?.task === 'search-snapshots') {
      const { entries, rebuilt } = await saveSearchSnapshots(false);
      return { task: event.task, entries, rebuilt };
    }
    const date = snapshotDateFor(event);
    const { store, archive } = connect();
    logger.info('Aggregation started', { date, source: event?.source ?? 'manual' });
    const { snapshot, published, durationMs } = await aggregateAndPublish(store, archive, { date });
    metrics.addMetric(AGGREGATION_METRICS.succeeded, MetricUnit.Count, 1);
    metrics.addMetric(AGGREGATION_METRICS.recordsRead, MetricUnit.Count, snapshot.recordsRead);
    metrics.addMetric(AGGREGATION_METRICS.duration, MetricUnit.Milliseconds, durationMs);
    logger.info('Snapshot published', {
      date,
      recordsRead: snapshot.recordsRead,
      files: published.keys.length,
      latestMoved: published.latestMoved,
      durationMs,
    });
    await saveSearchSnapshots(true);
    return {
      date,
      recordsRead: snapshot.recordsRead,
      files: published.keys.length,
      latestMoved: published.latestMoved,
    };
  } catch (error) {
    metrics.addMetric(AGGREGATION_METRICS.failed, MetricUnit.Count, 1);
    logger.error('Aggregation failed', error as Error);
    throw error;
  } finally {
    metrics.publishStoredMetrics();
  }
};
