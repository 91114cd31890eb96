import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { DEFAULT_DEMO_SEED, generateDemoData } from '../data/demo/generator.ts';
import { loadDemoData } from '../data/demo/load.ts';
import { prepareSignOffStory } from '../data/demo/sign-off-story.ts';
import { loadReferenceData } from '../data/reference.ts';
import { SEED_PRINCIPAL } from '../data/seed-loader.ts';
import { type AppDependencies, createApp } from '../functions/api/app.ts';
import { Authenticator, parseIssuers } from '../functions/api/authenticate.ts';
import { openApiDocument } from '../functions/api/openapi.ts';
import type { AppEnv } from '../functions/api/request.ts';
import { digestSubscriptions } from '../functions/digest/digest-settings-page.ts';
import { digestPages } from '../functions/digest/site-links.ts';
import { directorySourceOf, LiveDirectory } from '../functions/directory/live-directory.ts';
import { KnowledgeBase, type KnowledgeSnapshotSource } from '../functions/domain/knowledge-base.ts';
import { newZealandDate } from '../functions/domain/new-zealand-day.ts';
import { RecordService } from '../functions/domain/record-service.ts';
import { SignOffService } from '../functions/domain/sign-off-service.ts';
import { CachedPublicEvents, eventSourceOf } from '../functions/events/public-events.ts';
import { SignedLinkCheck } from '../functions/links/signed-link-check.ts';
import { createPublicSite } from '../functions/public-site/site.ts';
import type { Role } from '../functions/records/definition.ts';
import { definitionForType } from '../functions/records/registry.ts';
import type { Party } from '../functions/records/sign-offs.ts';
import { DynamoChangeLog } from '../functions/store/change-log.ts';
import { createDocumentClient } from '../functions/store/client.ts';
import { ensureRecordsTable } from '../functions/store/create-table.ts';
import { DynamoDigestSentLog } from '../functions/store/digest-sent-log.ts';
import { StoreDigestSource } from '../functions/store/digest-source.ts';
import { DynamoDigestUnsubscribes } from '../functions/store/digest-unsubscribes.ts';
import { RecordStore } from '../functions/store/record-store.ts';
import { DynamoPreferenceStore } from '../functions/store/reminder-preferences.ts';
import { DynamoUserDirectory } from '../functions/store/user-directory.ts';
import { apiDocsExtension } from './api-docs-extension.ts';
import { DevIssuer } from './dev-issuer.ts';
import { startDynamoLocal } from './dynamo-local.ts';
import { requireJava17 } from './java.ts';
import { localLinkSecret } from './local-reminders.ts';
import { type LocalInbox, startLocalInbox } from './mail-inbox.ts';
import { requirePortFree } from './ports.ts';
import { readSeedMarker, type SeedMarker, writeSeedMarker } from './seed-marker.ts';

const LOCAL_TABLE_NAME = 'partnership-records';
export const DEFAULT_HTTP_PORT = 3000;
export const DEFAULT_DYNAMODB_PORT = 8000;
export const DEFAULT_DATA_DIR = '.local';

/**
 * One development user per role and party, in the user directory of every local start: CEG's
 * four roles, a Taskforce mayor's office (Christchurch City) and the MTFJ Executive Officer.
 * `key` names the user's token (NATIONAL_TOKEN, MAYOR_TOKEN, …).
 */
