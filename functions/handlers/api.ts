import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { S3SnapshotSink } from '../aggregate/s3-sink.ts';
import { SnapshotFiles } from '../aggregate/snapshot-files.ts';
import { createApp } from '../api/app.ts';
import { Authenticator } from '../api/authenticate.ts';
import { readApiConfig } from '../config.ts';
import { useAccessContact } from '../domain/principal.ts';
import { secretFromSecretsManager } from '../reminders/link-secret.ts';
import { PreferenceLinkCheck } from '../reminders/preference-link-check.ts';
import { createDocumentClient } from '../store/client.ts';
import { RecordStore } from '../store/record-store.ts';
import { DynamoPreferenceStore } from '../store/reminder-preferences.ts';
import { DynamoUserDirectory } from '../store/user-directory.ts';

/**
 * Lambda entry for the API: the same Hono app as `npm start`, built once per container so
 * that JWKS and directory caches survive between invocations. The development issuer is
 * refused here: only local runs allow it.
 */
const config = readApiConfig(process.env);
useAccessContact(config.accessContact);

const client = createDocumentClient({ region: config.region });
const store = new RecordStore(client, config.tableName);
const directory = new DynamoUserDirectory(client, config.tableName);
const authenticator = new Authenticator(config.issuers, directory);

// The S3 client is loaded on the first dashboard request, not at cold start (see S3SnapshotSink).
const snapshots = config.snapshotBucket
  ? new SnapshotFiles(new S3SnapshotSink(config.snapshotBucket))
  : undefined;

// Reminder settings: the API only checks the links' signatures (it signs none).
const reminders = config.reminderLinkSecretArn
  ? {
      links: new PreferenceLinkCheck(secretFromSecretsManager(config.reminderLinkSecretArn)),
      preferences: new DynamoPreferenceStore(client, config.tableName),
    }
  : undefined;

const app = createApp({
  store,
  directory,
  authenticator,
  snapshots,
  // The API reference is published with the dashboard site (api-docs/, written by dashboard:build),
  // and pages of that site may call the API from the browser.
  docsUrl: config.docsUrl,
  // Built at build time with the site; the builder is not in this bundle (see routes/meta.ts).
  openApi: config.openApiUrl ? { url: config.openApiUrl } : undefined,
  corsOrigins: config.corsOrigins,
  reminders,
  // The open-data routes keep the directory a minute per container (CloudFront keeps it five).
  directoryCacheMs: 60_000,
  // Set by the stack: the API answers only requests that came through CloudFront and its firewall.
  originSecret: config.originSecret,
  // One JSON line per request with its correlation id and principal, in the function's JSON log.
  logRequest: (line) => console.info(line),
  // The function's log format is JSON (see infra/lib/node-function.ts): console output becomes a
  // structured line with the request id, which keeps a logging library out of this bundle.
  logError: (message, error) => console.error(message, error),
  logRefusal: (message, error) => console.warn(message, error),
});

const honoHandler = handle(app);

export const handler = async (event: APIGatewayProxyEventV2, context: Context) => {
  // Hono's own event type differs from @types/aws-lambda only in details (body null vs undefined, authorizer optional).
  return honoHandler(event as unknown as Parameters<typeof honoHandler>[0], context);
};
