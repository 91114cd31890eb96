import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SnapshotReader } from '../functions/aggregate/snapshot-files.ts';
import type { DigestDependencies } from '../functions/digest/send-digests.ts';
import { digestLinkSigner, digestPages } from '../functions/digest/site-links.ts';
import type { RecordRepository } from '../functions/domain/record-repository.ts';
import { SignedLinks } from '../functions/links/signed-links.ts';
import { SitePages } from '../functions/links/site-pages.ts';
import { SmtpMailer } from '../functions/mail/smtp-mailer.ts';
import { DynamoDigestSentLog } from '../functions/store/digest-sent-log.ts';
import { StoreDigestSource } from '../functions/store/digest-source.ts';
import { DynamoDigestUnsubscribes } from '../functions/store/digest-unsubscribes.ts';

/** The sender of local digests; nothing leaves the machine, so any address does. */
const LOCAL_SENDER = 'Partnership Records (local) <digest@partnership-records.local>';

/**
 * Everything the digest job needs on DynamoDB Local and the local SMTP inbox: links to the local
 * API's link pages, the dashboard under /dashboard and the public website at the root.
 */
export function localDigestDependencies(parts: {
  client: DynamoDBDocumentClient;
  tableName: string;
  store: RecordRepository;
  secret: string;
  apiUrl: string;
  smtp: { host: string; port: number };
  snapshots?: SnapshotReader;
}): DigestDependencies & { mailer: SmtpMailer } {
  const siteUrl = `${parts.apiUrl}/dashboard`;
  const pages = new SitePages({ siteUrl, linkPagesUrl: parts.apiUrl, links: new SignedLinks(parts.secret) });
  return {
    source: new StoreDigestSource(parts.store, parts.snapshots),
    sentLog: new DynamoDigestSentLog(parts.client, parts.tableName),
    unsubscribes: new DynamoDigestUnsubscribes(parts.client, parts.tableName),
    mailer: new SmtpMailer({ ...parts.smtp, from: LOCAL_SENDER }),
    links: digestLinkSigner(pages),
    pages: digestPages(siteUrl, parts.apiUrl),
  };
}
