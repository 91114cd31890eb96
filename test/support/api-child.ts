/**
 * The API in a child process, for tests and benchmarks whose own thread must block: the Sheets
 * add-on's fakes make synchronous HTTP calls (as Apps Script does), which would deadlock an API
 * served from the same thread. Reads DYNAMODB_ENDPOINT, TABLE_NAME and AUTH_ISSUERS, and
 * KNOWLEDGE_SNAPSHOT_DIR when the knowledge base should load its saved index from that folder (as
 * the knowledge function does from the bucket); prints "listening <port>" once ready.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { knowledgeSnapshotFrom } from '../../functions/aggregate/knowledge-snapshot-source.ts';
import { LocalFolderSink } from '../../functions/aggregate/snapshot-sink.ts';
import { createApp } from '../../functions/api/app.ts';
import { Authenticator, parseIssuers } from '../../functions/api/authenticate.ts';
import { openApiDocument } from '../../functions/api/openapi.ts';
import { KnowledgeBase } from '../../functions/domain/knowledge-base.ts';
import { SignedLinkCheck } from '../../functions/links/signed-link-check.ts';
import { createDocumentClient } from '../../functions/store/client.ts';
import { RecordStore } from '../../functions/store/record-store.ts';
import { DynamoPreferenceStore } from '../../functions/store/reminder-preferences.ts';
import { DynamoUserDirectory } from '../../functions/store/user-directory.ts';

const client = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT, localOnly: true });
const tableName = process.env.TABLE_NAME!;
const directory = new DynamoUserDirectory(client, tableName);
const store = new RecordStore(client, tableName);
const snapshotDir = process.env.KNOWLEDGE_SNAPSHOT_DIR;
// As the knowledge function does at init: the saved index loaded before the first request.
const knowledgeBase = snapshotDir
  ? new KnowledgeBase(store, {
      snapshots: knowledgeSnapshotFrom(new LocalFolderSink(snapshotDir)),
      snapshotScope: tableName,
      onSnapshotRefused: (reason) => console.error(reason),
    })
  : undefined;
await knowledgeBase?.prepare();
const app = createApp({
  openApi: { build: openApiDocument },
  knowledgeBase,
  store,
  directory,
  authenticator: new Authenticator(parseIssuers(process.env.AUTH_ISSUERS, true), directory),
  logError: (message, error) => console.error(message, error),
  // Reminder settings, as npm start serves them; links are only checked here, so any secret will do.
  reminders: {
    links: new SignedLinkCheck(randomBytes(32).toString('base64url')),
    preferences: new DynamoPreferenceStore(client, tableName),
  },
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
