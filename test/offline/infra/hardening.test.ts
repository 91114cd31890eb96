import { describe, expect, it } from 'vitest';
import { cachedSynth, type SynthesizedStack } from './synth-stack.ts';

/**
 * What a security reviewer checks across the whole template. Every check iterates over all
 * resources of a type, so a function, queue, bucket or log group added later is covered unasked.
 */
const synth = cachedSynth();

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

function resourcesOfType(synthesized: SynthesizedStack, type: string): [string, Resource][] {
  return Object.entries(synthesized.template.toJSON().Resources as Record<string, Resource>).filter(
    ([, resource]) => resource.Type === type,
  );
}

/** Functions CDK itself adds (S3 auto-delete, bucket deployment) are not ours to configure. */
function ourFunctions(synthesized: SynthesizedStack): [string, Resource][] {
  return resourcesOfType(synthesized, 'AWS::Lambda::Function').filter(
    ([, fn]) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME !== undefined,
  );
}

describe('region', () => {
  it('should deploy to Sydney when no region is configured, whatever the CLI would default to', () => {
    const { stack, app } = synth({ env: 'prod' });

    expect(stack.region).toBe('ap-southeast-2');
    expect(app.synth().getStackByName(stack.stackName).environment.region).toBe('ap-southeast-2');
  });

  it('should deploy where the operator says on purpose, per environment or on the command line', () => {
    expect(synth({ env: 'prod', context: { region: 'ap-southeast-6' } }).stack.region).toBe('ap-southeast-6');
    expect(
      synth({ env: 'dev', context: { environments: { dev: { region: 'ap-southeast-4' } } } }).stack.region,
    ).toBe('ap-southeast-4');
  });

  it('should issue machine tokens from a user pool in that region', () => {
    const synthesized = synth({ env: 'prod' });
    const issuers = JSON.stringify(synthesized.resolve(synthesized.stack.machineAuth.issuer));

    expect(issuers).toContain('cognito-idp.ap-southeast-2.amazonaws.com');
    expect(JSON.stringify(synthesized.template.toJSON())).not.toContain('us-east-1.amazonaws.com');
  });
});

describe('functions', () => {
  it.each(['prod', 'dev'] as const)('should trace every function with X-Ray (%s)', (env) => {
    const synthesized = synth({ env });
    const functions = ourFunctions(synthesized);

    expect(functions.length).toBeGreaterThanOrEqual(2);
    for (const [id, fn] of functions) expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
  });

  it('should reserve concurrency for every function in prod: the API capped, one nightly run at a time', () => {
    const synthesized = synth({ env: 'prod' });

    for (const [id, fn] of ourFunctions(synthesized)) {
      expect(fn.Properties.ReservedConcurrentExecutions, id).toBeGreaterThan(0);
    }
    const byLogicalId = (construct: { node: { defaultChild?: unknown } }) =>
      synthesized.template.toJSON().Resources[synthesized.logicalId(construct)].Properties;
    expect(byLogicalId(synthesized.stack.api.handler.function).ReservedConcurrentExecutions).toBe(50);
    expect(byLogicalId(synthesized.stack.aggregation.handler.function).ReservedConcurrentExecutions).toBe(1);
  });

  it('should reserve none in dev, where new accounts have too little concurrency to share', () => {
    for (const [id, fn] of ourFunctions(synth({ env: 'dev' }))) {
      expect(fn.Properties.ReservedConcurrentExecutions, id).toBeUndefined();
    }
  });

  it('should encrypt every function environment with the data key', () => {
    const synthesized = synth({ env: 'prod' });
    const keyArn = synthesized.resolve(synthesized.stack.dataKey.keyArn);

    for (const [id, fn] of ourFunctions(synthesized)) expect(fn.Properties.KmsKeyArn, id).toEqual(keyArn);
  });
});

describe('encryption at rest with the customer-managed key', () => {
  it('should rotate the data key yearly and keep it in prod', () => {
    const synthesized = synth({ env: 'prod' });
    const key = synthesized.template.toJSON().Resources[synthesized.logicalId(synthesized.stack.dataKey)];

    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
  });

  it('should encrypt the table with it', () => {
    const synthesized = synth({ env: 'prod' });
    const keyArn = synthesized.resolve(synthesized.stack.dataKey.keyArn);

    for (const [id, table] of resourcesOfType(synthesized, 'AWS::DynamoDB::Table')) {
      expect(table.Properties.SSESpecification, id).toEqual({
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: keyArn,
      });
    }
  });

  it('should encrypt every queue and every log group with it', () => {
    const synthesized = synth({ env: 'prod' });
    const keyArn = synthesized.resolve(synthesized.stack.dataKey.keyArn);
    const queues = resourcesOfType(synthesized, 'AWS::SQS::Queue');
    const logGroups = resourcesOfType(synthesized, 'AWS::Logs::LogGroup');

    expect(queues.length).toBeGreaterThanOrEqual(1);
    expect(logGroups.length).toBeGreaterThanOrEqual(4);
    for (const [id, queue] of queues) expect(queue.Properties.KmsMasterKeyId, id).toEqual(keyArn);
    for (const [id, group] of logGroups) expect(group.Properties.KmsKeyId, id).toEqual(keyArn);
  });

  it('should encrypt every bucket with it, except the one S3 log delivery writes to', () => {
    const synthesized = synth({ env: 'prod' });
    const keyArn = synthesized.resolve(synthesized.stack.dataKey.keyArn);
    const accessLogsId = synthesized.logicalId(synthesized.stack.accessLogs);

    for (const [id, bucket] of resourcesOfType(synthesized, 'AWS::S3::Bucket')) {
      const [rule] = bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration;
      if (id === accessLogsId) expect(rule.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
      else
        expect(rule.ServerSideEncryptionByDefault, id).toEqual({
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: keyArn,
        });
    }
  });

  it('should let CloudWatch Logs use the key only for log groups of this account and region', () => {
    const synthesized = synth({ env: 'prod' });
    const key = synthesized.template.toJSON().Resources[synthesized.logicalId(synthesized.stack.dataKey)];
    const logs = key.Properties.KeyPolicy.Statement.find(
      (statement: { Principal?: { Service?: string } }) =>
        statement.Principal?.Service === 'logs.ap-southeast-2.amazonaws.com',
    );

    expect(logs.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn']).toBeDefined();
  });
});
