import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { cachedSynth, DASHBOARD_FIXTURE, EVERYTHING_ON, type SynthesizedStack } from './synth-stack.ts';

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
    // Act
    const { stack, app } = synth({ env: 'prod' });

    // Assess
    expect(stack.region).toBe('ap-southeast-2');
    expect(app.synth().getStackByName(stack.stackName).environment.region).toBe('ap-southeast-2');
  });

  it('should deploy where the operator says on purpose, per environment or on the command line', () => {
    // Act
    const fromCommandLine = synth({ env: 'prod', context: { region: 'ap-southeast-6' } });
    const fromEnvironment = synth({
      env: 'dev',
      context: { environments: { dev: { region: 'ap-southeast-4' } } },
    });

    // Assess
    expect(fromCommandLine.stack.region).toBe('ap-southeast-6');
    expect(fromEnvironment.stack.region).toBe('ap-southeast-4');
  });

  it('should issue machine tokens from a user pool in that region', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const issuers = JSON.stringify(synthesized.resolve(synthesized.stack.machineAuth.issuer));

    expect(issuers).toContain('cognito-idp.ap-southeast-2.amazonaws.com');
    expect(JSON.stringify(synthesized.template.toJSON())).not.toContain('us-east-1.amazonaws.com');
  });
});

describe('functions', () => {
  it.each([EVERYTHING_ON, { env: 'dev' as const }])(
    'should trace every function with X-Ray ($env)',
    (options) => {
      // Act
      const synthesized = synth(options);

      // Assess
      const functions = ourFunctions(synthesized);

      expect(functions.length).toBeGreaterThanOrEqual(2);
      for (const [id, fn] of functions) expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
    },
  );

  it('should reserve concurrency for every function in prod: the API capped, one nightly run at a time', () => {
    // Act
    const synthesized = synth(EVERYTHING_ON);

    // Assess
    for (const [id, fn] of ourFunctions(synthesized)) {
      expect(fn.Properties.ReservedConcurrentExecutions, id).toBeGreaterThan(0);
    }
    const byLogicalId = (construct: { node: { defaultChild?: unknown } }) =>
      synthesized.template.toJSON().Resources[synthesized.logicalId(construct)].Properties;
    expect(byLogicalId(synthesized.stack.api.handler.function).ReservedConcurrentExecutions).toBe(50);
    expect(byLogicalId(synthesized.stack.aggregation.handler.function).ReservedConcurrentExecutions).toBe(1);
  });

  it('should reserve none in dev, where new accounts have too little concurrency to share', () => {
    // Act
    const synthesized = synth({ env: 'dev' });

    // Assess
    for (const [id, fn] of ourFunctions(synthesized)) {
      expect(fn.Properties.ReservedConcurrentExecutions, id).toBeUndefined();
    }
  });

  it('should encrypt every function environment with the data key', () => {
    // Act
    const synthesized = synth(EVERYTHING_ON);

    // Assess
    const keyArn = synthesized.resolve(synthesized.stack.dataKey.keyArn);

    for (const [id, fn] of ourFunctions(synthesized)) expect(fn.Properties.KmsKeyArn, id).toEqual(keyArn);
  });
});

describe('encryption at rest with the customer-managed key', () => {
  it('should rotate the data key yearly and keep it in prod', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const key = synthesized.template.toJSON().Resources[synthesized.logicalId(synthesized.stack.dataKey)];

    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
  });

  it('should encrypt the table with it', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const keyArn = synthesized.resolve(synthesized.stack.dataKey.keyArn);

    for (const [id, table] of resourcesOfType(synthesized, 'AWS::DynamoDB::Table')) {
      expect(table.Properties.SSESpecification, id).toEqual({
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: keyArn,
      });
    }
  });

  it('should encrypt every queue and every log group with it, CDK-provided functions\u2019 included', () => {
    // Act
    const synthesized = synth({ env: 'prod', siteAssetsPath: DASHBOARD_FIXTURE });

    // Assess
    const keyArn = synthesized.resolve(synthesized.stack.dataKey.keyArn);
    const queues = resourcesOfType(synthesized, 'AWS::SQS::Queue');
    const logGroups = resourcesOfType(synthesized, 'AWS::Logs::LogGroup');

    expect(queues.length).toBeGreaterThanOrEqual(1);
    expect(logGroups.length).toBeGreaterThanOrEqual(4);
    for (const [id, queue] of queues) expect(queue.Properties.KmsMasterKeyId, id).toEqual(keyArn);
    for (const [id, group] of logGroups) expect(group.Properties.KmsKeyId, id).toEqual(keyArn);
  });

  it('should encrypt every bucket with it, except the one S3 log delivery writes to', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
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
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const key = synthesized.template.toJSON().Resources[synthesized.logicalId(synthesized.stack.dataKey)];
    const logs = key.Properties.KeyPolicy.Statement.find(
      (statement: { Principal?: { Service?: string } }) =>
        statement.Principal?.Service === 'logs.ap-southeast-2.amazonaws.com',
    );

    expect(logs.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn']).toBeDefined();
  });
});

