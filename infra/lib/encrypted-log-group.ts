import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { dataKeyOf } from './data-key.ts';
import type { EnvironmentConfig } from './environment-config.ts';

/**
 * A log group encrypted with the stack's data key, kept for the environment's retention (a year in
 * prod, two weeks in dev) and kept when the stack goes in prod. Every log group in the stack is made
 * here: function logs, API access logs, and whatever comes next.
 */
export function createEncryptedLogGroup(
  scope: Construct,
  id: string,
  config: EnvironmentConfig,
  /** A fixed name, for services that deliver only to names of a given form; CloudFormation's otherwise. */
  logGroupName?: string,
): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    logGroupName,
    retention: config.logRetention,
    removalPolicy: config.removalPolicy,
    encryptionKey: dataKeyOf(scope),
  });
}
