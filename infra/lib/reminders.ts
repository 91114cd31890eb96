import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { dataKeyOf, grantDataKeyUse } from './data-key.ts';
import { createEncryptedQueue } from './encrypted-queue.ts';
import type { EnvironmentConfig } from './environment-config.ts';
import { NodeFunction } from './node-function.ts';
import type { RecordsTable } from './records-table.ts';
import { runOnSchedule } from './scheduled-run.ts';

/** 07:00 in New Zealand, daylight saving included: before the working day starts. */
const DAILY_REMINDERS = scheduler.ScheduleExpression.cron({
  minute: '0',
  hour: '7',
  timeZone: TimeZone.PACIFIC_AUCKLAND,
});

/** SES reviews an account at a 5% bounce rate and may pause it at 10%: alarm well before. */
export const BOUNCE_RATE_ALARM = 0.04;
/** SES reviews at 0.1% complaints and may pause at 0.5%. */
export const COMPLAINT_RATE_ALARM = 0.001;

export interface RemindersProps {
  config: EnvironmentConfig;
  /** The verified sender address, like reminders@records.example.nz (context `reminderSender`). */
  sender: string;
  /** Absolute path of the reminders handler entry (functions/handlers/reminders.ts). */
  entry: string;
  table: RecordsTable;
  /** The people's API base URL: the signed-link pages (settings, actions) the emails link to. */
  publicApiUrl: string;
  /** The partner site (the dashboard's origin): the record and council pages the emails link to. */
  siteUrl: string;
  /** From `createLinkSecret`, made before the API so that the API can check the links too. */
  linkSecret: secretsmanager.ISecret;
}

/** The secret that signs the settings link in every reminder email (HS256, 64 characters). */
export function createLinkSecret(scope: Construct, config: EnvironmentConfig): secretsmanager.Secret {
  const secret = new secretsmanager.Secret(scope, 'ReminderLinkSecret', {
    description: `Signs the reminder settings links in Partnership Records emails (${config.name})`,
    encryptionKey: dataKeyOf(scope),
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
    removalPolicy: config.removalPolicy,
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'Rotating the link secret would break every settings link in emails already sent; links expire after ' +
      '60 days by themselves, and the secret grants nothing but changing one person\u2019s reminder settings.',
  });
  return secret;
}

/**
 * The daily reminder emails: EventBridge Scheduler starts the function at 07:00 New Zealand time;
 * it reads the records, writes the sent log (conditional writes, so a retry never sends twice) and
 * sends through SES from the sender's verified domain, with a configuration set that suppresses
 * addresses that bounce or complain and publishes the reputation metrics the alarms watch.
 */
export class Reminders extends Construct {
  readonly handler: NodeFunction;
  readonly schedule: scheduler.Schedule;
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  /** Signs the settings links in every email; the API reads it to check them. */
  readonly linkSecret: secretsmanager.ISecret;
  /** Undeliverable schedule events and invocations that failed after retries. */
  readonly failedRuns: sqs.Queue;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    const { config, sender } = props;
    const domain = sender.split('@')[1]!;
    const stack = Stack.of(this);

    this.identity = new ses.EmailIdentity(this, 'SenderDomain', {
      identity: ses.Identity.domain(domain),
    });
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      // Addresses that bounce or complain go on the suppression list; SES stops sending to them.
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.configurationSet.addEventDestination('DeliveryEvents', {
      destination: ses.EventDestination.cloudWatchDimensions([
        {
          name: 'ses:configuration-set',
          source: ses.CloudWatchDimensionSource.MESSAGE_TAG,
          defaultValue: 'none',
        },
      ]),
      events: [
        ses.EmailSendingEvent.SEND,
        ses.EmailSendingEvent.DELIVERY,
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.REJECT,
      ],
    });

    this.linkSecret = props.linkSecret;

    this.failedRuns = createEncryptedQueue(this, 'FailedRuns', { retentionPeriod: Duration.days(14) });
    Validations.of(this.failedRuns).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the daily reminders; an alarm fires on its first message ' +
        'and an operator reads it (docs/deploy.md).',
    });

    this.handler = new NodeFunction(this, 'Handler', {
      entry: props.entry,
      description: 'Partnership Records daily reminder emails',
      serviceName: 'records-reminders',
      config,
      concurrencyName: 'reminders',
      memorySize: 1024,
      timeout: Duration.minutes(10),
      environment: {
        TABLE_NAME: props.table.tableInUse.tableName,
        REMINDER_FROM: `Partnership Records <${sender}>`,
        SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
        REMINDER_LINK_SECRET_ARN: this.linkSecret.secretArn,
        PUBLIC_API_URL: props.publicApiUrl,
        SITE_URL: props.siteUrl,
      },
    });
    // Reads records and people by index, settings in batches; writes the sent log in transactions
    // (puts, and deletes when SES refuses) and marks it sent; the settings store it bundles can put.
    props.table.grant(this.handler.role, [
      'dynamodb:Query',
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]);
    grantLinkSecretRead(this.linkSecret, this.handler.role);
    // Sending only from the one address, only through this configuration set.
    this.handler.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: domain }),
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': sender } },
      }),
    );

    this.schedule = runOnSchedule(this, {
      handler: this.handler,
      failedRuns: this.failedRuns,
      schedule: DAILY_REMINDERS,
      scheduleId: 'Daily',
      scheduleDescription: 'Sends the reminder emails every day at 07:00 New Zealand time',
      runName: 'the daily reminders',
      environmentName: config.name,
      // The scheduled time names the day, so a retry hours later finds that day's sent log.
      eventSource: 'daily-schedule',
    });
  }

  /** The configuration set's bounce or complaint rate (published because reputation metrics are on). */
  metricReputation(kind: 'BounceRate' | 'ComplaintRate'): cloudwatch.IMetric {
    return new cloudwatch.Metric({
      namespace: 'AWS/SES',
      metricName: `Reputation.${kind}`,
      dimensionsMap: { 'ses:configuration-set': this.configurationSet.configurationSetName },
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.hours(1),
    });
  }
}

/** GetSecretValue on this one secret, and decrypting with the data key it is encrypted under. */
export function grantLinkSecretRead(secret: secretsmanager.ISecret, role: iam.IGrantable): void {
  iam.Grant.addToPrincipal({
    grantee: role,
    actions: ['secretsmanager:GetSecretValue'],
    resourceArns: [secret.secretArn],
  });
  grantDataKeyUse(secret, role, 'read');
}
