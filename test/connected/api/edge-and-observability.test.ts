import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../../../functions/api/origin-verify.ts';
import type { RequestLogLine } from '../../../functions/api/request-log.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

/**
 * The API as the Lambda handler wires it: refusing requests that did not come through CloudFront,
 * one log line per request with its correlation id and principal, and each DynamoDB call sent to
 * the X-Ray daemon (here a UDP socket of the test) as a subsegment of the invocation's trace.
 */
const SECRET = 'origin-secret-for-tests-0123456789abcdef';
const TRACE_ROOT = '1-67891233-abcdef012345678912345678';
const TRACE_PARENT = '53995c3f42cd8ad8';

let harness: Harness;
let daemon: Socket;
const lines: RequestLogLine[] = [];
const subsegments: Record<string, any>[] = [];
let onSubsegment: (() => void) | undefined;

beforeAll(async () => {
  daemon = createSocket('udp4');
  daemon.on('message', (message) => {
    const [header, body] = message.toString('utf8').split('\n');
    expect(JSON.parse(header!)).toEqual({ format: 'json', version: 1 });
    subsegments.push(JSON.parse(body!));
    onSubsegment?.();
  });
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  process.env.AWS_XRAY_DAEMON_ADDRESS = `127.0.0.1:${(daemon.address() as AddressInfo).port}`;
  process.env._X_AMZN_TRACE_ID = `Root=${TRACE_ROOT};Parent=${TRACE_PARENT};Sampled=1`;
  harness = await startHarness({ originSecret: SECRET, logRequest: (line) => lines.push(line) });
});

afterAll(async () => {
  delete process.env.AWS_XRAY_DAEMON_ADDRESS;
  delete process.env._X_AMZN_TRACE_ID;
  await harness.close();
  daemon.close();
});

const throughCloudFront = { [ORIGIN_VERIFY_HEADER]: SECRET };

/** Waits until the daemon has received a subsegment that satisfies `match`. */
async function subsegmentWhere(match: (segment: Record<string, any>) => boolean) {
  for (;;) {
    const found = subsegments.find(match);
    if (found) return found;
    await new Promise<void>((resolve) => {
      onSubsegment = resolve;
    });
  }
}

describe('requests that bypass CloudFront', () => {
  it('should be refused before the token is even looked at, with a message that says where to go', async () => {
    // Prepare
    const token = await harness.signIn('bypass@example.org', 'national');

    // Act
    const response = await harness.request('GET', '/v1/needs', { token });

    // Assess
    expect(response.status).toBe(403);
    expect(response.body.detail).toMatch(/published URL/);
    expect(lines.at(-1)).toMatchObject({ status: 403, path: '/v1/needs' });
    expect(lines.at(-1)!.principal).toBeUndefined();
  });

  it('should be refused with a wrong secret, and for public routes too', async () => {
    // Act
    const wrong = await harness.request('GET', '/healthz', { headers: { [ORIGIN_VERIFY_HEADER]: 'guess' } });
    const right = await harness.request('GET', '/healthz', { headers: throughCloudFront });

    // Assess
    expect(wrong.status).toBe(403);
    expect(right.status).toBe(200);
  });
});

describe('request log and correlation id', () => {
  it('should log one line per request with the principal, and never the token', async () => {
    // Prepare
    const token = await harness.signIn('alice@example.org', 'regional', ['canterbury']);

    // Act
    const response = await harness.request('GET', '/v1/me', { token, headers: throughCloudFront });

    // Assess
    expect(response.status).toBe(200);
    const correlationId = response.headers.get('x-correlation-id');
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const line = lines.find((candidate) => candidate.correlationId === correlationId)!;
    expect(line).toMatchObject({
      message: 'request',
      method: 'GET',
      path: '/v1/me',
      status: 200,
      principal: { kind: 'user', id: 'alice@example.org', role: 'regional' },
      traceId: TRACE_ROOT,
    });
    expect(line.durationMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(line)).not.toContain(token);
  });

  it("should keep the caller's correlation id, and replace one that is not a sensible token", async () => {
    // Act
    const kept = await harness.request('GET', '/healthz', {
      headers: { ...throughCloudFront, 'x-correlation-id': 'sheet-push-2026-03-01T09:00:00Z' },
    });
    const replaced = await harness.request('GET', '/healthz', {
      headers: { ...throughCloudFront, 'x-correlation-id': '<script>alert(1)</script>' },
    });

    // Assess
    expect(kept.headers.get('x-correlation-id')).toBe('sheet-push-2026-03-01T09:00:00Z');
    expect(replaced.headers.get('x-correlation-id')).not.toContain('<');
  });
});

describe('X-Ray subsegments', () => {
  it("should send each DynamoDB call of a request as a subsegment of the invocation's trace, with its correlation id", async () => {
    // Prepare
    const token = await harness.signIn('bob@example.org', 'national');

    // Act
    const response = await harness.request('GET', '/v1/needs?region=canterbury&limit=5', {
      token,
      headers: { ...throughCloudFront, 'x-correlation-id': 'trace-me-please-42' },
    });

    // Assess
    expect(response.status).toBe(200);
    const segment = await subsegmentWhere(
      (candidate) =>
        candidate.annotations?.correlation_id === 'trace-me-please-42' && candidate.aws.operation === 'Query',
    );
    expect(segment).toMatchObject({
      name: 'DynamoDB',
      type: 'subsegment',
      namespace: 'aws',
      trace_id: TRACE_ROOT,
      parent_id: TRACE_PARENT,
      aws: { operation: 'Query', table_name: harness.tableName, retries: 0 },
      http: { response: { status: 200 } },
    });
    expect(segment.id).toMatch(/^[0-9a-f]{16}$/);
    expect(segment.end_time).toBeGreaterThanOrEqual(segment.start_time);
    expect(segment.error).toBeUndefined();
  });
});
