import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';

/** The deployable environments. Each is one CloudFormation stack. */
export const ENVIRONMENT_NAMES = ['dev', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/**
 * Everything that differs between environments or is supplied by the operator, resolved once from
 * CDK context so that constructs receive plain values and never read context themselves.
 */
export interface EnvironmentConfig {
  name: EnvironmentName;
  /**
   * Where the stack deploys. Sydney unless an operator chooses otherwise on purpose (context
   * `region`): the data of New Zealand staff and partners stays in Australia or New Zealand.
   */
  region: string;
  /** prod keeps data (table, buckets, user pool, keys, logs) when the stack or a resource is removed. */
  retainData: boolean;
  removalPolicy: RemovalPolicy;
  logRetention: RetentionDays;
  /** POWERTOOLS_LOG_LEVEL for every function. */
  logLevel: 'DEBUG' | 'INFO';
  /** OAuth client id of the Sheets add-on's Google Cloud project: the `aud` of Google ID tokens. */
  googleClientId: string;
  /** Extra Cognito app client ids (created by hand, see docs/deploy.md) accepted as machine clients. */
  extraMachineClientIds: string[];
  /** Partners' own OpenID Connect issuers for people (docs/partners.md): Entra ID tenants, Google. */
  partnerIssuers: PartnerIssuer[];
  /**
   * The OpenID Connect client the partner pages sign people in with (code flow with PKCE), written
   * to the site's `partners/sign-in.json`; without it the pages accept a pasted token only.
   */
  partnerPagesOidc: PartnerPagesOidc | undefined;
  /** Shown to people who are refused access, so they know whom to ask. */
  accessContact: string;
  /** Where alarms are emailed; no subscription when absent. */
  alarmEmail: string | undefined;
  /** Steady-state requests per second and burst allowed on each API stage. */
  apiThrottle: { rateLimit: number; burstLimit: number };
  /**
   * Name of an existing table the functions use instead of the stack's own table: how a
   * point-in-time restore is switched in (see docs/deploy.md, "Restore").
   */
  tableNameOverride: string | undefined;
  /**
   * Cognito domain prefix for the machine-client token endpoint. It must be unique in the region
   * across all AWS accounts, so the default adds the account id (see MachineAuth).
   */
  authDomainPrefix: string | undefined;
  /**
   * Region of the AWS Backup vault that receives a copy of every daily backup, or undefined for no
   * backup plan (dev). prod defaults to Melbourne: a second Australian region, a separate failure domain.
   */
  backupCopyRegion: string | undefined;
  /** Custom domains of the CloudFront sites (`dashboard`, `api`, `machineApi`, ...), each with its ACM certificate. */
  domains: Record<string, SiteDomain>;
  /**
   * Reserved concurrency per function (`api`, `aggregate`, ...); a function not named gets none.
   * prod reserves some so that a runaway caller cannot starve the other functions, and caps the API.
   */
  reservedConcurrency: Record<string, number>;
  /** Web application firewall: requests allowed per client IP in five minutes before it is blocked. */
  waf: { rateLimitPerIp: number };
  /**
   * The address reminder emails come from (context `reminderSender`), on a domain verified in SES.
   * Without it the stack has no reminders: no schedule, no SES identity (docs/deploy.md).
   */
  reminderSender: string | undefined;
}

/** A CloudFront site's own name and its certificate (ACM, in us-east-1 as CloudFront requires). */
export interface SiteDomain {
  domainName: string;
  certificateArn: string;
}

/** Placeholder audience used when no Google client id is given: it matches no real token, so access fails closed. */
export const UNSET_GOOGLE_CLIENT_ID = 'unset.apps.googleusercontent.com';

/** Sydney: the closest AWS region to New Zealand with every service this stack uses. */
const DEFAULT_REGION = 'ap-southeast-2';
/** Melbourne: a second Australian region for the backup copy. */
const DEFAULT_BACKUP_COPY_REGION = 'ap-southeast-4';
/** prod's reserved concurrency: the API functions' shares, and one nightly run at a time. */
const PROD_RESERVED_CONCURRENCY: Record<string, number> = {
  api: 50,
  // The API's other functions (functions/api/api-functions.ts): fewer, smaller callers each.
  knowledgeApi: 5,
  reportsApi: 5,
  publicApi: 10,
  pagesApi: 5,
  aggregate: 1,
  reminders: 1,
  digest: 1,
  website: 20,
};

/**
 * Requests per client IP in five minutes: a regional office behind one address, with a dozen people
 * pulling and pushing sheets, stays well under it; a scripted flood does not.
 */
const DEFAULT_WAF_RATE_LIMIT = 2000;

const DEFAULT_API_RATE_LIMIT = 50;
const DEFAULT_API_BURST_LIMIT = 100;

/** The context keys an operator can set with `-c key=value` (documented in docs/deploy.md). */
const CONTEXT_KEYS = {
  env: 'env',
  googleClientId: 'googleClientId',
  machineClientIds: 'machineClientIds',
  partnerIssuers: 'partnerIssuers',
  partnerPagesOidc: 'partnerPagesOidc',
  accessContact: 'accessContact',
  alarmEmail: 'alarmEmail',
  apiRateLimit: 'apiRateLimit',
  apiBurstLimit: 'apiBurstLimit',
  tableName: 'tableName',
  authDomainPrefix: 'authDomainPrefix',
  region: 'region',
  backupCopyRegion: 'backupCopyRegion',
  domains: 'domains',
  reservedConcurrency: 'reservedConcurrency',
  wafRateLimit: 'wafRateLimit',
  reminderSender: 'reminderSender',
} as const;

export class InvalidContextError extends Error {
  constructor(key: string, problem: string) {
    super(`Context '${key}': ${problem}`);
    this.name = 'InvalidContextError';
  }
}

/** Where per-environment settings live in cdk.json: `"environments": { "prod": { "tableName": "..." } }`. */
const ENVIRONMENTS_CONTEXT_KEY = 'environments';

/** Looks a key up for one environment; `undefined` when it is set nowhere. */
type ContextLookup = (key: string) => unknown;

/**
 * Reads and checks the operator's context; a bad value stops synth with a message naming the key.
 *
 * Each key is looked up first as given on the command line (`-c key=value`, or top level in
 * cdk.json), then under `environments.<env>` in cdk.json. Settings that must persist for one
 * environment (its Google client id, a restored table's name) belong in the latter, reviewed in git,
 * so that a deploy without a `-c` flag cannot quietly undo them.
 */
export function readEnvironmentConfig(node: Node): EnvironmentConfig {
  const name = readEnvironmentName(node);
  const lookup = environmentLookup(node, name);
  const retainData = name === 'prod';
  const region = readRegion(lookup, CONTEXT_KEYS.region) ?? DEFAULT_REGION;
  const backupCopyRegion =
    readRegion(lookup, CONTEXT_KEYS.backupCopyRegion) ??
    (retainData ? DEFAULT_BACKUP_COPY_REGION : undefined);
  if (backupCopyRegion === region) {
    throw new InvalidContextError(
      CONTEXT_KEYS.backupCopyRegion,
      `must differ from the stack's region (${region}): a copy in the same region survives nothing the original would not`,
    );
  }
  return {
    name,
    region,
    retainData,
    removalPolicy: retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    logRetention: retainData ? RetentionDays.ONE_YEAR : RetentionDays.TWO_WEEKS,
    logLevel: retainData ? 'INFO' : 'DEBUG',
    googleClientId: readString(lookup, CONTEXT_KEYS.googleClientId) ?? UNSET_GOOGLE_CLIENT_ID,
    extraMachineClientIds: readList(lookup, CONTEXT_KEYS.machineClientIds),
    partnerIssuers: readPartnerIssuers(lookup(CONTEXT_KEYS.partnerIssuers)),
    partnerPagesOidc: readPartnerPagesOidc(lookup(CONTEXT_KEYS.partnerPagesOidc)),
    accessContact: readString(lookup, CONTEXT_KEYS.accessContact) ?? '',
    alarmEmail: readString(lookup, CONTEXT_KEYS.alarmEmail),
    apiThrottle: {
      rateLimit: readPositiveNumber(lookup, CONTEXT_KEYS.apiRateLimit) ?? DEFAULT_API_RATE_LIMIT,
      burstLimit: readPositiveNumber(lookup, CONTEXT_KEYS.apiBurstLimit) ?? DEFAULT_API_BURST_LIMIT,
    },
    tableNameOverride: readString(lookup, CONTEXT_KEYS.tableName),
    authDomainPrefix: readString(lookup, CONTEXT_KEYS.authDomainPrefix),
    backupCopyRegion,
    domains: readSiteDomains(lookup(CONTEXT_KEYS.domains)),
    reservedConcurrency: readConcurrency(lookup(CONTEXT_KEYS.reservedConcurrency), retainData),
    waf: { rateLimitPerIp: readPositiveNumber(lookup, CONTEXT_KEYS.wafRateLimit) ?? DEFAULT_WAF_RATE_LIMIT },
    reminderSender: readEmailAddress(lookup, CONTEXT_KEYS.reminderSender),
  };
}

function readEnvironmentName(node: Node): EnvironmentName {
  const value = readString((key) => node.tryGetContext(key), CONTEXT_KEYS.env) ?? 'dev';
  const known = ENVIRONMENT_NAMES.find((name) => name === value);
  if (!known) {
    throw new InvalidContextError('env', `expected one of ${ENVIRONMENT_NAMES.join(', ')}, got '${value}'`);
  }
  return known;
}

function environmentLookup(node: Node, name: EnvironmentName): ContextLookup {
  const environments: unknown = node.tryGetContext(ENVIRONMENTS_CONTEXT_KEY) ?? {};
  if (typeof environments !== 'object' || environments === null || Array.isArray(environments)) {
    throw new InvalidContextError(ENVIRONMENTS_CONTEXT_KEY, 'expected an object keyed by environment name');
  }
  const settings: unknown = (environments as Record<string, unknown>)[name] ?? {};
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new InvalidContextError(`${ENVIRONMENTS_CONTEXT_KEY}.${name}`, 'expected an object of settings');
  }
  return (key) => node.tryGetContext(key) ?? (settings as Record<string, unknown>)[key];
}

