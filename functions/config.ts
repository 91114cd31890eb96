import { type IssuerConfig, parseIssuers } from './api/authenticate.ts';

/**
 * The one place the functions read their environment. Each Lambda entry (functions/handlers/)
 * reads its configuration once, at start, and passes it in; nothing below the entries reads
 * `process.env`. The variables are set by the stack (infra/lib/records-api.ts,
 * infra/lib/nightly-aggregation.ts, infra/lib/node-function.ts).
 */
export type Environment = Readonly<Record<string, string | undefined>>;

/** A missing or malformed variable: the function cannot start, and says which one and where it comes from. */
export class ConfigurationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigurationError';
  }
}

export interface ApiConfig {
  tableName: string;
  region: string;
  issuers: IssuerConfig[];
  /** Who people are told to ask for access, in every refusal. */
  accessContact?: string;
  /** Dashboard snapshots; without it the dashboard routes answer 503. */
  snapshotBucket?: string;
  /** Where /docs sends people: the API reference on the dashboard site. */
  docsUrl?: string;
  /** Where /openapi.json sends people: the document built with the site (dashboard:build). */
  openApiUrl?: string;
  /** Origins whose pages may call the API from the browser (the dashboard site). */
  corsOrigins: string[];
  /** CloudFront's secret header: requests without it did not come through the firewall. */
  originSecret?: string;
  /** The secret that signs reminder-settings links; without it the settings routes answer 503. */
  reminderLinkSecretArn?: string;
  /** The partner site (the dashboard's origin), where digests link the dashboard. */
  siteUrl?: string;
  /** The public website, where digests and group calendars link public events. */
  publicSiteUrl?: string;
}

export interface AggregationConfig {
  tableName: string;
  region: string;
  snapshotBucket: string;
}

export interface ReminderConfig {
  tableName: string;
  region: string;
  /** "Partnership Records <reminders@records.example.nz>": the verified sender. */
  from: string;
  /** The SES configuration set that suppresses bounces and complaints. */
  configurationSet: string;
  linkSecretArn: string;
  /** The people's API base URL, without a trailing slash: the signed-link pages (settings, actions) answer there. */
  publicApiUrl: string;
  /** The partner site (the dashboard's), without a trailing slash: record and council pages are there. */
  siteUrl: string;
}

/** The LEC digest function's configuration (set by infra/lib/digest.ts): the reminders' and more. */
export interface DigestConfig extends ReminderConfig {
  /** The public website, without a trailing slash: public events and region profiles are there. */
  publicSiteUrl: string;
  /** Dashboard snapshots, for the region's latest figures; without it the digest leaves them out. */
  snapshotBucket?: string;
}

export interface PublicSiteConfig {
  tableName: string;
  region: string;
  /** The site's own address, for canonical links; absent, pages link relatively. */
  siteUrl?: string;
}

/** The webhooks' functions (the endpoints' API, the dispatcher, the deliveries; infra/lib/webhooks.ts). */
export interface WebhookConfig {
  tableName: string;
  region: string;
  /** The delivery queue (SQS): first attempts, retries and redeliveries wait there until due. */
  queueUrl: string;
  /**
   * The machine API's base URL, without a trailing slash: delivery bodies link the changed record
   * there. Absent in the endpoints' API function, which sends only pings (they name no record).
   */
  apiBaseUrl?: string;
  /**
   * Deliveries may go to http://127.0.0.1 (and other loopback addresses): only `npm start` and the
   * tests set ALLOW_LOOPBACK_WEBHOOKS=true, never the stack, so in the cloud every delivery is
   * https to a public address.
   */
  allowLoopbackHttp: boolean;
  /** Who people are told to ask for access, in every refusal. */
  accessContact?: string;
}

/** The webhooks' configuration; `queueUrl` is required, as every webhook function sends to the queue. */
export function readWebhookConfig(env: Environment): WebhookConfig {
  const what = 'the webhooks';
  return {
    tableName: required(env, 'TABLE_NAME', what),
    region: optional(env, 'AWS_REGION') ?? DEFAULT_REGION,
    queueUrl: required(env, 'WEBHOOK_QUEUE_URL', what),
    apiBaseUrl: optional(env, 'WEBHOOK_API_BASE_URL')?.replace(/\/$/, ''),
    allowLoopbackHttp: loopbackWebhooksAllowed(env),
    accessContact: optional(env, 'ACCESS_CONTACT'),
  };
}

/** Whether this process may deliver webhooks to loopback http (npm start and the tests only). */
export function loopbackWebhooksAllowed(env: Environment): boolean {
  return optional(env, 'ALLOW_LOOPBACK_WEBHOOKS') === 'true';
}

/** Names of the aggregation's metrics; the monitoring alarms watch the same names (a test checks). */
export interface MetricNames {
  namespace: string;
  service: string;
}

