import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { readMetricNames, readReminderConfig } from '../config.ts';
import { SignedLinks } from '../links/signed-links.ts';
import { SitePages } from '../links/site-pages.ts';
import { SesMailer } from '../mail/ses-mailer.ts';
import { createDocumentClient } from '../store/client.ts';
import { RecordStore } from '../store/record-store.ts';
import { DynamoPreferenceStore } from '../store/reminder-preferences.ts';
import { StoreReminderSource } from '../store/reminder-source.ts';
import { DynamoSentLog } from '../store/sent-log.ts';
import { DynamoUserDirectory } from '../store/user-directory.ts';
import { secretFromSecretsManager } from './link-secret.ts';
import { type ReminderEvent, reminderDayFor } from './reminder-day.ts';
import { type ReminderDependencies, sendReminders } from './send-reminders.ts';

/** Names the monitoring alarms rely on (infra/lib/reminders.ts reads them). */
const REMINDER_METRICS = {
  ...readMetricNames(process.env, 'records-reminders'),
  sent: 'RemindersSent',
  failed: 'RemindersFailed',
} as const;

const logger = new Logger({ serviceName: REMINDER_METRICS.service });
const metrics = new Metrics({ namespace: REMINDER_METRICS.namespace, serviceName: REMINDER_METRICS.service });

// Built once per container and reused by warm invocations.
let deps: ReminderDependencies | undefined;

function connect(): ReminderDependencies {
  if (deps) return deps;
  const config = readReminderConfig(process.env);
  const { tableName } = config;
  const client = createDocumentClient({ region: config.region });
  deps = {
    source: new StoreReminderSource(
      new RecordStore(client, tableName),
      new DynamoUserDirectory(client, tableName),
    ),
    preferences: new DynamoPreferenceStore(client, tableName),
    sentLog: new DynamoSentLog(client, tableName),
    mailer: new SesMailer({ from: config.from, configurationSet: config.configurationSet }),
    pages: new SitePages({
      siteUrl: config.siteUrl,
      linkPagesUrl: config.publicApiUrl,
      links: new SignedLinks(secretFromSecretsManager(config.linkSecretArn)),
    }),
  };
  return deps;
}

/**
 * Lambda entry for EventBridge Scheduler (07:00 New Zealand time): sends the day's reminders.
 * Emails that could not be sent make the invocation fail after the others went out, so Lambda
 * retries it; the sent log makes the retry send only what is still missing.
 */
export const handler = async (event: ReminderEvent | undefined, context: Context) => {
  logger.addContext(context);
  try {
    const day = reminderDayFor(event);
    logger.info('Reminders started', { day, source: event?.source ?? 'manual' });
    const summary = await sendReminders(connect(), day);
    metrics.addMetric(REMINDER_METRICS.sent, MetricUnit.Count, summary.sent);
    metrics.addMetric(REMINDER_METRICS.failed, MetricUnit.Count, summary.failed.length);
    logger.info('Reminders done', {
      day,
      planned: summary.planned,
      sent: summary.sent,
      alreadySent: summary.alreadySent,
      failed: summary.failed.length,
    });
    if (summary.failed.length > 0) {
      for (const failure of summary.failed) logger.error('Reminder not sent', failure);
      throw new Error(
        `${summary.failed.length} of ${summary.planned} reminder emails could not be sent for ${day}; a retry sends only those.`,
      );
    }
    return { day, planned: summary.planned, sent: summary.sent, alreadySent: summary.alreadySent };
  } finally {
    metrics.publishStoredMetrics();
  }
};
