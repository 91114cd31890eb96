import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_SNAPSHOT_KEY } from '../../../functions/aggregate/knowledge-snapshot-source.ts';
import { SNAPSHOT_KEYS } from '../../../infra/lib/snapshot-bucket.ts';
import { cachedSynth } from './synth-stack.ts';

const synth = cachedSynth();

describe('nightly aggregation', () => {
  it('should run at 02:00 New Zealand time every day', () => {
    // Act
    const { template } = synth({ env: 'prod' });

    // Assess
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'Pacific/Auckland',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
    });
  });

  it('should invoke the aggregation function with retries and the failed-runs queue as dead-letter queue', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const { stack } = synthesized;

    synthesized.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: {
        Arn: synthesized.resolve(stack.aggregation.handler.function.functionArn),
        RoleArn: Match.anyValue(),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: synthesized.resolve(stack.aggregation.failedRuns.queueArn) },
        Input: Match.serializedJson(
          Match.objectLike({ source: 'nightly-schedule', scheduledTime: '<aws.scheduler.scheduled-time>' }),
        ),
      },
    });
  });

  it("should catch the knowledge index's snapshot up every 15 minutes, through the same role, retries and queue", () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const { stack, template } = synthesized;
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')).filter(
      (s) =>
        JSON.stringify(s.Properties.Target.Arn) ===
        JSON.stringify(synthesized.resolve(stack.aggregation.handler.function.functionArn)),
    );
    expect(schedules).toHaveLength(2);
    const search = schedules.find((s) => s.Properties.ScheduleExpression === 'rate(15 minutes)');
    expect(JSON.parse(search!.Properties.Target.Input)).toMatchObject({
      source: 'nightly-schedule',
      task: 'search-snapshots',
    });
    const nightly = schedules.find((s) => s !== search)!;
    expect(JSON.parse(nightly.Properties.Target.Input).task).toBeUndefined();
    expect(search!.Properties.Target.RoleArn).toEqual(nightly.Properties.Target.RoleArn);
    expect(search!.Properties.Target.DeadLetterConfig).toEqual({
      Arn: synthesized.resolve(stack.aggregation.failedRuns.queueArn),
    });
  });

  it('should keep the search snapshot under the prefix the grants name', () => {
    // Assess
    expect(KNOWLEDGE_SNAPSHOT_KEY.startsWith(SNAPSHOT_KEYS.searchPrefix)).toBe(true);
  });

  it('should retry failed invocations and send what still fails to the same queue', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const { stack } = synthesized;

    synthesized.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: synthesized.resolve(stack.aggregation.handler.function.functionName),
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: {
        OnFailure: { Destination: synthesized.resolve(stack.aggregation.failedRuns.queueArn) },
      },
    });
  });

  it('should keep failed runs in an encrypted queue that refuses plain HTTP', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const queueId = synthesized.logicalId(synthesized.stack.aggregation.failedRuns);

    synthesized.template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: synthesized.resolve(synthesized.stack.dataKey.keyArn),
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    synthesized.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('should let only this account’s scheduler assume the schedule role', () => {
    // Act
    const { template } = synth({ env: 'prod' });

    // Assess
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })],
        },
      },
    });
    // The nightly aggregation's, the daily reminders' and the digest's.
    expect(Object.values(roles)).toHaveLength(3);
    for (const role of Object.values(roles)) {
      expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      });
    }
  });
});
