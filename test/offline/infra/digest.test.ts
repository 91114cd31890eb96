import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { cachedSynth } from './synth-stack.ts';

const synth = cachedSynth();

describe('the LEC digest in the cloud', () => {
  it('should run daily at 08:00 New Zealand time on the scheduled-run construct, with its failed-runs queue', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const digest = synthesized.stack.digest!;
    synthesized.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'Pacific/Auckland',
      Target: {
        Arn: synthesized.resolve(digest.handler.function.functionArn),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: synthesized.resolve(digest.failedRuns.queueArn) },
        Input: Match.serializedJson(Match.objectLike({ source: 'daily-schedule' })),
      },
    });
  });

  it('should let the function send only from the sender address, through the reminders’ configuration set', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const role = synthesized.logicalId(synthesized.stack.digest!.handler.role);
    const statements = Object.values(
      synthesized.template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } }),
    ).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const ses = statements.filter((s) => JSON.stringify(s.Action).includes('ses:'));
    expect(ses).toHaveLength(1);
    expect(ses[0]).toMatchObject({
      Action: 'ses:SendEmail',
      Condition: { StringEquals: { 'ses:FromAddress': 'reminders@records.example.org' } },
    });
    const resources = JSON.stringify(ses[0].Resource);
    expect(resources).toContain(':identity/records.example.org');
    expect(resources).toContain(':configuration-set/');
    expect(resources).not.toContain('*');
  });

  it('should alarm when a digest run fails after its retries', () => {
    // Act
    const { template } = synth({ env: 'prod' });

    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('LEC digest: a run could not be delivered'),
      Threshold: 1,
    });
  });

  it('should name the function and its failed-runs queue in the outputs, for an operator to run a day again', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const outputs = synthesized.template.toJSON().Outputs;
    const digest = synthesized.stack.digest!;
    expect(outputs.DigestFunctionName.Value).toEqual(
      synthesized.resolve(digest.handler.function.functionName),
    );
    expect(outputs.DigestFailedRunsQueueUrl.Value).toEqual(synthesized.resolve(digest.failedRuns.queueUrl));
  });
});
