import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { SnapshotArchive } from '../../functions/aggregate/snapshot-archive.ts';
import { LocalFolderSink } from '../../functions/aggregate/snapshot-sink.ts';
import { createApp } from '../../functions/api/app.ts';
import { Authenticator } from '../../functions/api/authenticate.ts';
import { openApiDocument } from '../../functions/api/openapi.ts';
import { dashboardExtension } from '../../local/dashboard-extension.ts';
import { type ApiResponse, type Harness, type RequestOptions, startHarness } from './harness.ts';

/**
 * The test harness with dashboard snapshots: the same table, directory and issuer as
 * `startHarness`, served by an app that also has a snapshot folder (for /v1/dashboard and the
 * quarterly report) and, when given a built page, the dashboard at /dashboard/.
 */
export interface DashboardHarness extends Harness {
  snapshotDir: string;
  archive: SnapshotArchive;
}

export async function startDashboardHarness(options: { distDir?: string } = {}): Promise<DashboardHarness> {
  const base = await startHarness();
  const snapshotDir = await mkdtemp(path.join(tmpdir(), 'dashboard-snapshots-'));
  const archive = new SnapshotArchive(new LocalFolderSink(snapshotDir));
  const app = createApp({
    openApi: { build: openApiDocument },
    store: base.store,
    directory: base.directory,
    authenticator: new Authenticator([base.issuer.config()], base.directory),
    snapshots: archive,
    extend: options.distDir ? dashboardExtension({ distDir: options.distDir, snapshotDir }) : undefined,
    logError: (message, error) => console.error(message, error),
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    ...base,
    baseUrl,
    snapshotDir,
    archive,
    async request<T = any>(
      method: string,
      requestPath: string,
      options: RequestOptions = {},
    ): Promise<ApiResponse<T>> {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let requestBody = options.rawBody;
      if (options.body !== undefined) {
        requestBody = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${baseUrl}${requestPath}`, { method, headers, body: requestBody });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // HTML (the quarterly report, the page): keep the text.
      }
      return { status: response.status, headers: response.headers, body: body as T };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await base.close();
      await rm(snapshotDir, { recursive: true, force: true });
    },
  };
}
