import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { S3SnapshotSink } from '../aggregate/s3-sink.ts';
import { SnapshotFiles } from '../aggregate/snapshot-files.ts';
import { readDigestConfig, readMetricNames } from '../config.ts';
import { scheduledRunDay } from '../domain/new-zealand-day.ts';
import { SignedLinks } from '../links/signed-links.ts';
import { SitePages } from '../links/site-pages.ts';
import { SesMailer } from '../mail/ses-mailer.ts';
import { secretFromSecretsManager } from '../reminders/link-secret.ts';
import { createDocumentClient } from '../store/client.ts';
import { DynamoDigestSentLog } from '../store/digest-sent-log.ts';
import { StoreDigestSource } from '../store/digest-source.ts';
import { DynamoDigestUnsubscribes } from '../store/digest-unsubscribes.ts';
import { RecordStore } from '../store/record-store.ts';
import { type DigestDependencies, sendDigests } from './send-digests.ts';
import { digestLinkSigner, digestPages } from './site-links.ts';

/** Names the monitoring alarms rely on (infra/lib/digest.ts reads them). */
export const DIGEST_METRICS = {
  ...readMetricNames(process.env, 'records-digest'),
  sent: 'DigestsSent',
  failed: 'DigestsFailed',
} as const;

const logger = new Logger({ serviceName: DIGEST_METRICS.service });
const metrics = new Metrics({ namespace: DIGEST_METRICS.namespace, serviceName: DIGEST_METRICS.service });

/** What starts a run: the scheduler's time, or a person naming a New Zealand day. */
export interface DigestEvent {
  day?: string;
  scheduledTime?: string;
  source?: string;
}

// Built once per container and reused by warm invocations.
let deps: DigestDependencies | undefined;

function connect(): DigestDependencies {
  if (deps) return deps;
  const config = readDigestConfig(process.env);
  const client = createDocumentClient({ region: config.region });
  const pages = new SitePages({
    siteUrl: config.siteUrl,
    linkPagesUrl: config.publicApiUrl,
    links: new SignedLinks(secretFromSecretsManager(config.linkSecretArn)),
  });
  deps = {
    source: new StoreDigestSource(
      new RecordStore(client, config.tableName),
      config.snapshotBucket ? new SnapshotFiles(new S3SnapshotSink(config.snapshotBucket)) : undefined,
    ),
    sentLog: new DynamoDigestSentLog(client, config.tableName),
    unsubscribes: new DynamoDigestUnsubscribes(client, config.tableName),
    mailer: new SesMailer({ from: config.from, configurationSet: config.configurationSet }),
    links: digestLinkSigner(pages),
    pages: digestPages(config.siteUrl, config.publicSiteUrl),
  };
  return deps;
}

/**
 * Lambda entry for EventBridge Scheduler (08:00 New Zealand time, daily): sends each consenting
 * member the digest of their group's current period if they have not had it and something is new.
 * Digests that could not be sent make the invocation fail after the others went out, so Lambda
 * retries it; the sent log makes the retry send only those.
 */
export const handler = async (event: DigestEvent | undefined, context: Context) => {
  logger.addContext(context);
  try {
    const day = scheduledRunDay(event, 'day');
    logger.info('Digest run started', { day, source: event?.source ?? 'manual' });
    const summary = await sendDigests(connect(), day);
    metrics.addMetric(DIGEST_METRICS.sent, MetricUnit.Count, summary.sent);
    metrics.addMetric(DIGEST_METRICS.failed, MetricUnit.Count, summary.failed.length);
    logger.info('Digest run done', { ...summary, failed: summary.failed.length });
    if (summary.failed.length > 0) {
      for (const failure of summary.failed) logger.error('Digest not sent', failure);
      throw new Error(
        `${summary.failed.length} of ${summary.planned} digests could not be sent for ${day}; a retry sends only those.`,
      );
    }
    return { day, planned: summary.planned, sent: summary.sent, alreadySent: summary.alreadySent };
  } finally {
    metrics.publishStoredMetrics();
  }
};