export const DEV_USERS: readonly {
  key: string;
  email: string;
  party: Party;
  role: Role;
  regionIds: string[];
  councilIds?: string[];
  name: string;
}[] = [
  {
    key: 'national',
    email: 'national@dev.local',
    party: 'ceg',
    role: 'national',
    regionIds: [],
    name: 'National Planning (dev)',
  },
  {
    key: 'regional',
    email: 'canterbury.regional@dev.local',
    party: 'ceg',
    role: 'regional',
    regionIds: ['canterbury'],
    name: 'Canterbury Regional Team (dev)',
  },
  {
    key: 'adviser',
    email: 'canterbury.adviser@dev.local',
    party: 'ceg',
    role: 'adviser',
    regionIds: ['canterbury'],
    name: 'Canterbury Adviser (dev)',
  },
  {
    key: 'viewer',
    email: 'viewer@dev.local',
    party: 'ceg',
    role: 'viewer',
    regionIds: ['canterbury'],
    name: 'Viewer (dev)',
  },
  {
    key: 'mayor',
    email: 'mayor.christchurch@dev.local',
    party: 'taskforce',
    role: 'council',
    regionIds: ['canterbury'],
    councilIds: ['christchurch-city'],
    name: "Christchurch City Mayor's Office (dev)",
  },
  {
    key: 'mtfj',
    email: 'mtfj.executive@dev.local',
    party: 'taskforce',
    role: 'national',
    regionIds: [],
    name: 'MTFJ Executive Officer (dev)',
  },
];

export interface LocalSystemOptions {
  /** HTTP port on 127.0.0.1 (default 3000; 0 picks a free one). */
  port?: number;
  /** DynamoDB Local's port (default 8000; 0 picks a free one). */
  dynamoPort?: number;
  /** Where data is kept between runs: `dynamodb/` and `dev-issuer.json` (default `.local`). */
  dataDir?: string;
  /** Load reference and demo data unless this data folder already has them (default true). */
  seed?: boolean;
  /** The day the demo data is made for (default: today in New Zealand). */
  today?: string;
  demoSeed?: number;
  /** Fill only these regions with demo data (quick tests); every region when absent. */
  demoRegionIds?: string[];
  /** Extra routes for the app, such as the dashboard: passed to `createApp`. */
  extend?: (app: Hono<AppEnv>) => void;
  /** Where the dashboard routes read snapshots from (a local folder): passed to `createApp`. */
  snapshots?: AppDependencies['snapshots'];
  /** Where the knowledge index's snapshot is kept (a local folder): loaded on the first search. */
  knowledgeSnapshots?: KnowledgeSnapshotSource;
  /** Where progress lines go (default: nowhere). */
  log?: (line: string) => void;
  /** Start the local mail inbox (MailDev) on these ports (0 picks free ones); none when absent. */
  inbox?: { smtpPort: number; webPort: number };
}