describe('backups', () => {
  it('should back the table up daily after the nightly run, keep 35 days, and copy each backup to Melbourne', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const [plan] = resourcesOfType(synthesized, 'AWS::Backup::BackupPlan');
    const [rule] = plan![1].Properties.BackupPlan.BackupPlanRule;

    expect(rule).toMatchObject({
      ScheduleExpression: 'cron(0 15 * * ? *)',
      Lifecycle: { DeleteAfterDays: 35 },
      CopyActions: [{ Lifecycle: { DeleteAfterDays: 35 } }],
    });
    const destination = JSON.stringify(rule.CopyActions[0].DestinationBackupVaultArn);
    expect(destination).toContain(':backup:ap-southeast-4:');
    expect(destination).toContain('backup-vault:partnership-records-prod-copy');
    synthesized.template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: { Resources: [synthesized.resolve(synthesized.stack.records.table.tableArn)] },
    });
  });

  it('should keep both vaults encrypted with keys we own, and refuse deleting recovery points', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const copy = synthesized.app.node.findChild('PartnershipRecords-prod-backup-copy') as Stack;
    const copyTemplate = Template.fromStack(copy);
    const [, vault] = resourcesOfType(synthesized, 'AWS::Backup::BackupVault')[0]!;
    const [copyVault] = Object.values(copyTemplate.findResources('AWS::Backup::BackupVault'));

    expect(copy.region).toBe('ap-southeast-4');
    expect(vault!.Properties.EncryptionKeyArn).toEqual(synthesized.resolve(synthesized.stack.dataKey.keyArn));
    expect(copyVault!.Properties.BackupVaultName).toBe('partnership-records-prod-copy');
    expect(copyVault!.Properties.EncryptionKeyArn).toBeDefined();
    for (const policy of [vault!.Properties.AccessPolicy, copyVault!.Properties.AccessPolicy]) {
      expect(policy.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: expect.arrayContaining(['backup:DeleteRecoveryPoint']),
        }),
      );
    }
    expect(synthesized.stack.dependencies.map((stack) => stack.stackName)).toContain(copy.stackName);
  });

  it('should back up a restored table once the functions use it', () => {
    // Act
    const synthesized = synth({ env: 'prod', context: { tableName: 'records-restored' } });

    // Assess
    expect(JSON.stringify(synthesized.template.findResources('AWS::Backup::BackupSelection'))).toContain(
      ':table/records-restored',
    );
  });

  it('should leave dev without a backup plan (its data is demo data and goes with the stack)', () => {
    // Act
    const synthesized = synth({ env: 'dev' });

    // Assess
    expect(resourcesOfType(synthesized, 'AWS::Backup::BackupPlan')).toEqual([]);
  });
});

describe('operations dashboard', () => {
  it('should chart both APIs, every function, the nightly run, the table and the firewall', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const [, dashboard] = resourcesOfType(synthesized, 'AWS::CloudWatch::Dashboard')[0]!;
    const body = JSON.stringify(dashboard!.Properties.DashboardBody);

    expect(dashboard!.Properties.DashboardName).toBe('PartnershipRecords-prod');
    for (const [id] of ourFunctions(synthesized)) expect(body, id).toContain(id);
    for (const api of [synthesized.stack.api.peopleApi, synthesized.stack.api.machineApi]) {
      expect(body).toContain(synthesized.logicalId(api));
    }
    expect(body).toContain(synthesized.logicalId(synthesized.stack.records.table));
    expect(body).toContain('AggregationSucceeded');
    expect(body).toContain('partnership-records-prod-cloudfront');
  });
});
