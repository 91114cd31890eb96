/**
 * Manage the user directory from a terminal (it will become `npm run users -- …`):
 *
 *   npx tsx local/users-cli.ts add <email> --role national|regional|adviser|viewer [--regions a,b] [--name "…"]
 *   npx tsx local/users-cli.ts add <email> --party taskforce --role council --councils a,b [--name "…"]
 *   npx tsx local/users-cli.ts add <email> --party taskforce --role national [--name "…"]
 *   npx tsx local/users-cli.ts add-client <clientId> --role … --regions a,b [--name "…"]
 *   npx tsx local/users-cli.ts remove <email>        (remove-client <clientId>)
 *   npx tsx local/users-cli.ts show <email>          (show-client <clientId>)
 *
 * Writes to the table named by TABLE_NAME (default partnership-records): on DynamoDB Local when
 * DYNAMODB_ENDPOINT is set (npm start's is http://127.0.0.1:8000), otherwise in AWS with the
 * usual credentials and AWS_REGION.
 */
import { pathToFileURL } from 'node:url';
import { referenceData } from '../data/reference.ts';
import type { DirectoryEntry, UserDirectory } from '../functions/domain/user-directory.ts';
import { PARTY_ROLES, ROLES, type Role } from '../functions/records/definition.ts';
import { PARTIES, type Party } from '../functions/records/sign-offs.ts';

export const USAGE = `Usage:
  users-cli add <email> --role national|regional|adviser|viewer [--regions a,b] [--name "Full Name"]
  users-cli add <email> --party taskforce --role council --councils a,b [--name "Mayor's office"]
  users-cli add <email> --party taskforce --role national [--name "MTFJ Executive Officer"]
  users-cli add-client <clientId> --role national|regional|adviser|viewer [--regions a,b] [--name "…"]
  users-cli remove <email>
  users-cli remove-client <clientId>
  users-cli show <email>
  users-cli show-client <clientId>

Environment: TABLE_NAME (default partnership-records); DYNAMODB_ENDPOINT for DynamoDB Local
(npm start's is http://127.0.0.1:8000), otherwise AWS credentials and AWS_REGION.`;

/** Raised for a command line that cannot be run; the message says what to type instead. */
export class UsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n\n${USAGE}`);
    this.name = 'UsageError';
  }
}

export type UsersCommand =
  | {
      action: 'add';
      kind: 'user' | 'client';
      key: string;
      party?: Party;
      role: Role;
      regionIds: string[];
      councilIds?: string[];
      name?: string;
    }
  | { action: 'remove' | 'show'; kind: 'user' | 'client'; key: string }
  | { action: 'help' };

const ACTIONS: Record<string, { action: 'add' | 'remove' | 'show'; kind: 'user' | 'client' }> = {
  add: { action: 'add', kind: 'user' },
  'add-client': { action: 'add', kind: 'client' },
  remove: { action: 'remove', kind: 'user' },
  'remove-client': { action: 'remove', kind: 'client' },
  show: { action: 'show', kind: 'user' },
  'show-client': { action: 'show', kind: 'client' },
};

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CLIENT_ID_RE = /^[A-Za-z0-9._-]{1,128}$/;

/** Reads the command line (without `node` and the script), refusing anything ambiguous. */
export function parseUsersCommand(argv: readonly string[]): UsersCommand {
  const [verb, key, ...rest] = argv;
  if (!verb || verb === 'help' || verb === '--help' || verb === '-h') return { action: 'help' };
  const chosen = ACTIONS[verb];
  if (!chosen) throw new UsageError(`Unknown command "${verb}".`);
  const what = chosen.kind === 'user' ? 'an email address' : 'a client id';
  if (!key || key.startsWith('--')) throw new UsageError(`${verb} needs ${what}.`);
  if (chosen.kind === 'user' && !EMAIL_RE.test(key))
    throw new UsageError(`"${key}" is not an email address.`);
  if (chosen.kind === 'client' && !CLIENT_ID_RE.test(key)) {
    throw new UsageError(`"${key}" is not a client id (letters, digits, ".", "_" or "-").`);
  }
  const options = readOptions(rest);
  if (chosen.action !== 'add') {
    if (Object.keys(options).length > 0) throw new UsageError(`${verb} takes no options.`);
    return { action: chosen.action, kind: chosen.kind, key };
  }

  const party = (options.party ?? 'ceg') as Party;
  if (!(PARTIES as readonly string[]).includes(party))
    throw new UsageError(`--party must be ceg or taskforce, not "${party}".`);
  const role = options.role;
  if (!role) throw new UsageError(`${verb} needs --role (${ROLES.join(', ')}).`);
  if (!(ROLES as readonly string[]).includes(role))
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}, not "${role}".`);
  if (!PARTY_ROLES[party].includes(role as Role))
    throw new UsageError(
      `${party === 'ceg' ? 'CEG' : 'Taskforce'} people are ${PARTY_ROLES[party].join(' or ')}, not ${role}${role === 'council' ? " (add --party taskforce for a mayor's office)" : ''}.`,
    );
  const list = (raw: string | undefined) =>
    (raw ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
  const reference = referenceData();
  const councilIds = list(options.councils);
  let regionIds = list(options.regions);
  if (role === 'council') {
    if (councilIds.length === 0)
      throw new UsageError(
        "A mayor's office (role council) needs --councils (one or more, separated by commas).",
      );
    const unknownCouncils = councilIds.filter((id) => !reference.councils.some((c) => c.id === id));
    if (unknownCouncils.length > 0)
      throw new UsageError(
        `Unknown council ${unknownCouncils.map((id) => `"${id}"`).join(', ')}; see data/nz-councils.csv for the ids.`,
      );
    // A mayor's office reaches its councils; its regions follow from them.
    regionIds = [...new Set(councilIds.map((id) => reference.councils.find((c) => c.id === id)!.regionId))];
  } else if (councilIds.length > 0) {
    throw new UsageError("Only a mayor's office (--party taskforce --role council) takes --councils.");
  }
  const known = reference.regions.map((r) => r.id);
  const unknown = regionIds.filter((id) => !known.includes(id));
  if (unknown.length > 0)
    throw new UsageError(
      `Unknown region ${unknown.map((id) => `"${id}"`).join(', ')}; regions are: ${known.join(', ')}.`,
    );
  if (role !== 'national' && regionIds.length === 0)
    throw new UsageError(
      `${/^[aeiou]/.test(role) ? 'An' : 'A'} ${role} needs --regions (one or more, separated by commas).`,
    );
  return {
    action: 'add',
    kind: chosen.kind,
    key,
    ...(options.party ? { party } : {}),
    role: role as Role,
    regionIds,
    ...(councilIds.length > 0 ? { councilIds } : {}),
    ...(options.name ? { name: options.name } : {}),
  };
}

