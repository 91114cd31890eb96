import { handle } from 'hono/aws-lambda';
import { S3SnapshotSink } from '../functions/aggregate/s3-sink.ts';
import { SnapshotFiles } from '../functions/aggregate/snapshot-files.ts';
import { createApp } from '../functions/api/app.ts';
import { Authenticator } from '../functions/api/authenticate.ts';
import { readApiConfig } from '../functions/config.ts';
import { SignedLinkCheck } from '../functions/links/signed-link-check.ts';
import { secretFromSecretsManager } from '../functions/reminders/link-secret.ts';
import { createDocumentClient } from '../functions/store/client.ts';
import { RecordStore } from '../functions/store/record-store.ts';
import { DynamoPreferenceStore } from '../functions/store/reminder-preferences.ts';
import { DynamoUserDirectory } from '../functions/store/user-directory.ts';

/**
 * The cold-start bench's baseline: every area of the API in one Lambda handler, as the API was
 * deployed before it was split by area (functions/api/api-functions.ts). Never deployed.
 */
const config = readApiConfig(process.env);
const client = createDocumentClient({ region: config.region });
const directory = new DynamoUserDirectory(client, config.tableName);
const app = createApp({
  store: new RecordStore(client, config.tableName),
  directory,
  authenticator: new Authenticator(config.issuers, directory),
  snapshots: new SnapshotFiles(new S3SnapshotSink('cold-start-bench')),
  reminders: {
    links: new SignedLinkCheck(secretFromSecretsManager('arn:aws:secretsmanager:cold-start-bench')),
    preferences: new DynamoPreferenceStore(client, config.tableName),
  },
  openApi: { url: '/docs/openapi.json' },
});
export const handler = handle(app);
