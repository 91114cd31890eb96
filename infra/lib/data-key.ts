import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from './environment-config.ts';

const DATA_KEY_ID = 'DataKey';

/**
 * Creates the stack's one customer-managed key for data at rest: the table, the buckets, the queues,
 * the log groups and the functions' environment. One key keeps the key policy reviewable and the
 * restore steps short; rotation is yearly. Call once, from the stack, before anything uses it.
 */
export function createDataKey(stack: Stack, config: EnvironmentConfig): kms.Key {
  const key = new kms.Key(stack, DATA_KEY_ID, {
    alias: `alias/partnership-records-${config.name}-data`,
    description: `Partnership Records (${config.name}): records table, buckets, queues, log groups`,
    enableKeyRotation: true,
    // Deleting the key would make every backup and retained table unreadable: prod keeps it.
    removalPolicy: config.removalPolicy,
  });
  // CloudWatch Logs encrypts with the key itself, only for log groups of this account and region.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
        },
      },
    }),
  );
  return key;
}

/**
 * What a function needs of the data key to use a store encrypted with it, spelled out rather than
 * CDK's `grantEncryptDecrypt` (whose `kms:ReEncrypt*` and `kms:GenerateDataKey*` no store needs):
 * DynamoDB and S3 decrypt on a reader's behalf and also generate data keys for a writer.
 */
export function grantDataKeyUse(scope: Construct, grantee: iam.IGrantable, access: 'read' | 'write'): void {
  iam.Grant.addToPrincipal({
    grantee,
    actions: access === 'read' ? ['kms:Decrypt'] : ['kms:Decrypt', 'kms:GenerateDataKey'],
    resourceArns: [dataKeyOf(scope).keyArn],
  });
}

/** The stack's data key (see `createDataKey`); every encrypted resource takes it from here. */
export function dataKeyOf(scope: Construct): kms.IKey {
  const key = Stack.of(scope).node.tryFindChild(DATA_KEY_ID);
  if (!(key instanceof kms.Key)) {
    throw new Error(`No data key in stack ${Stack.of(scope).stackName}: call createDataKey(stack) first.`);
  }
  return key;
}
