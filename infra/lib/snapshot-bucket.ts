import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { grantDataKeyUse } from './data-key.ts';
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
  /** Search indexes saved for cold starts (functions/aggregate/search-snapshots.ts): only the knowledge function reads them. */
  searchPrefix: 'search/',
} as const;

/** The full snapshots (with record lists), as IAM resource suffixes: what the API reads. */
const PRIVATE_SNAPSHOT_KEY_PATTERNS = [`${SNAPSHOT_KEYS.historyPrefix}*`, SNAPSHOT_KEYS.latest] as const;

/** Every key the aggregation writes: the full snapshots, their public copy and the search indexes. */
const SNAPSHOT_KEY_PATTERNS = [
  ...PRIVATE_SNAPSHOT_KEY_PATTERNS,
  `${SNAPSHOT_KEYS.publicPrefix}*`,
  `${SNAPSHOT_KEYS.searchPrefix}*`,
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

/**
 * Lets the grantee read the full snapshots, and nothing else in the bucket: not the public copy,
 * which only CloudFront serves.
 */
export function grantSnapshotRead(bucket: s3.IBucket, grantee: iam.IGrantable & Construct): void {
  grantOnSnapshotKeys(bucket, grantee, ['s3:GetObject'], PRIVATE_SNAPSHOT_KEY_PATTERNS);
}

/** Lets the grantee read the saved search indexes, and nothing else in the bucket. */
export function grantSearchSnapshotRead(bucket: s3.IBucket, grantee: iam.IGrantable & Construct): void {
  grantOnSnapshotKeys(bucket, grantee, ['s3:GetObject'], [`${SNAPSHOT_KEYS.searchPrefix}*`]);
}

/**
 * Lets the grantee read and write snapshots, but not delete them or list the bucket. Publishing
 * reads before it writes: `latest.json` moves only to a newer date, and the index of dates grows.
 */
export function grantSnapshotReadWrite(bucket: s3.IBucket, grantee: iam.IGrantable & Construct): void {
  grantOnSnapshotKeys(bucket, grantee, ['s3:GetObject', 's3:PutObject'], SNAPSHOT_KEY_PATTERNS);
}

function grantOnSnapshotKeys(
  bucket: s3.IBucket,
  grantee: iam.IGrantable & Construct,
  actions: string[],
  patterns: readonly string[],
): void {
  iam.Grant.addToPrincipal({
    grantee,
    actions,
    resourceArns: patterns.map((pattern) => bucket.arnForObjects(pattern)),
  });
  // Objects are encrypted with the data key (SSE-KMS): reading decrypts, writing needs a data key.
  grantDataKeyUse(bucket, grantee, actions.includes('s3:PutObject') ? 'write' : 'read');
  Validations.of(grantee).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${nagArnToken(bucket)}/${SNAPSHOT_KEYS.historyPrefix}*]`,
    reason:
      'One object per night is written under snapshots/ with the date in its key; the wildcard is confined to that prefix.',
  });
  if (patterns.includes(`${SNAPSHOT_KEYS.publicPrefix}*`)) {
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArnToken(bucket)}/${SNAPSHOT_KEYS.publicPrefix}*]`,
      reason:
        "The public copy of each night's snapshot is written under public/ with the date in its key; the wildcard is confined to that prefix.",
    });
  }
  if (patterns.includes(`${SNAPSHOT_KEYS.searchPrefix}*`)) {
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArnToken(bucket)}/${SNAPSHOT_KEYS.searchPrefix}*]`,
      reason:
        'Each search index is saved under search/ by its name; the wildcard is confined to that prefix, which holds no records beyond what the index reading it may search.',
    });
  }
}
