/**
 * `npm start`: the whole system on this machine. See docs/local.md.
 *
 * The AWS SDK reads its Node-version warning switch when it is first imported, so the
 * environment is set here first and everything that imports the SDK is loaded dynamically.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// For this process only: the API may trust the development token issuer.
process.env.ALLOW_DEV_ISSUER = 'true';

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { JAVA_INSTALL_HINT, JavaMissingError, javaMajorVersion } from './java.ts';

function portFromEnvironment(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(
      `${name}=${raw} is not a port number; use a whole number from 1 to 65535, e.g. ${name}=${fallback}.`,
    );
    process.exit(1);
  }
  return port;
}

const TOKENS_FILE = '.local/tokens.env';

/** `--history N`: how many weeks of past snapshots to backfill for the dashboard's trends (default 12). */
function historyWeeks(): number {
  const at = process.argv.indexOf('--history');
  if (at === -1) return 12;
  const weeks = Number(process.argv[at + 1]);
  if (!Number.isInteger(weeks) || weeks < 0 || weeks > 104) {
    console.error('--history takes a number of weeks from 0 to 104, e.g. npm start -- --history 12');
    process.exit(1);
  }
  return weeks;
}

/** Writes the development tokens as shell variables (NATIONAL_TOKEN, …) for curl examples. */
function writeTokensFile(tokens: Record<string, string>): void {
  const lines = Object.entries(tokens).map(([key, token]) => `export ${key.toUpperCase()}_TOKEN=${token}`);
  mkdirSync(dirname(TOKENS_FILE), { recursive: true });
  writeFileSync(TOKENS_FILE, `${lines.join('\n')}\n`, { mode: 0o600 });
}

async function main(): Promise<void> {
  const java = javaMajorVersion();
  if (!java || java < 17) {
    console.error(
      java
        ? `Found Java ${java}, which is too old.\n${JAVA_INSTALL_HINT}`
        : `Java was not found.\n${JAVA_INSTALL_HINT}`,
    );
    process.exit(1);
  }

  const { DEFAULT_DATA_DIR, DEFAULT_DYNAMODB_PORT, DEFAULT_HTTP_PORT, startLocalSystem } = await import(
    './runtime.ts'
  );
  const { PortInUseError } = await import('./ports.ts');
  const port = portFromEnvironment('PORT', DEFAULT_HTTP_PORT);
  const dynamoPort = portFromEnvironment('DYNAMODB_PORT', DEFAULT_DYNAMODB_PORT);
  const { DEFAULT_INBOX_PORT, DEFAULT_SMTP_PORT } = await import('./mail-inbox.ts');
  const smtpPort = portFromEnvironment('SMTP_PORT', DEFAULT_SMTP_PORT);
  const inboxPort = portFromEnvironment('INBOX_PORT', DEFAULT_INBOX_PORT);

  const dashboard = await import('./dashboard-extension.ts');
  await dashboard.ensureDashboardBuilt();

  // Filled once the tokens exist: the partner pages offer these people to sign in as.
  let devPeople: { label: string; email: string; token: string }[] = [];
  let system: Awaited<ReturnType<typeof startLocalSystem>>;
  try {
    system = await startLocalSystem({
      port,
      dynamoPort,
      dataDir: DEFAULT_DATA_DIR,
      seed: true,
      log: (line) => console.log(line),
      extend: dashboard.dashboardExtension({ devPeople: () => devPeople }),
      snapshots: dashboard.localSnapshotArchive(),
      knowledgeSnapshots: dashboard.localKnowledgeSnapshots(),
      inbox: { smtpPort, webPort: inboxPort },
    });
  } catch (error) {
    if (error instanceof PortInUseError || error instanceof JavaMissingError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  // Today's snapshot plus any missing weekly ones of the 12 weeks before, from one read of the records.
  await dashboard.ensureTodaysSnapshot({
    store: system.store,
    historyWeeks: historyWeeks(),
    log: (line) => console.log(line),
  });
  await dashboard.keepSearchSnapshotCurrent({
    store: system.store,
    snapshots: dashboard.localKnowledgeSnapshots(),
    scope: system.tableName,
    log: (line) => console.log(line),
  });
  writeTokensFile(system.tokens);
  devPeople = system.users.map((u) => ({ label: u.name, email: u.email, token: system.tokens[u.key]! }));

  const url = `http://localhost:${port}`;
  console.log(`
Partnership Records is running locally.

  Public website   ${url}/
  API              ${url}/v1
  API docs         ${url}/docs
  OpenAPI          ${url}/openapi.json
  Dashboard        ${url}/dashboard
  Sign-offs        ${url}/dashboard/partners/sign-offs.html
  Knowledge base   ${url}/dashboard/partners/knowledge.html
  DynamoDB Local   ${system.dynamoEndpoint} (table ${system.tableName}, data in ${DEFAULT_DATA_DIR}/dynamodb)
  Mail inbox       ${system.inbox!.inboxUrl.replace('127.0.0.1', 'localhost')} (SMTP on port ${system.inbox!.smtpPort}; reminder emails land here)

Development tokens, one per role and party (valid 12 hours; npm start again for fresh ones):
${system.users
  .map(
    (u) =>
      `  ${u.key.padEnd(9)} ${u.email} (${u.party === 'ceg' ? 'CEG' : 'Taskforce'} ${u.role}, ${u.councilIds ? u.councilIds.join(', ') : u.regionIds.length ? u.regionIds.join(', ') : 'all regions'})\n    ${system.tokens[u.key]}`,
  )
  .join('\n')}

The same tokens are in ${TOKENS_FILE} for your shell. Try it:
  source ${TOKENS_FILE}
  curl -H "Authorization: Bearer $NATIONAL_TOKEN" ${url}/v1/me

Send today's reminder emails (once a day, however often you run it), then read them in the inbox:
  npm run reminders

Press Ctrl-C to stop.`);

  let stopping = false;
  const shutDown = async (signal: string) => {
    if (stopping) {
      console.error('Stopping anyway.');
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping the API, the mail inbox and DynamoDB Local…`);
    await system.stop();
    console.log('Stopped. Your data is kept in .local; npm start picks it up again.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutDown('Ctrl-C'));
  process.on('SIGTERM', () => void shutDown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('npm start failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
