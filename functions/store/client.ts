import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traceAwsClient } from '../observability/xray-subsegments.ts';
import { reportUnansweredCalls } from './unanswered-calls.ts';

export interface DynamoConfig {
  /** Set for DynamoDB Local; absent in AWS, where the SDK finds the regional endpoint. */
  endpoint?: string;
  /** The table's region (from the function's configuration); DynamoDB Local ignores it. */
  region?: string;
  /** Refuse any endpoint that is not on this machine (tests and `npm start`). */
  localOnly?: boolean;
}

/** Raised when a test or the local runtime is pointed at something other than DynamoDB Local. */
export class NotLocalEndpointError extends Error {
  constructor(endpoint: string | undefined) {
    super(
      `Refusing to use DynamoDB at ${endpoint ?? 'the AWS default endpoint'}: this run may only talk to DynamoDB Local on localhost.`,
    );
    this.name = 'NotLocalEndpointError';
  }
}

export function isLocalEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

/** A document client that keeps numbers exact and drops undefined attributes. */
export function createDocumentClient(config: DynamoConfig = {}): DynamoDBDocumentClient {
  if (config.localOnly && !isLocalEndpoint(config.endpoint)) throw new NotLocalEndpointError(config.endpoint);
  const clientConfig: DynamoDBClientConfig = {
    region: config.region ?? 'ap-southeast-2',
    maxAttempts: 3,
  };
  if (config.endpoint) {
    clientConfig.endpoint = config.endpoint;
    // DynamoDB Local accepts any non-empty credentials.
    if (isLocalEndpoint(config.endpoint))
      clientConfig.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  // Each command becomes an X-Ray subsegment when the function is traced (nothing is sent locally).
  // A database that does not answer becomes UnavailableError (a 503 with Retry-After), not a bug.
  const client = reportUnansweredCalls(new DynamoDBClient(clientConfig), 'database');
  return DynamoDBDocumentClient.from(traceAwsClient(client), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}
