import { actionLinksArea } from '../api/routes/action-links.ts';
import { digestLinksArea } from '../api/routes/digest-links.ts';
import { openDataArea } from '../api/routes/open-data.ts';
import { publicArea } from '../api/routes/public.ts';
import { remindersArea } from '../api/routes/reminders.ts';
import { digestSubscriptions } from '../digest/digest-settings-page.ts';
import {
  directorySourceOf,
  LiveDirectory,
  PUBLIC_DIRECTORY_REFRESH_MS,
} from '../directory/live-directory.ts';
import { ActionOwnerService } from '../domain/action-owner-service.ts';
import { RecordService } from '../domain/record-service.ts';
import { SignedLinkCheck } from '../links/signed-link-check.ts';
import { secretFromSecretsManager } from '../reminders/link-secret.ts';
import { DynamoDigestSentLog } from '../store/digest-sent-log.ts';
import { DynamoDigestUnsubscribes } from '../store/digest-unsubscribes.ts';
import { DynamoPreferenceStore } from '../store/reminder-preferences.ts';
import { apiFunctionHandler } from './api-function.ts';

/**
 * Lambda entry for what the internet reaches without a token: the open data (HSDS, CSV, public
 * records) and the reminder settings behind the link in every email, with their signed-in twin
 * (functions/api/api-functions.ts). It reads records and writes only reminder settings.
 */
export const handler = apiFunctionHandler('public', ({ config, client, store, directory }) => {
  // The API only checks the links' signatures (it signs none).
  const links = config.reminderLinkSecretArn
    ? new SignedLinkCheck(secretFromSecretsManager(config.reminderLinkSecretArn))
    : undefined;
  const reminders = links
    ? {
        links,
        preferences: new DynamoPreferenceStore(client, config.tableName),
        digest: digestSubscriptions(new DynamoDigestUnsubscribes(client, config.tableName), store),
      }
    : undefined;
  // The owner's page of an action, behind the signed link in a reminder: changes go through the records' write path.
  const actionLinks = reminders
    ? {
        links: reminders.links,
        owners: new ActionOwnerService(store, new RecordService(store, directory, console.error)),
      }
    : undefined;
  return [
    // The open-data routes read the directory once per container and follow its changes (CloudFront keeps answers five minutes).
    openDataArea(
      new LiveDirectory(directorySourceOf(store), { refreshEveryMs: PUBLIC_DIRECTORY_REFRESH_MS }),
    ),
    digestLinksArea(
      links
        ? {
            links,
            sentLog: new DynamoDigestSentLog(client, config.tableName),
            store,
            publicSiteUrl: config.publicSiteUrl,
          }
        : undefined,
    ),
    // The open-data routes keep the directory a minute per container (CloudFront keeps it five).
    publicArea(store),
    remindersArea(reminders),
    actionLinksArea(actionLinks),
  ];
});
