import { Duration, TimeZone, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createEncryptedQueue } from './encrypted-queue.ts';
import type { EnvironmentConfig } from './environment-config.ts';
import { METRICS_NAMESPACE, NodeFunction } from './node-function.ts';
import type { RecordsTable } from './records-table.ts';
import { runOnSchedule } from './scheduled-run.ts';
import { grantSnapshotReadWrite } from './snapshot-bucket.ts';

/** 02:00 in New Zealand, daylight saving included: after the working day, before anyone looks. */
const NIGHTLY_RUN = scheduler.ScheduleExpression.cron({
  minute: '0',
  hour: '2',
  timeZone: TimeZone.PACIFIC_AUCKLAND,
});

/**
 * Every 15 minutes the knowledge index's snapshot is caught up with what changed, so that a cold
 * start of the knowledge function loads an index at most that old and catches up the rest
 * (functions/domain/knowledge-base.ts refuses one older than an hour and builds instead).
 */
const SEARCH_SNAPSHOT_RUN = scheduler.ScheduleExpression.rate(Duration.minutes(15));

/** A run is overdue when none has succeeded for a day plus two hours of slack. */
export const RUN_OVERDUE_AFTER_HOURS = 26;

/**
 * The metric the aggregation handler emits (Powertools, Count 1) after publishing a snapshot;
 * must match AGGREGATION_METRICS in functions/aggregate/lambda.ts (a test checks).
 */
export const AGGREGATION_SUCCESS_METRIC = {
  serviceName: 'records-aggregate',
  metricName: 'AggregationSucceeded',
} as const;

export interface NightlyAggregationProps {
  config: EnvironmentConfig;
  /** Absolute path of the aggregation handler entry (functions/handlers/aggregate.ts). */
  entry: string;
  table: RecordsTable;
  snapshotBucket: s3.IBucket;
}

/**
 * Once a night, EventBridge Scheduler starts the aggregation function, which reads current records
 * and writes the dashboard snapshot. Failures are retried twice over: Scheduler retries delivering
 * the event, Lambda retries the asynchronous invocation. What still fails lands in one encrypted
 * queue (`failedRuns`) that monitoring alarms on, so a missed night is never silent.
 */
export class NightlyAggregation extends Construct {
  readonly handler: NodeFunction;
  readonly schedule: scheduler.Schedule;
  /** Undeliverable schedule events and failed invocation records, kept 14 days for diagnosis. */
  readonly failedRuns: sqs.Queue;

  constructor(scope: Construct, id: string, props: NightlyAggregationProps) {
    super(scope, id);
    const { config } = props;

    this.failedRuns = createEncryptedQueue(this, 'FailedRuns', { retentionPeriod: Duration.days(14) });
    Validations.of(this.failedRuns).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the nightly run; nothing consumes it automatically, ' +
        'an alarm fires on its first message and an operator reads it (docs/deploy.md).',
    });

    this.handler = new NodeFunction(this, 'Handler', {
      entry: props.entry,
      description: 'Partnership Records nightly aggregation into dashboard snapshots',
      serviceName: AGGREGATION_SUCCESS_METRIC.serviceName,
      config,
      concurrencyName: 'aggregate',
      // Reads every current record in parallel queries: memory buys CPU and network here.
      memorySize: 1024,
      timeout: Duration.minutes(10),
      environment: {
        TABLE_NAME: props.table.tableInUse.tableName,
        SNAPSHOT_BUCKET: props.snapshotBucket.bucketName,
      },
    });
    // It pages through current records by index, and never reads one by key.
    props.table.grant(this.handler.role, ['dynamodb:Query']);
    grantSnapshotReadWrite(props.snapshotBucket, this.handler.role);

    this.schedule = runOnSchedule(this, {
      handler: this.handler,
      failedRuns: this.failedRuns,
      schedule: NIGHTLY_RUN,
      scheduleId: 'Nightly',
      scheduleDescription: 'Builds the dashboard snapshot every night at 02:00 New Zealand time',
      runName: 'the nightly aggregation',
      environmentName: config.name,
      // The scheduled time names the snapshot's date, so a retry or a late start rewrites the same night.
      eventSource: 'nightly-schedule',
      alsoRuns: [
        {
          scheduleId: 'SearchSnapshots',
          schedule: SEARCH_SNAPSHOT_RUN,
          scheduleDescription: "Catches up the knowledge base's saved search index every 15 minutes",
          task: 'search-snapshots',
        },
      ],
    });
  }

  /**
   * Snapshots published, per hour: the handler's own success metric, so a run that ends without
   * error but publishes nothing does not count. Powertools adds the `service` dimension.
   */
  metricSuccessfulRuns(): cloudwatch.IMetric {
    return new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: AGGREGATION_SUCCESS_METRIC.metricName,
      dimensionsMap: { service: AGGREGATION_SUCCESS_METRIC.serviceName },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.hours(1),
    });
  }
}
