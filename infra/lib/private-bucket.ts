import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { dataKeyOf } from './data-key.ts';
import type { EnvironmentConfig } from './environment-config.ts';

export interface PrivateBucketProps {
  config: EnvironmentConfig;
  /** Where S3 server access logs go, under `<prefix>/`. */
  accessLogs: { bucket: s3.IBucket; prefix: string };
}

/** Old versions are kept long enough to undo a bad nightly run or deploy, then expire. */
const NONCURRENT_VERSION_LIFETIME = Duration.days(90);

/**
 * A bucket nobody reaches except through IAM or CloudFront origin access control: public access
 * blocked, ACLs disabled, encrypted with the stack's data key (SSE-KMS), versioned, TLS 1.2+ only, access logged.
 * In dev the bucket and its objects go with the stack; in prod they stay.
 */
export function createPrivateBucket(scope: Construct, id: string, props: PrivateBucketProps): s3.Bucket {
  return new s3.Bucket(scope, id, {
    ...secureBucketDefaults(props.config),
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: dataKeyOf(scope),
    // One data key per bucket and hour instead of a KMS call per object.
    bucketKeyEnabled: true,
    serverAccessLogsBucket: props.accessLogs.bucket,
    serverAccessLogsPrefix: `${props.accessLogs.prefix}/`,
  });
}

/**
 * The bucket receiving S3 server access logs and CloudFront standard logs. CloudFront's standard
 * logging delivers with an ACL, so this one bucket keeps ACLs enabled (owner preferred); public access
 * is still blocked. Encryption must be SSE-S3: S3 server access log delivery cannot write to a
 * bucket encrypted with a KMS key, so this is the one bucket not under the data key.
 */
export function createAccessLogBucket(scope: Construct, id: string, config: EnvironmentConfig): s3.Bucket {
  // No access logs of its own: cdk-nag (S1) recognises it as the target of the others' logs.
  return new s3.Bucket(scope, id, {
    ...secureBucketDefaults(config),
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [
      {
        expiration: Duration.days(config.retainData ? 365 : 30),
        noncurrentVersionExpiration: Duration.days(30),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
  });
}

function secureBucketDefaults(config: EnvironmentConfig): s3.BucketProps {
  return {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    removalPolicy: config.removalPolicy,
    autoDeleteObjects: !config.retainData,
    lifecycleRules: [
      {
        noncurrentVersionExpiration: NONCURRENT_VERSION_LIFETIME,
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
  };
}
