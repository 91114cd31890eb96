import { Agent, request } from 'node:http';
import type { Role } from '../functions/records/definition.ts';
import type { RecordStore } from '../functions/store/record-store.ts';
import { type DynamoLocal, startDynamoLocal } from '../local/dynamo-local.ts';
import { startOutOfProcessApi } from '../test/support/out-of-process-api.ts';

/** DynamoDB Local plus the real API in its own process (as in Lambda), as benchmarks need them. */
export interface BenchEnvironment {
  dynamo: DynamoLocal;
  store: RecordStore;
  baseUrl: string;
  tableName: string;
  signIn(email: string, role: Role, regionIds?: string[]): Promise<string>;
  close(): Promise<void>;
}

export async function startBenchEnvironment(tableName = 'bench'): Promise<BenchEnvironment> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoLocal();
  const api = await startOutOfProcessApi(dynamo.endpoint, tableName);
  return {
    dynamo,
    store: api.store,
    baseUrl: api.baseUrl,
    tableName,
    signIn: (email, role, regionIds) => api.signIn(email, role, regionIds),
    async close() {
      await api.close();
      await dynamo.stop();
    },
  };
}

/** Runs `task` from `concurrency` loops until `total` calls are done; returns calls per second. */
export async function throughput(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

export function ratio(ours: number, baseline: number): string {
  return `${((ours / baseline) * 100).toFixed(0)}%`;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** A lean HTTP client (keep-alive node:http), so the load generator costs little CPU. */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
