import type { S3Client } from '@aws-sdk/client-s3';
import { traceAwsClient } from '../observability/xray-subsegments.ts';
import { reportUnansweredCalls } from '../store/unanswered-calls.ts';
import { checkSnapshotKey, type SnapshotSink } from './snapshot-sink.ts';

type S3Module = typeof import('@aws-sdk/client-s3');

/**
 * Snapshots in the S3 snapshot bucket. The SDK is loaded on first use, so the API function pays
 * for it only when someone opens the dashboard routes, not on every cold start.
 */
export class S3SnapshotSink implements SnapshotSink {
  private loaded?: Promise<{ s3: S3Module; client: S3Client }>;

  constructor(
    readonly bucket: string,
    private readonly makeClient?: (s3: S3Module) => S3Client,
  ) {}

  private load() {
    this.loaded ??= import('@aws-sdk/client-s3').then((s3) => ({
      s3,
      client: traceAwsClient(
        reportUnansweredCalls(this.makeClient?.(s3) ?? new s3.S3Client({}), 'snapshot store'),
      ),
    }));
    return this.loaded;
  }

  async put(key: string, body: string, contentType: string): Promise<void> {
    const { s3, client } = await this.load();
    await client.send(
      new s3.PutObjectCommand({
        Bucket: this.bucket,
        Key: checkSnapshotKey(key),
        Body: body,
        ContentType: contentType,
      }),
    );
  }

  async get(key: string): Promise<string | undefined> {
    const { s3, client } = await this.load();
    try {
      const result = await client.send(
        new s3.GetObjectCommand({ Bucket: this.bucket, Key: checkSnapshotKey(key) }),
      );
      return await result.Body?.transformToString('utf-8');
    } catch (error) {
      if (error instanceof s3.NoSuchKey) return undefined;
      if ((error as { name?: string }).name === 'AccessDenied') {
        throw new Error(
          `S3 refused to read s3://${this.bucket}/${key} (AccessDenied). The function needs s3:GetObject on the snapshot keys; ` +
            'without s3:ListBucket S3 also answers AccessDenied for a key that does not exist.',
        );
      }
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const { s3, client } = await this.load();
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new s3.ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }
}
