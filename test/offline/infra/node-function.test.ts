import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { cachedSynth, type SynthesizedStack } from './synth-stack.ts';

const synth = cachedSynth();

/** The API's functions and the nightly job's, by the service name they log under. */
function ourFunctions(synthesized: SynthesizedStack) {
  const { stack } = synthesized;
  return {
    'records-api': stack.api.handler,
    'records-knowledge-api': stack.api.functions.knowledge,
    'records-reports-api': stack.api.functions.reports,
    'records-public-api': stack.api.functions.public,
    'records-aggregate': stack.aggregation.handler,
  };
}

function functionResource(synthesized: SynthesizedStack, fn: { node: { defaultChild?: unknown } }) {
  return synthesized.template.toJSON().Resources[synthesized.logicalId(fn)];
}

describe('Lambda functions', () => {
  it('should run on the newest Node.js runtime, on arm64, with source maps and JSON logs', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    for (const [service, handler] of Object.entries(ourFunctions(synthesized))) {
      expect(functionResource(synthesized, handler.function).Properties, service).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: expect.objectContaining({ LogFormat: 'JSON' }),
        Environment: { Variables: expect.objectContaining({ NODE_OPTIONS: '--enable-source-maps' }) },
      });
    }
  });

  it('should give Powertools the service name, metrics namespace and log level', () => {
    // Act
    const prod = synth({ env: 'prod' });
    const dev = synth({ env: 'dev' });

    // Assess
    for (const [synthesized, level] of [
      [prod, 'INFO'],
      [dev, 'DEBUG'],
    ] as const) {
      for (const [service, handler] of Object.entries(ourFunctions(synthesized))) {
        expect(
          functionResource(synthesized, handler.function).Properties.Environment.Variables,
        ).toMatchObject({
          POWERTOOLS_SERVICE_NAME: service,
          POWERTOOLS_METRICS_NAMESPACE: 'PartnershipRecords',
          POWERTOOLS_LOG_LEVEL: level,
        });
      }
    }
  });

  it('should log to a log group of its own with retention', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    for (const handler of Object.values(ourFunctions(synthesized))) {
      const logGroupId = synthesized.logicalId(handler.logGroup);
      expect(functionResource(synthesized, handler.function).Properties.LoggingConfig).toEqual({
        LogGroup: { Ref: logGroupId },
        LogFormat: 'JSON',
      });
      expect(synthesized.template.toJSON().Resources[logGroupId]).toMatchObject({
        Properties: { RetentionInDays: 365 },
        DeletionPolicy: 'Retain',
      });
    }
  });

  it('should keep dev logs for two weeks and delete them with the stack', () => {
    // Act
    const synthesized = synth({ env: 'dev' });

    // Assess
    for (const handler of Object.values(ourFunctions(synthesized))) {
      expect(synthesized.template.toJSON().Resources[synthesized.logicalId(handler.logGroup)]).toMatchObject({
        Properties: { RetentionInDays: 14 },
        DeletionPolicy: 'Delete',
      });
    }
  });

  it('should use roles without AWS managed policies that write only to their own log group', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    for (const handler of Object.values(ourFunctions(synthesized))) {
      const role = synthesized.template.toJSON().Resources[synthesized.logicalId(handler.role)];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      synthesized.template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: synthesized.logicalId(handler.role) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: synthesized.resolve(handler.logGroup.logGroupArn),
            },
          ]),
        },
      });
    }
  });
});
