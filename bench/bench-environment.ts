import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Role } from '../functions/records/definition.ts';
import { createDocumentClient } from '../functions/store/client.ts';
import { ensureRecordsTable } from '../functions/store/create-table.ts';
import { RecordStore } from '../functions/store/record-store.ts';
import { UserDirectory } from '../functions/store/user-directory.ts';
import { DevIssuer } from '../local/dev-issuer.ts';
import { type DynamoLocal, startDynamoLocal } from '../local/dynamo-local.ts';

/** DynamoDB Local plus the real API on a loopback port, as benchmarks need them. */
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
  const raw = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureRecordsTable(raw, tableName);
  raw.destroy();
  const client = createDocumentClient({ endpoint: dynamo.endpoint, localOnly: true });
  const store = new RecordStore(client, tableName);
  const directory = new UserDirectory(client, tableName);
  const issuer = await DevIssuer.create();
  const api = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./api-process.ts', import.meta.url).pathname],
    {
      env: {
        ...process.env,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        TABLE_NAME: tableName,
        AUTH_ISSUERS: JSON.stringify([issuer.config()]),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    api.once('exit', (code) => reject(new Error(`API process exited with ${code}`)));
    api.stdout.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
  });
  return {
    dynamo,
    store,
    tableName,
    baseUrl: `http://127.0.0.1:${port}`,
    async signIn(email, role, regionIds = []) {
      await directory.put('user', email, { role, regionIds }, 'bench');
      return issuer.mint(email);
    },
    async close() {
      api.removeAllListeners('exit');
      await new Promise<void>((resolve) => {
        api.once('exit', () => resolve());
        api.kill('SIGTERM');
      });
      client.destroy();
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
