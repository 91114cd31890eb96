import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { serve } from '@hono/node-server';
import { inject } from 'vitest';
import { type AppDependencies, createApp } from '../../functions/api/app.ts';
import { Authenticator } from '../../functions/api/authenticate.ts';
import { openApiDocument } from '../../functions/api/openapi.ts';
import {
  type DigestSubscriptions,
  digestSubscriptions,
} from '../../functions/digest/digest-settings-page.ts';
import { InMemoryDigestSentLog, InMemoryDigestUnsubscribes } from '../../functions/digest/in-memory.ts';
import type { DigestSentLog, DigestUnsubscribes } from '../../functions/digest/ports.ts';
import { digestPages } from '../../functions/digest/site-links.ts';
import { directorySourceOf, LiveDirectory } from '../../functions/directory/live-directory.ts';
import type { ChangeLog } from '../../functions/domain/change-events.ts';
import type { RecordRepository } from '../../functions/domain/record-repository.ts';
import type { UserDirectory } from '../../functions/domain/user-directory.ts';
import { CachedPublicEvents, eventSourceOf } from '../../functions/events/public-events.ts';
import { SignedLinkCheck } from '../../functions/links/signed-link-check.ts';
import { createPublicSite } from '../../functions/public-site/site.ts';
import type { Role } from '../../functions/records/definition.ts';
import type { Party } from '../../functions/records/sign-offs.ts';
import { InMemoryPreferenceStore } from '../../functions/reminders/in-memory.ts';
import type { PreferenceStore } from '../../functions/reminders/ports.ts';
import { DynamoChangeLog } from '../../functions/store/change-log.ts';
import {
  createDocumentClient,
  isLocalEndpoint,
  NotLocalEndpointError,
} from '../../functions/store/client.ts';
import { ensureRecordsTable } from '../../functions/store/create-table.ts';
import { DynamoDigestSentLog } from '../../functions/store/digest-sent-log.ts';
import { StoreDigestSource } from '../../functions/store/digest-source.ts';
import { DynamoDigestUnsubscribes } from '../../functions/store/digest-unsubscribes.ts';
import { MemoryRecordStore } from '../../functions/store/memory-record-store.ts';
import { MemoryUserDirectory } from '../../functions/store/memory-user-directory.ts';
import { RecordStore } from '../../functions/store/record-store.ts';
import { DynamoPreferenceStore } from '../../functions/store/reminder-preferences.ts';
import { DynamoUserDirectory } from '../../functions/store/user-directory.ts';
import { DevIssuer } from '../../local/dev-issuer.ts';
import { type ApiResponse, jsonRequester, type RequestOptions } from './json-request.ts';

export type { ApiResponse, RequestOptions } from './json-request.ts';

export interface HarnessDigest {
  sentLog: DigestSentLog;
  unsubscribes: DigestUnsubscribes & Pick<DigestSubscriptions, 'isUnsubscribed' | 'unsubscribe'>;
}