export interface LocalSystem {
  /** The API's address, like http://127.0.0.1:3000. */
  baseUrl: string;
  dynamoEndpoint: string;
  tableName: string;
  dataDir: string;
  /** One development token per development user (by its key), valid 12 hours from the start. */
  tokens: Record<string, string>;
  users: typeof DEV_USERS;
  /** What this start did about data: loaded it now, found it loaded before, or was told not to seed. */
  seeding: { status: 'loaded' | 'reused' | 'skipped'; marker?: SeedMarker };
  store: RecordStore;
  /** The local mail inbox reminder emails go to, when it was asked for. */
  inbox?: LocalInbox;
  /** Closes the HTTP server and stops DynamoDB Local; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the whole system on this machine: DynamoDB Local with data kept in `dataDir`, the
 * records table, reference and demo data (once), development users and tokens, and the same
 * Hono app as in Lambda on a Node HTTP server.
 */
export async function startLocalSystem(options: LocalSystemOptions = {}): Promise<LocalSystem> {
  const log = options.log ?? (() => {});
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const httpPort = options.port ?? DEFAULT_HTTP_PORT;
  const dynamoPort = options.dynamoPort ?? DEFAULT_DYNAMODB_PORT;
  requireJava17();
  if (httpPort !== 0) await requirePortFree(httpPort, '127.0.0.1', 'the API', 'PORT');
  // DynamoDB Local listens on every interface, so check them all.
  if (dynamoPort !== 0) await requirePortFree(dynamoPort, '0.0.0.0', 'DynamoDB Local', 'DYNAMODB_PORT');
  if (options.inbox?.smtpPort) {
    await requirePortFree(options.inbox.smtpPort, '127.0.0.1', 'the local mail server', 'SMTP_PORT');
  }
  if (options.inbox?.webPort) {
    await requirePortFree(options.inbox.webPort, '127.0.0.1', 'the local mail inbox', 'INBOX_PORT');
  }

  log(`Starting DynamoDB Local (data in ${resolve(dataDir, 'dynamodb')})…`);
  const dynamo = await startDynamoLocal({
    port: dynamoPort === 0 ? undefined : dynamoPort,
    dataDir: resolve(dataDir, 'dynamodb'),
  });
  const client = createDocumentClient({ endpoint: dynamo.endpoint, localOnly: true });
  let server: ServerType | undefined;
  let inbox: LocalInbox | undefined;
  const stop = once(async () => {
    if (server) await closeServer(server);
    await inbox?.stop();
    client.destroy();
    await dynamo.stop();
  });

  try {
    const raw = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const table = await ensureRecordsTable(raw, LOCAL_TABLE_NAME);
    raw.destroy();
    log(table === 'created' ? `Created table ${LOCAL_TABLE_NAME}.` : `Using table ${LOCAL_TABLE_NAME}.`);

    const store = new RecordStore(client, LOCAL_TABLE_NAME);
    const directory = new DynamoUserDirectory(client, LOCAL_TABLE_NAME);
    const seeding =
      options.seed === false ? { status: 'skipped' as const } : await seedOnce(store, options, log);
    for (const user of DEV_USERS) {
      await directory.put(
        'user',
        user.email,
        {
          party: user.party,
          role: user.role,
          regionIds: user.regionIds,
          ...(user.councilIds ? { councilIds: user.councilIds } : {}),
          name: user.name,
        },
        SEED_PRINCIPAL.id,
      );
    }

    const issuer = await DevIssuer.loadOrCreate(resolve(dataDir, 'dev-issuer.json'));
    // This runtime is local by construction (it refuses non-local endpoints), so the
    // development issuer is allowed here and nowhere else.
    const authenticator = new Authenticator(parseIssuers(JSON.stringify([issuer.config()]), true), directory);
    const links = new SignedLinkCheck(localLinkSecret(dataDir, true)!);
    const digestUnsubscribes = new DynamoDigestUnsubscribes(client, LOCAL_TABLE_NAME);
    const digestSentLog = new DynamoDigestSentLog(client, LOCAL_TABLE_NAME);
    const reminders = {
      links,
      preferences: new DynamoPreferenceStore(client, LOCAL_TABLE_NAME),
      digest: digestSubscriptions(digestUnsubscribes, store),
    };
    if (options.inbox) {
      inbox = await startLocalInbox({
        smtpPort: options.inbox.smtpPort,
        webPort: options.inbox.webPort,
        mailDirectory: resolve(dataDir, 'mail'),
      });
    }
    // One directory read model for the public site and the open data: read once, then followed by
    // change at most once a second, so a page never reads the whole directory.
    const publicDirectory = new LiveDirectory(directorySourceOf(store), { refreshEveryMs: 1000 });
    const app = createApp({
      openApi: { build: openApiDocument },
      publicDirectory,
      store,
      directory,
      authenticator,
      reminders,
      digest: {
        links: { links, sentLog: digestSentLog, store, publicSiteUrl: `http://localhost:${httpPort}` },
        preview: {
          store,
          source: new StoreDigestSource(store, options.snapshots),
          sentLog: digestSentLog,
          unsubscribes: digestUnsubscribes,
          pages: digestPages(`http://localhost:${httpPort}/dashboard`, `http://localhost:${httpPort}`),
        },
      },
      logError: (message, error) => console.error(message, error),
      logRefusal: (message, error) => console.warn(message, error),
      // The API reference is always there locally; the cloud serves it from the dashboard site.
      extend: (app) => {
        apiDocsExtension()(app);
        options.extend?.(app);
      },
      snapshots: options.snapshots,
      changeLog: new DynamoChangeLog(client, LOCAL_TABLE_NAME),
      knowledgeBase: options.knowledgeSnapshots
        ? new KnowledgeBase(store, {
            snapshots: options.knowledgeSnapshots,
            snapshotScope: LOCAL_TABLE_NAME,
            onSnapshotRefused: (reason) => options.log?.(reason),
          })
        : undefined,
      // Locally any page may call the API (a client being built on another port, say).
      corsOrigins: ['*'],
    });
    // The public website at the root, beside the API (in the cloud it is its own function).
    app.route(
      '/',
      createPublicSite({
        directory: publicDirectory,
        events: new CachedPublicEvents(eventSourceOf(store), 0),
        logError: (message, error) => console.error(message, error),
      }),
    );
    server = await listen(app.fetch, httpPort);
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const tokens: Record<string, string> = {};
    for (const user of DEV_USERS) tokens[user.key] = await issuer.mint(user.email, { expiresIn: '12h' });
    return {
      baseUrl,
      dynamoEndpoint: dynamo.endpoint,
      tableName: LOCAL_TABLE_NAME,
      dataDir,
      tokens,
      users: DEV_USERS,
      seeding,
      store,
      inbox,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Loads reference and demo data unless the marker says this data folder has them already. */
async function seedOnce(
  store: RecordStore,
  options: LocalSystemOptions,
  log: (line: string) => void,
): Promise<LocalSystem['seeding']> {
  const existing = await readSeedMarker(store.client, store.tableName);
  if (existing) {
    log(
      `Reusing the data loaded on ${existing.loadedAt.slice(0, 10)} (${existing.rows} demo records). To start afresh: stop, rm -rf ${options.dataDir ?? DEFAULT_DATA_DIR}, start again.`,
    );
    return { status: 'reused', marker: existing };
  }
  const service = new RecordService(store);
  const started = Date.now();
  const reference = await loadReferenceData(service, SEED_PRINCIPAL);
  log(`Loaded reference data: ${count(reference.regions)} regions, ${count(reference.councils)} councils.`);

  const today = options.today ?? newZealandDate();
  const demoSeed = options.demoSeed ?? DEFAULT_DEMO_SEED;
  const rows = generateDemoData({ seed: demoSeed, today, regionIds: options.demoRegionIds });
  log(`Loading ${rows.length} demo records (the first start takes a little while; later starts reuse them)…`);
  const signOffs = new SignOffService(store);
  await loadDemoData(service, SEED_PRINCIPAL, rows, signOffs, {
    onType: (type, counts) => log(`  ${definitionForType(type)?.pluralLabel ?? type}: ${describe(counts)}`),
  });
  const adviser = DEV_USERS.find((u) => u.key === 'adviser')!;
  const mayor = DEV_USERS.find((u) => u.key === 'mayor')!;
  const story = await prepareSignOffStory(service, signOffs, {
    adviser: {
      kind: 'user',
      id: adviser.email,
      party: 'ceg',
      role: adviser.role,
      regionIds: adviser.regionIds,
    },
    mayorEmail: mayor.email,
  });
  if (story) log(`Sign-off demo: ${story} awaits ${mayor.email} (the mayor's office of Christchurch City).`);
  const marker: SeedMarker = {
    loadedAt: new Date().toISOString(),
    today,
    demoSeed,
    ...(options.demoRegionIds ? { demoRegionIds: options.demoRegionIds } : {}),
    rows: rows.length,
  };
  await writeSeedMarker(store.client, store.tableName, marker);
  log(`Data loaded in ${Math.round((Date.now() - started) / 1000)} s.`);
  return { status: 'loaded', marker };
}

function count(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** `{created: 70, unchanged: 2, …}` → "70 created, 2 unchanged". */
function describe(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
}

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
): Promise<ServerType> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' });
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolvePromise(server);
    });
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolvePromise) => {
    server.close(() => resolvePromise());
    // Idle keep-alive connections would hold the server open for minutes; shutting down ends them.
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= fn();
    return running;
  };
}
