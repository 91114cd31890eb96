import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createEncryptedQueue } from './encrypted-queue.ts';
import type { EnvironmentConfig } from './environment-config.ts';
import { NodeFunction } from './node-function.ts';
import type { RecordsTable } from './records-table.ts';
import { grantLinkSecretRead } from './reminders.ts';
import { runOnSchedule } from './scheduled-run.ts';
import { grantSnapshotRead } from './snapshot-bucket.ts';

/**
 * 08:00 in New Zealand every day, daylight saving included, an hour after the reminders: each
 * run sends the members whose group's period has begun and who have not had its digest yet.
 */
const DAILY_DIGEST = scheduler.ScheduleExpression.cron({
  minute: '0',
  hour: '8',
  timeZone: TimeZone.PACIFIC_AUCKLAND,
});

export interface DigestProps {
  config: EnvironmentConfig;
  /** The verified sender address (the reminders' `reminderSender`, on the same SES domain identity). */
  sender: string;
  /** Absolute path of functions/handlers/digest.ts. */
  entry: string;
  table: RecordsTable;
  /** The reminders' domain identity and configuration set: one sending domain, one suppression list. */
  identity: ses.EmailIdentity;
  configurationSet: ses.ConfigurationSet;
  linkSecret: secretsmanager.ISecret;
  /** The people's API (the signed-link pages), the partner site and the public website. */
  publicApiUrl: string;
  siteUrl: string;
  publicSiteUrl: string;
  snapshots: s3.IBucket;
}

/**
 * The LEC group digest: EventBridge Scheduler starts the function daily on the same scheduled-run
 * construct as the reminders (retries on both sides, a failed-runs queue with an alarm); it reads
 * the records once, claims each member's period in the sent log with a conditional write and sends
 * through SES from the one verified sender, through the configuration set that suppresses
 * addresses that bounce or complain.
 */
export class Digest extends Construct {
  readonly handler: NodeFunction;
  readonly schedule: scheduler.Schedule;
  readonly failedRuns: sqs.Queue;

  constructor(scope: Construct, id: string, props: DigestProps) {
    super(scope, id);
    const { config, sender } = props;
    const domain = sender.split('@')[1]!;
    const stack = Stack.of(this);

    this.failedRuns = createEncryptedQueue(this, 'FailedRuns', { retentionPeriod: Duration.days(14) });
    Validations.of(this.failedRuns).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the digest runs; an alarm fires on its first message and an operator reads it (docs/deploy.md).',
    });

    this.handler = new NodeFunction(this, 'Handler', {
      entry: props.entry,
      description: 'Partnership Records LEC group digest emails',
      serviceName: 'records-digest',
      config,
      concurrencyName: 'digest',
      memorySize: 1024,
      timeout: Duration.minutes(15),
      environment: {
        TABLE_NAME: props.table.tableInUse.tableName,
        DIGEST_FROM: `Partnership Records <${sender}>`,
        SES_CONFIGURATION_SET: props.configurationSet.configurationSetName,
        REMINDER_LINK_SECRET_ARN: props.linkSecret.secretArn,
        PUBLIC_API_URL: props.publicApiUrl,
        SITE_URL: props.siteUrl,
        PUBLIC_SITE_URL: props.publicSiteUrl,
        SNAPSHOT_BUCKET: props.snapshots.bucketName,
      },
    });
    // Reads records by index and members' sent log and unsubscribes in batches; claims a period
    // with a conditional put, marks it sent (update, put of the "last digest") or gives it back.
    props.table.grant(this.handler.role, [
      'dynamodb:Query',
      'dynamodb:BatchGetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]);
    grantLinkSecretRead(props.linkSecret, this.handler.role);
    grantSnapshotRead(props.snapshots, this.handler.role);
    // Sending only from the one address, only through the reminders' configuration set.
    this.handler.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: domain }),
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: props.configurationSet.configurationSetName,
          }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': sender } },
      }),
    );

    this.schedule = runOnSchedule(this, {
      handler: this.handler,
      failedRuns: this.failedRuns,
      schedule: DAILY_DIGEST,
      scheduleId: 'Daily',
      scheduleDescription: 'Sends the LEC group digests that are due, every day at 08:00 New Zealand time',
      runName: 'the LEC digest',
      environmentName: config.name,
      eventSource: 'daily-schedule',
    });
  }
}