/** Context from `-c key=value` arrives as a string; from cdk.json it may be any JSON value. */
function readString(lookup: ContextLookup, key: string): string | undefined {
  const value = lookup(key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new InvalidContextError(key, `expected text, got ${JSON.stringify(value)}`);
  }
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Accepts a JSON array of strings (cdk.json) or a comma-separated string (`-c key=a,b`). */
function readList(lookup: ContextLookup, key: string): string[] {
  const value = lookup(key);
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (!items?.every((item) => typeof item === 'string')) {
    throw new InvalidContextError(key, `expected a list of text or 'a,b,c', got ${JSON.stringify(value)}`);
  }
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

function readEmailAddress(lookup: ContextLookup, key: string): string | undefined {
  const value = readString(lookup, key);
  if (value !== undefined && !/^[^\s@<>]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value)) {
    throw new InvalidContextError(
      key,
      `expected an email address such as reminders@records.example.nz, got '${value}'`,
    );
  }
  return value?.toLowerCase();
}

function readPositiveNumber(lookup: ContextLookup, key: string): number | undefined {
  const value = lookup(key);
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new InvalidContextError(key, `expected a positive number, got ${JSON.stringify(value)}`);
  }
  return number;
}

const REGION_RE = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

function readRegion(lookup: ContextLookup, key: string): string | undefined {
  const value = readString(lookup, key);
  if (value !== undefined && !REGION_RE.test(value)) {
    throw new InvalidContextError(key, `expected an AWS region such as ap-southeast-2, got '${value}'`);
  }
  return value;
}

