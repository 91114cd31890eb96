import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecordRepository } from '../functions/domain/record-repository.ts';
import type { UserDirectory } from '../functions/domain/user-directory.ts';
import { SignedLinks } from '../functions/links/signed-links.ts';
import { SitePages } from '../functions/links/site-pages.ts';
import { SmtpMailer } from '../functions/mail/smtp-mailer.ts';
import type { ReminderDependencies } from '../functions/reminders/send-reminders.ts';
import { DynamoPreferenceStore } from '../functions/store/reminder-preferences.ts';
import { StoreReminderSource } from '../functions/store/reminder-source.ts';
import { DynamoSentLog } from '../functions/store/sent-log.ts';

/** The sender of local reminder emails; nothing leaves the machine, so any address does. */
const LOCAL_SENDER = 'Partnership Records (local) <reminders@partnership-records.local>';

const SECRET_FILE = 'reminder-link-secret';

/**
 * The secret that signs the settings links in reminder emails, made once per data folder and kept
 * there, so links in emails already in the local inbox keep working after a restart.
 */
export function localLinkSecret(dataDir: string, create: boolean): string | undefined {
  const file = resolve(dataDir, SECRET_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (!create) return undefined;
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Where local emails link: the partner pages under the API's /dashboard (as the dashboard site's
 * root in the cloud) and the signed-link pages on the API itself.
 */
export function localSitePages(secret: string, apiUrl: string): SitePages {
  return new SitePages({
    siteUrl: `${apiUrl}/dashboard`,
    linkPagesUrl: apiUrl,
    links: new SignedLinks(secret),
  });
}

/** Everything the reminders job needs, on DynamoDB Local and the local SMTP inbox. */
export function localReminderDependencies(parts: {
  client: DynamoDBDocumentClient;
  tableName: string;
  store: RecordRepository;
  directory: UserDirectory;
  secret: string;
  apiUrl: string;
  smtp: { host: string; port: number };
}): ReminderDependencies & { mailer: SmtpMailer } {
  return {
    source: new StoreReminderSource(parts.store, parts.directory),
    preferences: new DynamoPreferenceStore(parts.client, parts.tableName),
    sentLog: new DynamoSentLog(parts.client, parts.tableName),
    mailer: new SmtpMailer({ ...parts.smtp, from: LOCAL_SENDER }),
    pages: localSitePages(parts.secret, parts.apiUrl),
  };
}
