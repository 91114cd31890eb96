import { S3SnapshotSink } from '../aggregate/s3-sink.ts';
import { SnapshotFiles } from '../aggregate/snapshot-files.ts';
import { dashboardArea } from '../api/routes/dashboard.ts';
import { digestPreviewArea } from '../api/routes/digest-preview.ts';
import { weeklyReportArea } from '../api/routes/weekly-report.ts';
import { digestPages } from '../digest/site-links.ts';
import { WeeklyReports } from '../reports/weekly-report-service.ts';
import { DynamoDigestSentLog } from '../store/digest-sent-log.ts';
import { StoreDigestSource } from '../store/digest-source.ts';
import { DynamoDigestUnsubscribes } from '../store/digest-unsubscribes.ts';
import { apiFunctionHandler } from './api-function.ts';

/**
 * Lambda entry for the dashboard snapshots and the quarterly and weekly reports (/v1/dashboard/…,
 * /v1/reports/…): read-only, and the only API function that may read the snapshot files
 * (functions/api/api-functions.ts).
 */
export const handler = apiFunctionHandler('reports', ({ config, client, store }) => {
  // The S3 client is loaded on the first dashboard request, not at cold start (see S3SnapshotSink).
  const snapshots = config.snapshotBucket
    ? new SnapshotFiles(new S3SnapshotSink(config.snapshotBucket))
    : undefined;
  return [
    dashboardArea(snapshots),
    weeklyReportArea(new WeeklyReports(store)),
    // The staff preview of a group's next digest reads what the digest run reads, and changes nothing.
    digestPreviewArea({
      store,
      source: new StoreDigestSource(store, snapshots),
      sentLog: new DynamoDigestSentLog(client, config.tableName),
      unsubscribes: new DynamoDigestUnsubscribes(client, config.tableName),
      pages: digestPages(config.siteUrl ?? '', config.publicSiteUrl ?? config.siteUrl ?? ''),
    }),
  ];
});
