import { Match } from 'aws-cdk-lib/assertions';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AGGREGATION_SUCCESS_METRIC } from '../../../infra/lib/nightly-aggregation.ts';
import { METRICS_NAMESPACE } from '../../../infra/lib/node-function.ts';
import { cachedSynth } from './synth-stack.ts';

const synth = cachedSynth();

interface AlarmProperties {
  AlarmDescription: string;
  AlarmActions: unknown[];
  MetricName?: string;
  Namespace?: string;
  Dimensions?: { Name: string; Value: unknown }[];
  Threshold: number;
  ComparisonOperator: string;
  EvaluationPeriods: number;
  TreatMissingData: string;
}

function alarms(env: 'dev' | 'prod') {
  const synthesized = synth({ env });
  const found = synthesized.template.findResources('AWS::CloudWatch::Alarm');
  return { synthesized, alarms: Object.values(found).map((alarm) => alarm.Properties as AlarmProperties) };
}

describe('monitoring', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('should send every alarm to the alarm topic', () => {
    // Act
    const { synthesized, alarms: all } = alarms('prod');

    // Assess
    const topic = synthesized.resolve(synthesized.stack.monitoring.topic.topicArn);

    // 5xx for two APIs, errors and throttles for nine functions (five for the API), failed and
    // overdue nightly runs, failed reminder and digest runs, bounce and complaint rates.
    expect(all).toHaveLength(26);
    for (const alarm of all) expect(alarm.AlarmActions, alarm.AlarmDescription).toEqual([topic]);
  });

  it('should alarm on 5xx responses of both APIs', () => {
    // Act
    const { synthesized, alarms: all } = alarms('prod');

    // Assess
    const { api } = synthesized.stack;
    for (const httpApi of [api.peopleApi, api.machineApi]) {
      expect(all).toContainEqual(
        expect.objectContaining({
          Namespace: 'AWS/ApiGateway',
          MetricName: '5xx',
          Dimensions: [{ Name: 'ApiId', Value: synthesized.resolve(httpApi.apiId) }],
        }),
      );
    }
  });

  it("should alarm on errors and throttles of every API function and the nightly job's", () => {
    // Act
    const { synthesized, alarms: all } = alarms('prod');

    // Assess
    const functions = [
      ...Object.values(synthesized.stack.api.functions).map((handler) => handler.function),
      synthesized.stack.aggregation.handler.function,
    ];
    for (const fn of functions) {
      for (const metric of ['Errors', 'Throttles']) {
        expect(all).toContainEqual(
          expect.objectContaining({
            Namespace: 'AWS/Lambda',
            MetricName: metric,
            Dimensions: [{ Name: 'FunctionName', Value: synthesized.resolve(fn.functionName) }],
            Threshold: 1,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          }),
        );
      }
    }
  });

  it('should alarm on the first message in the failed-runs queue', () => {
    // Act
    const { synthesized, alarms: all } = alarms('prod');

    // Assess
    expect(all).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          {
            Name: 'QueueName',
            Value: synthesized.resolve(synthesized.stack.aggregation.failedRuns.queueName),
          },
        ],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    );
  });

  it('should alarm when no snapshot has been published for 26 hours, counting silence as failure', () => {
    // Act
    const { template } = synth({ env: 'prod' });

    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'PartnershipRecords',
      MetricName: 'AggregationSucceeded',
      Dimensions: [{ Name: 'service', Value: 'records-aggregate' }],
      Statistic: 'Sum',
      Period: 3600,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      EvaluationPeriods: 26,
      DatapointsToAlarm: 26,
      TreatMissingData: 'breaching',
    });
  });

  it('should watch the very metric the aggregation handler emits', async () => {
    // Prepare
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', METRICS_NAMESPACE);
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', AGGREGATION_SUCCESS_METRIC.serviceName);
    vi.resetModules();

    // Act
    const { AGGREGATION_METRICS } = await import('../../../functions/aggregate/lambda.ts');

    // Assess
    expect(AGGREGATION_METRICS.succeeded).toBe(AGGREGATION_SUCCESS_METRIC.metricName);
  });

  it('should fall back to the same metric names when the handler environment is unset', async () => {
    // Prepare: the handler falls back to these names when its environment is unset.
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', undefined);
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', undefined);
    vi.resetModules();

    // Act
    const fallback = (await import('../../../functions/aggregate/lambda.ts')).AGGREGATION_METRICS;

    // Assess
    expect({ namespace: fallback.namespace, service: fallback.service }).toEqual({
      namespace: METRICS_NAMESPACE,
      service: AGGREGATION_SUCCESS_METRIC.serviceName,
    });
  });

  it('should encrypt the topic with a rotated key CloudWatch may use, and refuse plain HTTP', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const { template, stack } = synthesized;

    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: synthesized.resolve(stack.monitoring.topic.masterKey?.keyArn),
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('should email alarms only when an address is given', () => {
    // Act
    const withoutAddress = synth({ env: 'prod' });
    const withAddress = synth({ env: 'prod', context: { alarmEmail: 'ops@example.org' } });

    // Assess
    withoutAddress.template.resourceCountIs('AWS::SNS::Subscription', 0);
    withAddress.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
    });
  });
});

describe('stack outputs', () => {
  it('should give the operator every address and name they need', () => {
    // Act
    const { template } = synth({ env: 'prod' });

    // Assess
    for (const name of [
      'ApiUrl',
      'MachineApiUrl',
      'DashboardUrl',
      'UserPoolId',
      'UserPoolClientId',
      'TokenEndpoint',
      'SnapshotBucket',
      'TableName',
      'AggregationFunctionName',
      'FailedRunsQueueUrl',
    ]) {
      template.hasOutput(name, { Value: Match.anyValue() });
    }
  });
});
