/**
 * The API alone in its own process, as Lambda would run it, so that a benchmark's load generator
 * does not share its event loop. Reads DYNAMODB_ENDPOINT, TABLE_NAME and AUTH_ISSUERS; prints
 * "listening <port>" once ready.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../functions/api/app.ts';
import { Authenticator, issuersFromEnvironment } from '../functions/api/authenticate.ts';
import { createDocumentClient } from '../functions/store/client.ts';
import { RecordStore } from '../functions/store/record-store.ts';
import { UserDirectory } from '../functions/store/user-directory.ts';

const client = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT, localOnly: true });
const tableName = process.env.TABLE_NAME!;
const store = new RecordStore(client, tableName);
const directory = new UserDirectory(client, tableName);
const app = createApp({
  store,
  directory,
  authenticator: new Authenticator(issuersFromEnvironment(process.env.AUTH_ISSUERS, true), directory),
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
