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
import { digestPages } from '../../functions/digest/site-links.ts';
import { KnowledgeBase } from '../../functions/domain/knowledge-base.ts';
import { SignedLinkCheck } from '../../functions/links/signed-link-check.ts';
import { DynamoChangeLog } from '../../functions/store/change-log.ts';
import { createDocumentClient } from '../../functions/store/client.ts';
import { DynamoDigestSentLog } from '../../functions/store/digest-sent-log.ts';
import { StoreDigestSource } from '../../functions/store/digest-source.ts';
import { DynamoDigestUnsubscribes } from '../../functions/store/digest-unsubscribes.ts';
import { RecordStore } from '../../functions/store/record-store.ts';
import { DynamoPreferenceStore } from '../../functions/store/reminder-preferences.ts';
import { DynamoUserDirectory } from '../../functions/store/user-directory.ts';

const client = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT, localOnly: true });
const tableName = process.env.TABLE_NAME!;
const directory = new DynamoUserDirectory(client, tableName);
const store = new RecordStore(client, tableName);
// Links are only checked here, so any secret will do.
const links = new SignedLinkCheck(randomBytes(32).toString('base64url'));
const digestSentLog = new DynamoDigestSentLog(client, tableName);
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
  changeLog: new DynamoChangeLog(client, tableName),
  directory,
  authenticator: new Authenticator(parseIssuers(process.env.AUTH_ISSUERS, true), directory),
  logError: (message, error) => console.error(message, error),
  // Reminder settings, as npm start serves them.
  reminders: {
    links,
    preferences: new DynamoPreferenceStore(client, tableName),
  },
  // The staff preview of a group's next digest, as npm start serves it (the add-on's menu item).
  digest: {
    links: { links, sentLog: digestSentLog, store },
    preview: {
      store,
      source: new StoreDigestSource(store),
      sentLog: digestSentLog,
      unsubscribes: new DynamoDigestUnsubscribes(client, tableName),
      pages: digestPages('http://site.test/dashboard', 'http://site.test'),
    },
  },
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
