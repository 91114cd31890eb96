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
}

/** Placeholder audience used when no Google client id is given: it matches no real token, so access fails closed. */
export const UNSET_GOOGLE_CLIENT_ID = 'unset.apps.googleusercontent.com';

const DEFAULT_API_RATE_LIMIT = 50;
const DEFAULT_API_BURST_LIMIT = 100;

/** The context keys an operator can set with `-c key=value` (documented in docs/deploy.md). */
export const CONTEXT_KEYS = {
  env: 'env',
  googleClientId: 'googleClientId',
  machineClientIds: 'machineClientIds',
  accessContact: 'accessContact',
  alarmEmail: 'alarmEmail',
  apiRateLimit: 'apiRateLimit',
  apiBurstLimit: 'apiBurstLimit',
  tableName: 'tableName',
  authDomainPrefix: 'authDomainPrefix',
} as const;

export class InvalidContextError extends Error {
  constructor(key: string, problem: string) {
    super(`Context '${key}': ${problem}`);
    this.name = 'InvalidContextError';
  }
}

/** Reads and checks the operator's context; a bad value stops synth with a message naming the key. */
export function readEnvironmentConfig(node: Node): EnvironmentConfig {
  const name = readEnvironmentName(node);
  const retainData = name === 'prod';
  return {
    name,
    retainData,
    removalPolicy: retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    logRetention: retainData ? RetentionDays.ONE_YEAR : RetentionDays.TWO_WEEKS,
    logLevel: retainData ? 'INFO' : 'DEBUG',
    googleClientId: readString(node, CONTEXT_KEYS.googleClientId) ?? UNSET_GOOGLE_CLIENT_ID,
    extraMachineClientIds: readList(node, CONTEXT_KEYS.machineClientIds),
    accessContact: readString(node, CONTEXT_KEYS.accessContact) ?? '',
    alarmEmail: readString(node, CONTEXT_KEYS.alarmEmail),
    apiThrottle: {
      rateLimit: readPositiveNumber(node, CONTEXT_KEYS.apiRateLimit) ?? DEFAULT_API_RATE_LIMIT,
      burstLimit: readPositiveNumber(node, CONTEXT_KEYS.apiBurstLimit) ?? DEFAULT_API_BURST_LIMIT,
    },
    tableNameOverride: readString(node, CONTEXT_KEYS.tableName),
    authDomainPrefix: readString(node, CONTEXT_KEYS.authDomainPrefix),
  };
}

function readEnvironmentName(node: Node): EnvironmentName {
  const value = readString(node, CONTEXT_KEYS.env) ?? 'dev';
  const known = ENVIRONMENT_NAMES.find((name) => name === value);
  if (!known)
    throw new InvalidContextError('env', `expected one of ${ENVIRONMENT_NAMES.join(', ')}, got '${value}'`);
  return known;
}

/** Context from `-c key=value` arrives as a string; from cdk.json it may be any JSON value. */
function readString(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new InvalidContextError(key, `expected text, got ${JSON.stringify(value)}`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Accepts a JSON array of strings (cdk.json) or a comma-separated string (`-c key=a,b`). */
function readList(node: Node, key: string): string[] {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (!items?.every((item) => typeof item === 'string')) {
    throw new InvalidContextError(key, `expected a list of text or 'a,b,c', got ${JSON.stringify(value)}`);
  }
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

function readPositiveNumber(node: Node, key: string): number | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new InvalidContextError(key, `expected a positive number, got ${JSON.stringify(value)}`);
  }
  return number;
}