/** A test world: the real API over a store, with a token issuer and the user directory. */
export interface Harness<Store extends RecordRepository = RecordRepository> {
  baseUrl: string;
  /** The DynamoDB table, in the connected tier. */
  tableName?: string;
  store: Store;
  directory: UserDirectory;
  issuer: DevIssuer;
  /** The reminder settings the API serves, and the secret its links are signed with (in-process harness only). */
  preferences?: PreferenceStore;
  linkSecret?: string;
  /** The LEC digests' sent log and unsubscribes the API's digest pages read. */
  digest?: HarnessDigest;
  /** Adds a person to the user directory and returns a signed token for them (CEG unless told). */
  signIn(
    email: string,
    role: Role,
    regionIds?: string[],
    partner?: { party: Party; councilIds?: string[] },
  ): Promise<string>;
  /**
   * Registers a machine client (one of MACHINE_CLIENT_IDS) in the user directory and returns an
   * access token for it, shaped like Cognito's, with these scopes (both records scopes unless told).
   */
  signInMachine?(clientId: string, role: Role, regionIds?: string[], scope?: string): Promise<string>;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/** The machine clients the harness's machine issuer accepts tokens for. */
export const MACHINE_CLIENT_IDS = ['crm-canterbury', 'crm-otago', 'crm-national', 'crm-other'] as const;
const MACHINE_ISSUER = 'https://machine-issuer.partnership-records.test';

interface WorldOptions
  extends Pick<AppDependencies, 'extend' | 'snapshots' | 'corsOrigins' | 'changeSettleMs' | 'webhooks'> {
  /** Serve the public website at / too, as npm start does. */
  publicSite?: boolean;
  /** As the Lambda handler passes them: CloudFront's origin secret and the request log. */
  originSecret?: AppDependencies['originSecret'];
  logRequest?: AppDependencies['logRequest'];
}

/**
 * The offline world: the app on the in-memory store, called through `app.request()` (no socket,
 * no database). Cheap enough for one per test file, or per test.
 */
export async function startOfflineHarness(options: WorldOptions = {}): Promise<Harness<MemoryRecordStore>> {
  const store = new MemoryRecordStore();
  const directory = new MemoryUserDirectory();
  const world = await appOver(
    store,
    directory,
    new InMemoryPreferenceStore(),
    options,
    {
      sentLog: new InMemoryDigestSentLog(),
      unsubscribes: new InMemoryDigestUnsubscribes(),
    },
    store,
  );
  const baseUrl = 'http://api.test';
  return {
    ...world,
    baseUrl,
    store,
    directory,
    request: jsonRequester(baseUrl, async (url, init) => world.app.request(url, init)),
    async close() {},
  };
}

/**
 * The connected world: a fresh table on DynamoDB Local and the real API on a real HTTP port.
 * Refuses to run unless DynamoDB is the local emulator.
 */
export async function startHarness(
  options: { endpoint?: string } & WorldOptions = {},
): Promise<Harness<RecordStore>> {
  const endpoint = options.endpoint ?? inject('dynamoEndpoint');
  if (!isLocalEndpoint(endpoint)) throw new NotLocalEndpointError(endpoint);
  const client = createDocumentClient({ endpoint, localOnly: true });
  const raw = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const tableName = `test-${randomUUID()}`;
  await ensureRecordsTable(raw, tableName);
  raw.destroy();
  const store = new RecordStore(client, tableName);
  const directory = new DynamoUserDirectory(client, tableName);
  const world = await appOver(
    store,
    directory,
    new DynamoPreferenceStore(client, tableName),
    options,
    {
      sentLog: new DynamoDigestSentLog(client, tableName),
      unsubscribes: new DynamoDigestUnsubscribes(client, tableName),
    },
    new DynamoChangeLog(client, tableName),
  );
  const server = serve({ fetch: world.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    ...world,
    baseUrl,
    tableName,
    store,
    directory,
    request: jsonRequester(baseUrl),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      client.destroy();
    },
  };
}

async function appOver(
  store: RecordRepository,
  directory: UserDirectory,
  preferences: PreferenceStore,
  options: WorldOptions,
  digest: HarnessDigest,
  changeLog: ChangeLog,
) {
  const issuer = await DevIssuer.create();
  const authenticator = new Authenticator(
    [
      issuer.config(),
      {
        kind: 'machine',
        issuer: MACHINE_ISSUER,
        audience: [...MACHINE_CLIENT_IDS],
        jwks: { keys: [issuer.publicJwk as Record<string, unknown>] },
      },
    ],
    directory,
  );
  const linkSecret = `test-link-secret-${randomUUID()}`;
  // Tests read their own writes at once: the directory asks what changed before every request.
  const publicDirectory = new LiveDirectory(directorySourceOf(store), { refreshEveryMs: 0 });
  const app = createApp({
    openApi: { build: openApiDocument },
    publicDirectory,
    store,
    changeLog,
    changeSettleMs: options.changeSettleMs,
    directory,
    authenticator,
    logError: (message, error) => console.error(message, error),
    extend: options.extend,
    // Tests read their own writes at once; the default lets a search reuse the index for a second.
    knowledgeRefreshMs: 0,
    snapshots: options.snapshots,
    originSecret: options.originSecret,
    logRequest: options.logRequest,
    corsOrigins: options.corsOrigins,
    webhooks: options.webhooks,
    // The routes only verify tokens; tests sign theirs with SignedLinks over the same secret.
    reminders: {
      links: new SignedLinkCheck(linkSecret),
      preferences,
      digest: digestSubscriptions(digest.unsubscribes, store),
    },
    digest: {
      links: { links: new SignedLinkCheck(linkSecret), sentLog: digest.sentLog, store },
      preview: {
        store,
        source: new StoreDigestSource(store, options.snapshots),
        sentLog: digest.sentLog,
        unsubscribes: digest.unsubscribes,
        pages: digestPages('http://site.test/dashboard', 'http://site.test'),
      },
    },
  });
  if (options.publicSite)
    app.route(
      '/',
      createPublicSite({
        directory: publicDirectory,
        events: new CachedPublicEvents(eventSourceOf(store), 0),
      }),
    );
  const signIn: Harness['signIn'] = async (email, role, regionIds = [], partner) => {
    await directory.put('user', email, { role, regionIds, ...partner }, 'test-setup');
    return issuer.mint(email);
  };
  const signInMachine: Harness['signInMachine'] = async (clientId, role, regionIds = [], scope) => {
    await directory.put('client', clientId, { role, regionIds }, 'test-setup');
    return issuer.mintMachine(clientId, { issuer: MACHINE_ISSUER, ...(scope ? { scope } : {}) });
  };
  return { app, issuer, preferences, linkSecret, signIn, signInMachine, digest };
}
