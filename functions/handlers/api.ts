import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { S3SnapshotSink } from '../aggregate/s3-sink.ts';
import { SnapshotFiles } from '../aggregate/snapshot-files.ts';
import { createApp } from '../api/app.ts';
import { Authenticator, issuersFromEnvironment } from '../api/authenticate.ts';
import { secretFromSecretsManager } from '../reminders/link-secret.ts';
import { PreferenceLinks } from '../reminders/preference-links.ts';
import { createDocumentClient } from '../store/client.ts';
import { RecordStore } from '../store/record-store.ts';
import { DynamoPreferenceStore } from '../store/reminder-preferences.ts';
import { UserDirectory } from '../store/user-directory.ts';

/**
 * Lambda entry for the API: the same Hono app as `npm start`, built once per container so
 * that JWKS and directory caches survive between invocations.
 */
const tableName = process.env.TABLE_NAME;
if (!tableName) throw new Error('TABLE_NAME is not set');

const client = createDocumentClient();
const store = new RecordStore(client, tableName);
const directory = new UserDirectory(client, tableName);
// The development issuer is refused here: ALLOW_DEV_ISSUER is never set in the cloud.
const authenticator = new Authenticator(issuersFromEnvironment(process.env.AUTH_ISSUERS, false), directory);

// The S3 client is loaded on the first dashboard request, not at cold start (see S3SnapshotSink).
const snapshotBucket = process.env.SNAPSHOT_BUCKET;
const snapshots = snapshotBucket ? new SnapshotFiles(new S3SnapshotSink(snapshotBucket)) : undefined;

const siteOrigin = process.env.DASHBOARD_ORIGIN;

// Reminder settings: the API only checks the links' signatures, so the page address is relative.
const linkSecretArn = process.env.REMINDER_LINK_SECRET_ARN;
const reminders = linkSecretArn
  ? {
      links: new PreferenceLinks(secretFromSecretsManager(linkSecretArn), '/reminders/preferences'),
      preferences: new DynamoPreferenceStore(client, tableName),
    }
  : undefined;

const app = createApp({
  store,
  directory,
  authenticator,
  snapshots,
  // The API reference is published with the dashboard site (api-docs/, written by dashboard:build),
  // and pages of that site may call the API from the browser.
  docsUrl: siteOrigin ? `${siteOrigin}/docs/index.html` : undefined,
  corsOrigins: siteOrigin ? [siteOrigin] : [],
  reminders,
  // The open-data routes keep the directory a minute per container (CloudFront keeps it five).
  directoryCacheMs: 60_000,
  // Set by the stack: the API answers only requests that came through CloudFront and its firewall.
  originSecret: process.env.ORIGIN_VERIFY_SECRET,
  // One JSON line per request with its correlation id and principal, in the function's JSON log.
  logRequest: (line) => console.info(line),
  // The function's log format is JSON (see infra/lib/node-function.ts): console output becomes a
  // structured line with the request id, which keeps a logging library out of this bundle.
  logError: (message, error) => console.error(message, error),
});

const honoHandler = handle(app);

export const handler = async (event: APIGatewayProxyEventV2, context: Context) => {
  // Hono's own event type differs from @types/aws-lambda only in details (body null vs undefined, authorizer optional).
  return honoHandler(event as unknown as Parameters<typeof honoHandler>[0], context);
};
