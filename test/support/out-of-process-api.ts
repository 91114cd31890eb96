import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createDocumentClient,
  isLocalEndpoint,
  NotLocalEndpointError,
} from '../../functions/store/client.ts';
import { ensureRecordsTable } from '../../functions/store/create-table.ts';
import { RecordStore } from '../../functions/store/record-store.ts';
import { DynamoUserDirectory } from '../../functions/store/user-directory.ts';
import { DevIssuer } from '../../local/dev-issuer.ts';
import type { Harness } from './harness.ts';
import { jsonRequester } from './json-request.ts';

/**
 * fetch, retried once when a kept-alive socket turns out to be closed: while the add-on's
 * synchronous calls block this thread, the server may close idle sockets without the client
 * noticing, and the first write on one fails before the server has seen the request.
 */
async function fetchReusingSockets(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = ((error as Error).cause as { code?: string } | undefined)?.code;
    if (code !== 'EPIPE' && code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url, init);
  }
}

/**
 * A fresh table on a given DynamoDB Local and the real API serving it from a child process
 * (see api-child.ts for why). It has the harness's shape, so the factories work with it; it
 * takes the endpoint as an argument, so benchmarks can use it outside vitest too.
 */
export async function startOutOfProcessApi(
  dynamoEndpoint: string,
  tableName = `addon-${randomUUID()}`,
  /** More of the child's environment, such as KNOWLEDGE_SNAPSHOT_DIR (see api-child.ts). */
  env: Record<string, string> = {},
): Promise<Harness<RecordStore>> {
  if (!isLocalEndpoint(dynamoEndpoint)) throw new NotLocalEndpointError(dynamoEndpoint);
  const raw = new DynamoDBClient({
    endpoint: dynamoEndpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureRecordsTable(raw, tableName);
  raw.destroy();
  const client = createDocumentClient({ endpoint: dynamoEndpoint, localOnly: true });
  const store = new RecordStore(client, tableName);
  const directory = new DynamoUserDirectory(client, tableName);
  const issuer = await DevIssuer.create();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./api-child.ts', import.meta.url).pathname],
    {
      env: {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        DYNAMODB_ENDPOINT: dynamoEndpoint,
        TABLE_NAME: tableName,
        AUTH_ISSUERS: JSON.stringify([issuer.config()]),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`The API child process exited with code ${code} before listening`)),
    );
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
  });
  child.removeAllListeners('exit');
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    tableName,
    store,
    directory,
    issuer,
    async signIn(email, role, regionIds = [], partner) {
      await directory.put('user', email, { role, regionIds, ...partner }, 'test-setup');
      return issuer.mint(email);
    },
    request: jsonRequester(baseUrl, fetchReusingSockets),
    async close() {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      client.destroy();
    },
  };
}