const CLOUDFRONT_CERTIFICATE_RE = /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/;

/** `{"dashboard": {"domainName": "...", "certificateArn": "arn:aws:acm:us-east-1:..."}}` from cdk.json. */
/** An operator-configured OpenID Connect issuer for people (see docs/partners.md). */
export interface PartnerIssuer {
  issuer: string;
  audience: string[];
  jwksUri: string;
  emailClaim?: string;
  requireVerifiedEmail?: boolean;
}

/** `[{"issuer": "https://login.microsoftonline.com/<tenant>/v2.0", "audience": ["<client id>"], "jwksUri": "..."}]` */
function readPartnerIssuers(value: unknown): PartnerIssuer[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return readPartnerIssuers(JSON.parse(value));
  const key = CONTEXT_KEYS.partnerIssuers;
  if (!Array.isArray(value)) {
    throw new InvalidContextError(key, 'expected a list of {"issuer", "audience": [...], "jwksUri"}');
  }
  return value.map((entry, i) => {
    const { issuer, audience, jwksUri, emailClaim, requireVerifiedEmail } = (entry ?? {}) as Record<
      string,
      unknown
    >;
    if (typeof issuer !== 'string' || !issuer.startsWith('https://')) {
      throw new InvalidContextError(
        `${key}[${i}].issuer`,
        `expected an https issuer URL, got ${JSON.stringify(issuer)}`,
      );
    }
    if (
      !Array.isArray(audience) ||
      audience.length === 0 ||
      !audience.every((a) => typeof a === 'string' && a)
    ) {
      throw new InvalidContextError(
        `${key}[${i}].audience`,
        'expected the client id(s) tokens are issued for',
      );
    }
    if (typeof jwksUri !== 'string' || !jwksUri.startsWith('https://')) {
      throw new InvalidContextError(
        `${key}[${i}].jwksUri`,
        `expected an https JWKS URL, got ${JSON.stringify(jwksUri)}`,
      );
    }
    return {
      issuer,
      audience: audience as string[],
      jwksUri,
      ...(typeof emailClaim === 'string' ? { emailClaim } : {}),
      ...(typeof requireVerifiedEmail === 'boolean' ? { requireVerifiedEmail } : {}),
    };
  });
}

