import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildStack, cachedSynth } from './synth-stack.ts';

const synth = cachedSynth();

describe('daily reminders', () => {
  it('should run at 07:00 New Zealand time every day, naming the day by the scheduled time', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const reminders = synthesized.stack.reminders!;
    synthesized.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 * * ? *)',
      ScheduleExpressionTimezone: 'Pacific/Auckland',
      State: 'ENABLED',
      Target: {
        Arn: synthesized.resolve(reminders.handler.function.functionArn),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: synthesized.resolve(reminders.failedRuns.queueArn) },
        Input: Match.serializedJson(
          Match.objectLike({ source: 'daily-schedule', scheduledTime: '<aws.scheduler.scheduled-time>' }),
        ),
      },
    });
  });

  it("should verify the sender's domain and suppress addresses that bounce or complain", () => {
    // Act
    const { template } = synth({ env: 'prod' });

    // Assess
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'records.example.org' });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      ReputationOptions: { ReputationMetricsEnabled: true },
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
      }),
    });
  });

  it('should let the function send only from the sender address, through its configuration set', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const role = synthesized.logicalId(synthesized.stack.reminders!.handler.role);
    const policies = Object.values(
      synthesized.template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } }),
    );
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
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

  it('should give the function its sender, configuration set, link secret and the API address for links', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const { reminders, api } = synthesized.stack;
    synthesized.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          REMINDER_FROM: 'Partnership Records <reminders@records.example.org>',
          SES_CONFIGURATION_SET: synthesized.resolve(reminders!.configurationSet.configurationSetName),
          REMINDER_LINK_SECRET_ARN: synthesized.resolve(reminders!.linkSecret.secretArn),
          PUBLIC_API_URL: Match.anyValue(),
          SITE_URL: Match.anyValue(),
        }),
      },
    });
    // The API's public function checks the same links; no other API function is told the secret.
    const variables = (fn: { node: { defaultChild?: unknown } }) =>
      synthesized.template.toJSON().Resources[synthesized.logicalId(fn)].Properties.Environment.Variables;
    expect(variables(api.functions.public.function).REMINDER_LINK_SECRET_ARN).toEqual(
      synthesized.resolve(reminders!.linkSecret.secretArn),
    );
    for (const name of ['records', 'knowledge', 'reports'] as const)
      expect(variables(api.functions[name].function).REMINDER_LINK_SECRET_ARN, name).toBeUndefined();
  });

  it('should expire the sent log through the table time-to-live attribute', () => {
    // Act
    const { template } = synth({ env: 'prod' });

    // Assess
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('should alarm on failed runs and on bounce and complaint rates SES would act on', () => {
    // Act
    const { template } = synth({ env: 'prod' });

    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.BounceRate',
      Threshold: 0.04,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.ComplaintRate',
      Threshold: 0.001,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^Daily reminders: a run could not be delivered'),
    });
  });

  it('should leave reminders out until an operator names the sender, and refuse a sender that is not an address', () => {
    // Act
    const { stack } = buildStack({ env: 'dev', context: { reminderSender: '' } });
    const withBadSender = () =>
      buildStack({ env: 'dev', context: { reminderSender: 'reminders at example' } });

    // Assess
    expect(stack.reminders).toBeUndefined();
    expect(withBadSender).toThrow(/reminderSender.*expected an email address/);
  });
});
