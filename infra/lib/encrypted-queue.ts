import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { dataKeyOf } from './data-key.ts';

export interface EncryptedQueueProps {
  /** How long an unread message stays; 14 days (the most SQS allows) unless said otherwise. */
  retentionPeriod?: Duration;
  deadLetterQueue?: sqs.DeadLetterQueue;
  visibilityTimeout?: Duration;
}

/**
 * A queue encrypted with the stack's data key that refuses unencrypted connections. Every queue in
 * the stack is made here; whoever sends or receives needs the key too, which CDK's queue grants add.
 */
export function createEncryptedQueue(
  scope: Construct,
  id: string,
  props: EncryptedQueueProps = {},
): sqs.Queue {
  return new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: dataKeyOf(scope),
    // Reuses a data key for five minutes, so a burst of messages costs a handful of KMS calls.
    dataKeyReuse: Duration.minutes(5),
    enforceSSL: true,
    retentionPeriod: props.retentionPeriod ?? Duration.days(14),
    deadLetterQueue: props.deadLetterQueue,
    visibilityTimeout: props.visibilityTimeout,
  });
}
