import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from './environment-config.ts';
import { RUN_OVERDUE_AFTER_HOURS } from './nightly-aggregation.ts';
import { BOUNCE_RATE_ALARM, COMPLAINT_RATE_ALARM } from './reminders.ts';

export interface MonitoringProps {
  config: EnvironmentConfig;
  apis: { name: string; api: apigw.IHttpApi }[];
  functions: { name: string; function: lambda.IFunction }[];
  aggregation: { successfulRuns: cloudwatch.IMetric; failedRuns: sqs.IQueue };
  /** The LEC digest's failed-runs queue, when the stack has the digest. */
  digestFailedRuns?: sqs.IQueue;
  /** The daily reminders, when the stack has them. */
  reminders?: { failedRuns: sqs.IQueue; bounceRate: cloudwatch.IMetric; complaintRate: cloudwatch.IMetric };
}

/** Server errors tolerated in five minutes before anyone is woken: a single blip is not an incident. */
const API_5XX_THRESHOLD = 3;
const FIVE_MINUTES = Duration.minutes(5);

/**
 * Alarms that mean "someone should look", all sent to one encrypted SNS topic (and by email when
 * `alarmEmail` is set): API server errors, function errors and throttles, a nightly run that failed
 * or has not succeeded for 26 hours.
 */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { config } = props;

    // CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key, whose policy we
    // cannot change; a customer key lets us grant CloudWatch alone.
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: `Encrypts Partnership Records alarm notifications (${config.name})`,
      enableKeyRotation: true,
      removalPolicy: config.removalPolicy,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `Partnership Records alarms (${config.name})`,
      masterKey: key,
      enforceSSL: true,
    });
    if (config.alarmEmail) this.topic.addSubscription(new EmailSubscription(config.alarmEmail));

    for (const { name, api } of props.apis) {
      this.alarmWhenAtLeast(`${name}ServerErrors`, {
        description: `${name}: ${API_5XX_THRESHOLD} or more 5xx responses in 5 minutes`,
        metric: api.metricServerError({ statistic: 'Sum', period: FIVE_MINUTES }),
        threshold: API_5XX_THRESHOLD,
      });
    }

    for (const { name, function: fn } of props.functions) {
      this.alarmWhenAtLeast(`${name}Errors`, {
        description: `${name}: the function failed (threw, timed out or ran out of memory)`,
        metric: fn.metricErrors({ statistic: 'Sum', period: FIVE_MINUTES }),
        threshold: 1,
      });
      this.alarmWhenAtLeast(`${name}Throttles`, {
        description: `${name}: invocations were refused for lack of concurrency`,
        metric: fn.metricThrottles({ statistic: 'Sum', period: FIVE_MINUTES }),
        threshold: 1,
      });
    }

    this.alarmWhenAtLeast('AggregationFailedRuns', {
      description:
        'Nightly aggregation: a run could not be delivered or failed after retries (see the failed-runs queue)',
      metric: props.aggregation.failedRuns.metricApproximateNumberOfMessagesVisible({
        statistic: 'Maximum',
        period: FIVE_MINUTES,
      }),
      threshold: 1,
    });

    // One-hour buckets, alarming when every one of the last 26 saw no successful run. Missing data
    // counts as "no run": an aggregation that never starts must alarm too.
    this.addAlarm('AggregationOverdue', {
      alarmDescription: `Nightly aggregation: no successful run in ${RUN_OVERDUE_AFTER_HOURS} hours`,
      metric: props.aggregation.successfulRuns,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: RUN_OVERDUE_AFTER_HOURS,
      datapointsToAlarm: RUN_OVERDUE_AFTER_HOURS,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });

    if (props.reminders) this.reminderAlarms(props.reminders);
    if (props.digestFailedRuns) {
      this.alarmWhenAtLeast('DigestFailedRuns', {
        description:
          'LEC digest: a run could not be delivered or failed after retries (see its failed-runs queue)',
        metric: props.digestFailedRuns.metricApproximateNumberOfMessagesVisible({
          statistic: 'Maximum',
          period: FIVE_MINUTES,
        }),
        threshold: 1,
      });
    }
  }

  /** Reminder runs that failed after retries, and a bounce or complaint rate SES would act on. */
  private reminderAlarms(reminders: NonNullable<MonitoringProps['reminders']>): void {
    this.alarmWhenAtLeast('RemindersFailedRuns', {
      description:
        'Daily reminders: a run could not be delivered or failed after retries (see its failed-runs queue)',
      metric: reminders.failedRuns.metricApproximateNumberOfMessagesVisible({
        statistic: 'Maximum',
        period: FIVE_MINUTES,
      }),
      threshold: 1,
    });
    this.alarmWhenAtLeast('ReminderBounceRate', {
      description: `Reminder emails: bounce rate at ${BOUNCE_RATE_ALARM * 100}% or more (SES reviews the account at 5%); check the addresses people are reminded at`,
      metric: reminders.bounceRate,
      threshold: BOUNCE_RATE_ALARM,
    });
    this.alarmWhenAtLeast('ReminderComplaintRate', {
      description: `Reminder emails: complaint rate at ${COMPLAINT_RATE_ALARM * 100}% or more (SES reviews the account at 0.1%)`,
      metric: reminders.complaintRate,
      threshold: COMPLAINT_RATE_ALARM,
    });
  }

  /** "At least `threshold` in one period", where no data means nothing went wrong. */
  private alarmWhenAtLeast(
    id: string,
    props: { description: string; metric: cloudwatch.IMetric; threshold: number },
  ): void {
    this.addAlarm(id, {
      alarmDescription: props.description,
      metric: props.metric,
      threshold: props.threshold,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  private addAlarm(id: string, props: cloudwatch.AlarmProps): void {
    const alarm = new cloudwatch.Alarm(this, id, props);
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