function readOptions(args: string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--(party|role|regions|councils|name)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`Unexpected "${arg}".`);
    const value = match[2] ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${match[1]} needs a value.`);
    options[match[1]!] = value;
  }
  return options;
}

function describeEntry(entry: DirectoryEntry): string {
  const reach =
    entry.role === 'national'
      ? 'all regions'
      : entry.councilIds?.length
        ? `councils ${entry.councilIds.join(', ')}`
        : entry.regionIds.join(', ');
  const party = entry.party === 'taskforce' ? 'Taskforce ' : '';
  return `${entry.key}: ${party}${entry.role} (${reach})${entry.name ? `, ${entry.name}` : ''}; last changed ${entry.updatedAt} by ${entry.updatedBy}`;
}

/** Runs a parsed command against the directory and returns what to print. */
export async function runUsersCommand(
  command: UsersCommand,
  directory: UserDirectory,
  by: string,
): Promise<string> {
  if (command.action === 'help') return USAGE;
  const label = command.kind === 'user' ? 'user' : 'machine client';
  if (command.action === 'add') {
    const { party, role, regionIds, councilIds, name } = command;
    const entry = await directory.put(
      command.kind,
      command.key,
      {
        ...(party ? { party } : {}),
        role,
        regionIds,
        ...(councilIds ? { councilIds } : {}),
        ...(name ? { name } : {}),
      },
      by,
    );
    return `Saved ${label} ${describeEntry(entry)}`;
  }
  const existing = await directory.find(
    command.kind,
    command.kind === 'user' ? command.key.toLowerCase() : command.key,
  );
  if (!existing) throw new Error(`${command.key} is not in the user directory.`);
  if (command.action === 'show') return describeEntry(existing);
  await directory.remove(command.kind, existing.key);
  return `Removed ${label} ${existing.key}.`;
}

async function main(argv: string[]): Promise<number> {
  let command: UsersCommand;
  try {
    command = parseUsersCommand(argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  // Set before the AWS SDK is first imported, which reads it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { createDocumentClient } = await import('../functions/store/client.ts');
  const { DynamoUserDirectory } = await import('../functions/store/user-directory.ts');
  const tableName = process.env.TABLE_NAME || 'partnership-records';
  const endpoint = process.env.DYNAMODB_ENDPOINT || undefined;
  const client = createDocumentClient({ endpoint });
  try {
    const by = `cli:${process.env.USER ?? 'unknown'}`;
    console.log(await runUsersCommand(command, new DynamoUserDirectory(client, tableName), by));
    return 0;
  } catch (error) {
    const { name, code } = error as Error & { code?: string };
    if (code === 'ECONNREFUSED') {
      console.error(
        `Nothing answers at ${endpoint}: start DynamoDB Local first (npm start), or check DYNAMODB_ENDPOINT.`,
      );
    } else if (name === 'ResourceNotFoundException') {
      console.error(
        `There is no table "${tableName}" at ${endpoint ?? 'AWS'}. Is npm start running, or is TABLE_NAME right?`,
      );
    } else if (name === 'CredentialsProviderError') {
      console.error(
        'No AWS credentials found. Set DYNAMODB_ENDPOINT for DynamoDB Local, or sign in to AWS (AWS_PROFILE).',
      );
    } else {
      console.error((error as Error).message);
    }
    return 1;
  } finally {
    client.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
