import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from './environment-config.ts';
import { nagArnToken } from './nag-acknowledgements.ts';
import { createPrivateBucket } from './private-bucket.ts';

/**
 * Where the nightly aggregation puts its output, and so the only keys anyone may touch: the dated
 * history under `snapshots/` and the newest one at `latest.json`. IAM grants and CloudFront
 * behaviours are both built from these, so they cannot disagree.
 */
export const SNAPSHOT_KEYS = {
  historyPrefix: 'snapshots/',
  latest: 'latest.json',
  /** The public copy (figures without record lists) that CloudFront serves; same keys beneath it. */
  publicPrefix: 'public/',
} as const;

/** The key patterns, as IAM resource suffixes. */
export const SNAPSHOT_KEY_PATTERNS = [
  `${SNAPSHOT_KEYS.historyPrefix}*`,
  SNAPSHOT_KEYS.latest,
  `${SNAPSHOT_KEYS.publicPrefix}*`,
] as const;

export function createSnapshotBucket(
  scope: Construct,
  id: string,
  props: { config: EnvironmentConfig; accessLogs: s3.IBucket },
): s3.Bucket {
  return createPrivateBucket(scope, id, {
    config: props.config,
    accessLogs: { bucket: props.accessLogs, prefix: 'snapshots-bucket' },
  });
}

/** Lets the grantee read snapshots, and nothing else in the bucket. */
export function grantSnapshotRead(bucket: s3.IBucket, grantee: iam.IGrantable & Construct): void {
  grantOnSnapshotKeys(bucket, grantee, ['s3:GetObject']);
}

/**
 * Lets the grantee read and write snapshots, but not delete them or list the bucket. Publishing
 * reads before it writes: `latest.json` moves only to a newer date, and the index of dates grows.
 */
export function grantSnapshotReadWrite(bucket: s3.IBucket, grantee: iam.IGrantable & Construct): void {
  grantOnSnapshotKeys(bucket, grantee, ['s3:GetObject', 's3:PutObject']);
}

function grantOnSnapshotKeys(
  bucket: s3.IBucket,
  grantee: iam.IGrantable & Construct,
  actions: string[],
): void {
  iam.Grant.addToPrincipal({
    grantee,
    actions,
    resourceArns: SNAPSHOT_KEY_PATTERNS.map((pattern) => bucket.arnForObjects(pattern)),
  });
  Validations.of(grantee).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${nagArnToken(bucket)}/${SNAPSHOT_KEYS.historyPrefix}*]`,
    reason:
      'One object per night is written under snapshots/ with the date in its key; the wildcard is confined to that prefix.',
  });
  Validations.of(grantee).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${nagArnToken(bucket)}/${SNAPSHOT_KEYS.publicPrefix}*]`,
    reason:
      "The public copy of each night's snapshot is written under public/ with the date in its key; the wildcard is confined to that prefix.",
  });
}
