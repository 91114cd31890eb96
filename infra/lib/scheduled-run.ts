import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { grantDataKeyUse } from './data-key.ts';
import { nagArnToken } from './nag-acknowledgements.ts';
import type { NodeFunction } from './node-function.ts';

export interface ScheduledRunProps {
  handler: NodeFunction;
  /** The encrypted queue that keeps undeliverable events and failed invocations for an operator. */
  failedRuns: sqs.IQueue;
  schedule: scheduler.ScheduleExpression;
  /** Construct id of the schedule (`Nightly`, `Daily`): kept stable, as it names the resource. */
  scheduleId: string;
  scheduleDescription: string;
  /** What the scheduler role starts, for its description: "the nightly aggregation". */
  runName: string;
  environmentName: string;
  /** `source` of the event the handler receives, so it can tell a scheduled run from a manual one. */
  eventSource: string;
  /**
   * More schedules of the same function, with the same role, retries and failed-runs queue, whose
   * events carry `task` so the handler knows which run it is (the aggregation's 15-minute search
   * snapshots beside its nightly run).
   */
  alsoRuns?: {
    scheduleId: string;
    schedule: scheduler.ScheduleExpression;
    scheduleDescription: string;
    task: string;
  }[];
}

/**
 * Starts a function on a schedule with retries on both sides, as the nightly aggregation and the
 * daily reminders both need: Scheduler retries delivering the event, Lambda retries the
 * asynchronous invocation, and what still fails lands in `failedRuns`, so a missed run is never
 * silent. The event carries the scheduled time, so a retry hours later works on the same day.
 */
export function runOnSchedule(scope: Construct, props: ScheduledRunProps): scheduler.Schedule {
  const { handler, failedRuns } = props;

  // Scheduler invokes asynchronously, so a function error is retried by Lambda, not Scheduler.
  handler.function.configureAsyncInvoke({
    retryAttempts: 2,
    maxEventAge: Duration.hours(6),
    onFailure: new SqsDestination(failedRuns),
  });
  for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
    Validations.of(handler.role).acknowledge({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason:
        "Added by CDK's SQS failure destination so that Lambda can send to the failed-runs queue, which is encrypted " +
        'with the data key; the statement names that one key.',
    });
  }

  // Our own role rather than the stack-wide one the target would create, so that it sits here
  // with its acknowledgement and serves only this schedule.
  const schedulerRole = new iam.Role(scope, 'SchedulerRole', {
    // Only schedules in this account may use the role (confused-deputy guard).
    assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
    description: `Lets EventBridge Scheduler start ${props.runName} (${props.environmentName})`,
  });
  Validations.of(schedulerRole).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${nagArnToken(handler.function)}:*]`,
    reason:
      'Added by the Scheduler Lambda target so that it may invoke any version or alias of this one function; ' +
      'the wildcard never reaches another function.',
  });
  // Undeliverable events go to the failed-runs queue, which is encrypted with the data key.
  grantDataKeyUse(scope, schedulerRole, 'write');

  const schedule = (
    id: string,
    expression: scheduler.ScheduleExpression,
    description: string,
    task?: string,
  ): scheduler.Schedule =>
    new scheduler.Schedule(scope, id, {
      description,
      schedule: expression,
      target: new LambdaInvoke(handler.function, {
        input: scheduler.ScheduleTargetInput.fromObject({
          source: props.eventSource,
          scheduledTime: scheduler.ContextAttribute.scheduledTime,
          ...(task ? { task } : {}),
        }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: failedRuns,
        role: schedulerRole,
      }),
    });
  for (const run of props.alsoRuns ?? [])
    schedule(run.scheduleId, run.schedule, run.scheduleDescription, run.task);
  return schedule(props.scheduleId, props.schedule, props.scheduleDescription);
}
