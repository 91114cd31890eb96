import { openDataArea } from '../api/routes/open-data.ts';
import { publicArea } from '../api/routes/public.ts';
import { remindersArea } from '../api/routes/reminders.ts';
import { CachedDirectory } from '../directory/public-directory.ts';
import { SignedLinkCheck } from '../links/signed-link-check.ts';
import { secretFromSecretsManager } from '../reminders/link-secret.ts';
import { DynamoPreferenceStore } from '../store/reminder-preferences.ts';
import { apiFunctionHandler } from './api-function.ts';

/**
 * Lambda entry for what the internet reaches without a token: the open data (HSDS, CSV, public
 * records) and the reminder settings behind the link in every email, with their signed-in twin
 * (functions/api/api-functions.ts). It reads records and writes only reminder settings.
 */
export const handler = apiFunctionHandler('public', ({ config, client, store }) => {
  // The API only checks the links' signatures (it signs none).
  const reminders = config.reminderLinkSecretArn
    ? {
        links: new SignedLinkCheck(secretFromSecretsManager(config.reminderLinkSecretArn)),
        preferences: new DynamoPreferenceStore(client, config.tableName),
      }
    : undefined;
  return [
    // The open-data routes keep the directory a minute per container (CloudFront keeps it five).
    openDataArea(new CachedDirectory(store, 60_000)),
    publicArea(store),
    remindersArea(reminders),
  ];
});