function readSiteDomains(value: unknown): Record<string, SiteDomain> {
  if (value === undefined || value === null) return {};
  const key = CONTEXT_KEYS.domains;
  if (typeof value === 'string') return readSiteDomains(JSON.parse(value));
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidContextError(
      key,
      'expected an object keyed by site, e.g. {"dashboard": {"domainName": ..., "certificateArn": ...}}',
    );
  }
  const domains: Record<string, SiteDomain> = {};
  for (const [site, entry] of Object.entries(value as Record<string, unknown>)) {
    const { domainName, certificateArn } = (entry ?? {}) as Record<string, unknown>;
    if (typeof domainName !== 'string' || !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(domainName)) {
      throw new InvalidContextError(
        `${key}.${site}.domainName`,
        `expected a host name, got ${JSON.stringify(domainName)}`,
      );
    }
    if (typeof certificateArn !== 'string' || !CLOUDFRONT_CERTIFICATE_RE.test(certificateArn)) {
      throw new InvalidContextError(
        `${key}.${site}.certificateArn`,
        `expected the ARN of an ACM certificate in us-east-1 (CloudFront uses only those), got ${JSON.stringify(certificateArn)}`,
      );
    }
    domains[site] = { domainName: domainName.toLowerCase(), certificateArn };
  }
  return domains;
}

/** `{"api": 50, "aggregate": 1}`; 0 leaves a function unreserved. */
function readConcurrency(value: unknown, retainData: boolean): Record<string, number> {
  if (value === undefined || value === null) return retainData ? { ...PROD_RESERVED_CONCURRENCY } : {};
  if (typeof value === 'string') return readConcurrency(JSON.parse(value), retainData);
  const key = CONTEXT_KEYS.reservedConcurrency;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidContextError(key, 'expected an object of function name to number, e.g. {"api": 50}');
  }
  const result: Record<string, number> = {};
  for (const [name, limit] of Object.entries(value as Record<string, unknown>)) {
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
      throw new InvalidContextError(
        `${key}.${name}`,
        `expected a whole number of 0 or more, got ${JSON.stringify(limit)}`,
      );
    }
    if (limit > 0) result[name] = limit;
  }
  return result;
}

export interface PartnerPagesOidc {
  /** The issuer the browser signs in with, e.g. `https://login.microsoftonline.com/<tenant>/v2.0`. */
  authority: string;
  clientId: string;
  scope?: string;
  /**
   * Origins the pages' browser code calls besides the authority, when the issuer's token endpoint
   * lives elsewhere (Google: `https://oauth2.googleapis.com`). They go into the pages' CSP.
   */
  tokenOrigins: string[];
}

function readPartnerPagesOidc(value: unknown): PartnerPagesOidc | undefined {
  if (value === undefined) return undefined;
  const key = CONTEXT_KEYS.partnerPagesOidc;
  const shape =
    'expected {"authority": "https://…", "clientId": "…", "scope"?: "…", "tokenOrigins"?: ["https://…"]}';
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidContextError(key, shape);
  const { authority, clientId, scope, tokenOrigins = [] } = value as Record<string, unknown>;
  const isHttpsOrigin = (text: unknown): text is string => {
    if (typeof text !== 'string') return false;
    try {
      return new URL(text).protocol === 'https:';
    } catch {
      return false;
    }
  };
  if (!isHttpsOrigin(authority))
    throw new InvalidContextError(key, `authority must be an https URL; ${shape}`);
  if (typeof clientId !== 'string' || clientId.trim() === '')
    throw new InvalidContextError(key, `clientId is missing; ${shape}`);
  if (scope !== undefined && typeof scope !== 'string')
    throw new InvalidContextError(key, `scope must be text; ${shape}`);
  if (!Array.isArray(tokenOrigins) || !tokenOrigins.every(isHttpsOrigin)) {
    throw new InvalidContextError(key, `tokenOrigins must be a list of https origins; ${shape}`);
  }
  return {
    authority,
    clientId,
    ...(scope ? { scope } : {}),
    tokenOrigins: tokenOrigins.map((origin) => new URL(origin).origin),
  };
}
