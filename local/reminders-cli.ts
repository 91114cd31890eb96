/**
 * `npm run reminders [-- --day YYYY-MM-DD]`: the daily reminders job against what `npm start` runs
 * (DynamoDB Local, the MailDev inbox). Each person gets at most one email a day, so running it
 * again the same day sends nothing new.
 *
 * The AWS SDK reads its Node-version warning switch when first imported, so it is set before
 * anything that imports the SDK is loaded (as in local/start.ts).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { resolve } from 'node:path';
import { readCommandLine } from './command-line.ts';
import { DEFAULT_INBOX_PORT, DEFAULT_SMTP_PORT } from './mail-inbox.ts';

const { sendReminders } = await import('../functions/reminders/send-reminders.ts');
const { createDocumentClient } = await import('../functions/store/client.ts');
const { RecordStore } = await import('../functions/store/record-store.ts');
const { DynamoUserDirectory } = await import('../functions/store/user-directory.ts');
const { localLinkSecret, localReminderDependencies } = await import('./local-reminders.ts');
const USAGE = `Usage: npm run reminders [-- --day YYYY-MM-DD]
  --day   the New Zealand day to send for (default: today in New Zealand)
Environment (as for npm start): PORT (3000), DYNAMODB_PORT (8000), SMTP_PORT (${DEFAULT_SMTP_PORT}), INBOX_PORT (${DEFAULT_INBOX_PORT})`;

const { values, fail, day: dayOption } = readCommandLine(USAGE, { day: { type: 'string' } });
const day = dayOption('day', values.day);

const env = (name: string, fallback: number) => Number(process.env[name] || fallback);
const apiUrl = `http://localhost:${env('PORT', 3000)}`;
const inboxUrl = `http://localhost:${env('INBOX_PORT', DEFAULT_INBOX_PORT)}`;
const secret =
  localLinkSecret(resolve('.local'), false) ||
  fail('There is no local data yet: run npm start first (in another terminal), then npm run reminders.');

const client = createDocumentClient({
  endpoint: `http://127.0.0.1:${env('DYNAMODB_PORT', 8000)}`,
  localOnly: true,
});
const tableName = process.env.TABLE_NAME ?? 'partnership-records';
const deps = localReminderDependencies({
  client,
  tableName,
  store: new RecordStore(client, tableName),
  directory: new DynamoUserDirectory(client, tableName),
  secret,
  apiUrl,
  smtp: { host: '127.0.0.1', port: env('SMTP_PORT', DEFAULT_SMTP_PORT) },
});

try {
  const summary = await sendReminders(deps, day);
  console.log(
    `Reminders for ${day}: ${summary.planned} people have something due; ${summary.sent} emails sent now, ${summary.alreadySent} already sent earlier today.`,
  );
  for (const failure of summary.failed) console.error(`  Not sent to ${failure.email}: ${failure.reason}`);
  console.log(`Read them at ${inboxUrl}`);
  process.exitCode = summary.failed.length > 0 ? 1 : 0;
} catch (error) {
  const reason = (error as Error).message ?? String(error);
  console.error(
    /ECONNREFUSED|connect/i.test(reason)
      ? `Could not reach DynamoDB Local or the mail server (${reason}). Is npm start running?`
      : `The reminders job failed: ${reason}`,
  );
  process.exitCode = 1;
} finally {
  deps.mailer.close();
  client.destroy();
}
