import { S3SnapshotSink } from '../aggregate/s3-sink.ts';
import { SnapshotFiles } from '../aggregate/snapshot-files.ts';
import { dashboardArea } from '../api/routes/dashboard.ts';
import { weeklyReportArea } from '../api/routes/weekly-report.ts';
import { WeeklyReports } from '../reports/weekly-report-service.ts';
import { apiFunctionHandler } from './api-function.ts';

/**
 * Lambda entry for the dashboard snapshots and the quarterly and weekly reports (/v1/dashboard/…,
 * /v1/reports/…): read-only, and the only API function that may read the snapshot files
 * (functions/api/api-functions.ts).
 */
export const handler = apiFunctionHandler('reports', ({ config, store }) => [
  // The S3 client is loaded on the first dashboard request, not at cold start (see S3SnapshotSink).
  dashboardArea(
    config.snapshotBucket ? new SnapshotFiles(new S3SnapshotSink(config.snapshotBucket)) : undefined,
  ),
  weeklyReportArea(new WeeklyReports(store)),
]);
