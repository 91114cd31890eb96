import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import type { MiddlewareStack } from '@smithy/types';

/**
 * AWS calls as X-Ray subsegments, sent to the Lambda X-Ray daemon over UDP, so a trace shows each
 * DynamoDB and S3 request of an invocation (operation, table, status, retries, time) under the
 * function's own segment, which Lambda records itself (active tracing, infra/lib/node-function.ts).
 *
 * Why not Powertools Tracer: it wraps aws-xray-sdk-core and adds 127 KB (38 KB gzipped) to the API
 * bundle, whose budget is 180 KB; this adds about 2 KB (bench/RESULTS.md, "Tracing"). It sends the
 * same documents the SDK sends (X-Ray segment documents, "independent subsegments").
 *
 * Outside Lambda (no daemon address, no trace header) nothing is sent.
 */

/** The part of an AWS SDK v3 client this needs: its middleware stack. */
// biome-ignore lint/suspicious/noExplicitAny: any client's input and output types
type TraceableClient = { middlewareStack: MiddlewareStack<any, any> };

interface SdkMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
}

let socket: Socket | undefined;
/** Searchable in X-Ray (annotations are indexed): the request's correlation id, set per invocation. */
const annotations: Record<string, string> = {};

export function setTraceAnnotation(key: string, value: string | undefined): void {
  if (value === undefined) delete annotations[key];
  else annotations[key] = value;
}

/** `Root=1-…;Parent=…;Sampled=1` from Lambda; undefined when this invocation is not sampled. */
function currentTrace(header = process.env._X_AMZN_TRACE_ID): { root: string; parent: string } | undefined {
  if (!header) return undefined;
  const fields = Object.fromEntries(header.split(';').map((part) => part.split('=') as [string, string]));
  if (!fields.Root || !fields.Parent || fields.Sampled !== '1') return undefined;
  return { root: fields.Root, parent: fields.Parent };
}

/** `169.254.79.129:2000`, or `tcp:… udp:…` as Lambda may give it. */
function daemonAddress(
  value = process.env.AWS_XRAY_DAEMON_ADDRESS,
): { host: string; port: number } | undefined {
  if (!value) return undefined;
  const udp =
    value
      .split(/\s+/)
      .find((part) => part.startsWith('udp:'))
      ?.slice(4) ?? value.split(/\s+/)[0]!;
  const [host, port] = udp.split(':');
  return host && port ? { host, port: Number(port) } : undefined;
}

function send(document: Record<string, unknown>): void {
  const address = daemonAddress();
  if (!address) return;
  socket ??= createSocket('udp4');
  socket.unref();
  const message = Buffer.from(`{"format":"json","version":1}\n${JSON.stringify(document)}`);
  // Fire and forget, as the X-Ray SDK does: tracing must never fail or slow a request.
  socket.send(message, address.port, address.host, () => {});
}

const SERVICE_NAMES: Record<string, string> = { DynamoDBClient: 'DynamoDB', S3Client: 'S3' };

/**
 * Adds a middleware to an AWS SDK v3 client that records every command it sends as a subsegment.
 * Call once per client, before the first command (for DynamoDB, on the client under the document client).
 */
export function traceAwsClient<T extends TraceableClient>(client: T): T {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const trace = currentTrace();
      if (!trace) return next(args);
      const start = Date.now() / 1000;
      const input = (args as { input?: Record<string, unknown> }).input ?? {};
      const operation = (context.commandName ?? 'Command').replace(/Command$/, '');
      const record = (metadata: SdkMetadata | undefined, error?: { name?: string }) => {
        const status = metadata?.httpStatusCode;
        send({
          name: SERVICE_NAMES[context.clientName ?? ''] ?? context.clientName ?? 'AWS',
          id: randomBytes(8).toString('hex'),
          trace_id: trace.root,
          parent_id: trace.parent,
          type: 'subsegment',
          namespace: 'aws',
          start_time: start,
          end_time: Date.now() / 1000,
          aws: {
            operation,
            region: process.env.AWS_REGION,
            request_id: metadata?.requestId,
            retries: Math.max(0, (metadata?.attempts ?? 1) - 1),
            ...(typeof input.TableName === 'string' && { table_name: input.TableName }),
            ...(typeof input.Bucket === 'string' && { bucket_name: input.Bucket }),
          },
          ...(status && { http: { response: { status } } }),
          ...(error && { error: !status || status < 500, fault: !!status && status >= 500 }),
          ...(status === 429 || error?.name?.includes('Throttl') ? { throttle: true } : {}),
          annotations: { ...annotations },
        });
      };
      try {
        const result = await next(args);
        record((result as { output?: { $metadata?: SdkMetadata } }).output?.$metadata);
        return result;
      } catch (error) {
        record((error as { $metadata?: SdkMetadata }).$metadata, error as { name?: string });
        throw error;
      }
    },
    { step: 'initialize', name: 'xraySubsegment', override: true },
  );
  return client;
}
