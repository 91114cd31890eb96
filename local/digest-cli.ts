/**
 * `npm run digest [-- --day YYYY-MM-DD]`: the LEC digest run against what `npm start` runs
 * (DynamoDB Local, the MailDev inbox). Each consenting member gets at most one digest of each of
 * their groups per period, so running it again sends nothing new.
 *
 * The AWS SDK reads its Node-version warning switch when first imported, so it is set before
 * anything that imports the SDK is loaded (as in local/start.ts).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { resolve } from 'node:path';
import { readCommandLine } from './command-line.ts';
import { DEFAULT_INBOX_PORT, DEFAULT_SMTP_PORT } from './mail-inbox.ts';

const { sendDigests } = await import('../functions/digest/send-digests.ts');
const { createDocumentClient } = await import('../functions/store/client.ts');
const { RecordStore } = await import('../functions/store/record-store.ts');
const { localLinkSecret } = await import('./local-reminders.ts');
const { localDigestDependencies } = await import('./local-digest.ts');
const { localSnapshotArchive } = await import('./dashboard-extension.ts');
const USAGE = `Usage: npm run digest [-- --day YYYY-MM-DD]
  --day   the New Zealand day to send for (default: today in New Zealand)
Environment (as for npm start): PORT (3000), DYNAMODB_PORT (8000), SMTP_PORT (${DEFAULT_SMTP_PORT}), INBOX_PORT (${DEFAULT_INBOX_PORT})`;

const { values, fail, day: dayOption } = readCommandLine(USAGE, { day: { type: 'string' } });
const day = dayOption('day', values.day);

const env = (name: string, fallback: number) => Number(process.env[name] || fallback);
const apiUrl = `http://localhost:${env('PORT', 3000)}`;
const inboxUrl = `http://localhost:${env('INBOX_PORT', DEFAULT_INBOX_PORT)}`;
const secret =
  localLinkSecret(resolve('.local'), false) ||
  fail('There is no local data yet: run npm start first (in another terminal), then npm run digest.');

const client = createDocumentClient({
  endpoint: `http://127.0.0.1:${env('DYNAMODB_PORT', 8000)}`,
  localOnly: true,
});
const tableName = process.env.TABLE_NAME ?? 'partnership-records';
const deps = localDigestDependencies({
  client,
  tableName,
  store: new RecordStore(client, tableName),
  secret,
  apiUrl,
  smtp: { host: '127.0.0.1', port: env('SMTP_PORT', DEFAULT_SMTP_PORT) },
  snapshots: localSnapshotArchive(),
});

try {
  const summary = await sendDigests(deps, day);
  const d = summary.decisions;
  console.log(
    `LEC digests for ${day} (${summary.groups} groups): ${summary.sent} sent now, ${summary.alreadySent + d['already-sent']} already sent this period, ${d['nothing-new']} with nothing new, ${d.unsubscribed} unsubscribed, ${d['no-consent'] + d['consent-withdrawn']} without consent.`,
  );
  for (const failure of summary.failed)
    console.error(`  Not sent to ${failure.email} (${failure.groupId}): ${failure.reason}`);
  console.log(`Read them at ${inboxUrl}`);
  process.exitCode = summary.failed.length > 0 ? 1 : 0;
} catch (error) {
  const reason = (error as Error).message ?? String(error);
  console.error(
    /ECONNREFUSED|connect/i.test(reason)
      ? `Could not reach DynamoDB Local or the mail server (${reason}). Is npm start running?`
      : `The digest run failed: ${reason}`,
  );
  process.exitCode = 1;
} finally {
  deps.mailer.close();
  client.destroy();
}