const DEFAULT_REGION = 'ap-southeast-2';

/** The API function's configuration. A development issuer is refused unless `allowDevIssuer`. */
export function readApiConfig(env: Environment, options: { allowDevIssuer?: boolean } = {}): ApiConfig {
  const dashboardOrigin = optional(env, 'DASHBOARD_ORIGIN');
  let issuers: IssuerConfig[];
  try {
    issuers = parseIssuers(env.AUTH_ISSUERS, options.allowDevIssuer ?? false);
  } catch (error) {
    throw new ConfigurationError(
      `AUTH_ISSUERS is not a valid list of token issuers (${(error as Error).message}); the stack sets it in infra/lib/records-api.ts.`,
      { cause: error },
    );
  }
  return {
    tableName: required(env, 'TABLE_NAME', 'the API'),
    region: optional(env, 'AWS_REGION') ?? DEFAULT_REGION,
    issuers,
    accessContact: optional(env, 'ACCESS_CONTACT'),
    snapshotBucket: optional(env, 'SNAPSHOT_BUCKET'),
    docsUrl: dashboardOrigin ? `${dashboardOrigin}/docs/index.html` : undefined,
    openApiUrl: dashboardOrigin ? `${dashboardOrigin}/docs/openapi.json` : undefined,
    corsOrigins: dashboardOrigin ? [dashboardOrigin] : [],
    originSecret: optional(env, 'ORIGIN_VERIFY_SECRET'),
    reminderLinkSecretArn: optional(env, 'REMINDER_LINK_SECRET_ARN'),
    siteUrl: dashboardOrigin,
    publicSiteUrl: optional(env, 'PUBLIC_SITE_URL'),
  };
}

export function readAggregationConfig(env: Environment): AggregationConfig {
  return {
    tableName: required(env, 'TABLE_NAME', 'the aggregation'),
    region: optional(env, 'AWS_REGION') ?? DEFAULT_REGION,
    snapshotBucket: required(env, 'SNAPSHOT_BUCKET', 'the aggregation'),
  };
}

/** The reminders function's configuration (set by infra/lib/reminders.ts). */
export function readReminderConfig(env: Environment): ReminderConfig {
  const what = 'the reminders';
  return {
    tableName: required(env, 'TABLE_NAME', what),
    region: optional(env, 'AWS_REGION') ?? DEFAULT_REGION,
    from: required(env, 'REMINDER_FROM', what),
    configurationSet: required(env, 'SES_CONFIGURATION_SET', what),
    linkSecretArn: required(env, 'REMINDER_LINK_SECRET_ARN', what),
    publicApiUrl: required(env, 'PUBLIC_API_URL', what).replace(/\/$/, ''),
    siteUrl: required(env, 'SITE_URL', what).replace(/\/$/, ''),
  };
}

/** The digest function's configuration: the sender and links as the reminders', the website and snapshots besides. */
export function readDigestConfig(env: Environment): DigestConfig {
  const what = 'the digest';
  return {
    tableName: required(env, 'TABLE_NAME', what),
    region: optional(env, 'AWS_REGION') ?? DEFAULT_REGION,
    from: required(env, 'DIGEST_FROM', what),
    configurationSet: required(env, 'SES_CONFIGURATION_SET', what),
    linkSecretArn: required(env, 'REMINDER_LINK_SECRET_ARN', what),
    publicApiUrl: required(env, 'PUBLIC_API_URL', what).replace(/\/$/, ''),
    siteUrl: required(env, 'SITE_URL', what).replace(/\/$/, ''),
    publicSiteUrl: required(env, 'PUBLIC_SITE_URL', what).replace(/\/$/, ''),
    snapshotBucket: optional(env, 'SNAPSHOT_BUCKET'),
  };
}

export function readPublicSiteConfig(env: Environment): PublicSiteConfig {
  return {
    tableName: required(env, 'TABLE_NAME', 'the public website'),
    region: optional(env, 'AWS_REGION') ?? DEFAULT_REGION,
    siteUrl: optional(env, 'PUBLIC_SITE_URL'),
  };
}

/** Powertools' own variables, with the names the alarms expect when they are unset. */
export function readMetricNames(env: Environment, defaultService: string): MetricNames {
  return {
    namespace: optional(env, 'POWERTOOLS_METRICS_NAMESPACE') ?? 'PartnershipRecords',
    service: optional(env, 'POWERTOOLS_SERVICE_NAME') ?? defaultService,
  };
}

function optional(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function required(env: Environment, name: string, what: string): string {
  const value = optional(env, name);
  if (!value) {
    throw new ConfigurationError(
      `${name} is not set: ${what} function needs it (the stack sets it; locally, npm start does).`,
    );
  }
  return value;
}
