import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../functions/aggregate/calendar.ts';
import { newZealandDate } from '../../../functions/domain/new-zealand-day.ts';
import { consentsToDigest } from '../../../functions/records/types/membership.ts';
import { type LocalSystem, startLocalSystem } from '../../../local/runtime.ts';

/**
 * The digest's "done when", as a person does it: `npm start` (here its runtime, with one region of
 * demo data and the local inbox), then `npm run digest` (the CLI itself, in its own process, as
 * it finds npm start's data folder and ports): one digest per consenting member and group in the
 * inbox; a second run puts none; a one-click unsubscribe stops that member's next one.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TODAY = newZealandDate();
const home = mkdtempSync(join(tmpdir(), 'partnership-digest-cli-'));
let system: LocalSystem;

beforeAll(async () => {
  system = await startLocalSystem({
    port: 0,
    dynamoPort: 0,
    dataDir: join(home, '.local'),
    today: TODAY,
    demoRegionIds: ['west-coast'],
    inbox: { smtpPort: 0, webPort: 0 },
  });
}, 240_000);
afterAll(async () => {
  await system?.stop();
  rmSync(home, { recursive: true, force: true });
});

/** `npm run digest [-- --day …]` in the folder npm start ran in, with npm start's ports. */
async function npmRunDigest(...args: string[]): Promise<string> {
  const port = (url: string) => new URL(url).port;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href,
      join(ROOT, 'local/digest-cli.ts'),
      ...args,
    ],
    {
      cwd: home,
      env: {
        ...process.env,
        PORT: port(system.baseUrl),
        DYNAMODB_PORT: port(system.dynamoEndpoint),
        SMTP_PORT: String(system.inbox!.smtpPort),
        INBOX_PORT: port(system.inbox!.inboxUrl),
      },
    },
  );
  return stdout;
}

async function inbox() {
  const list = (await (await fetch(`${system.inbox!.inboxUrl}/api/email`)).json()) as { id: string }[];
  return Promise.all(
    list.map(async ({ id }) => {
      const raw = await fetch(`${system.inbox!.inboxUrl}/api/email/${id}/download`);
      const mail = await simpleParser(Buffer.from(await raw.arrayBuffer()));
      const to = (Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value[0]!.address!;
      const unsubscribe = mail.headerLines.find((l) => l.key === 'list-unsubscribe')!.line;
      return {
        to,
        subject: mail.subject ?? '',
        unsubscribe: unsubscribe.slice(unsubscribe.indexOf('<') + 1, -1),
      };
    }),
  );
}

/** "<email> <group name>" for every membership whose representative consents, from the store. */
async function consentingMembers(): Promise<string[]> {
  const groups = new Map<string, string>();
  for await (const page of system.store.pages('lec-group'))
    for (const g of page) groups.set(g.id, String(g.values.name));
  const members: string[] = [];
  for await (const page of system.store.pages('membership'))
    for (const m of page)
      if (!m.deletedAt && consentsToDigest(m.values as Parameters<typeof consentsToDigest>[0]))
        members.push(
          `${String(m.values.representativeEmail).toLowerCase()} ${groups.get(String(m.values.lecGroupId))}`,
        );
  return members.sort();
}

describe('npm start, then npm run digest', () => {
  // One life of the local digest: the first run, a second run, an unsubscribe, next month's run.
  it('should put one digest per consenting member in the inbox, none on a second run, and stop one at one click', async () => {
    // Prepare
    const expected = await consentingMembers();

    // Act 1: the first run
    const first = await npmRunDigest();
    const mails = await inbox();

    // Assess 1
    expect(expected.length).toBeGreaterThan(5);
    expect(mails.map((m) => `${m.to} ${m.subject.split(' digest, ')[0]}`).sort()).toEqual(expected);
    expect(first).toContain(`${expected.length} sent now, 0 already sent this period`);

    // Act 2: the same day again
    const second = await npmRunDigest();

    // Assess 2
    expect(second).toContain(`0 sent now, ${expected.length} already sent this period`);
    expect(await inbox()).toHaveLength(mails.length);

    // Act 3: one click on the first digest's unsubscribe (as a mail client sends it), something new, next month
    const [stopped] = mails;
    const clicked = await fetch(stopped!.unsubscribe.replace(/^http:\/\/localhost:/, 'http://127.0.0.1:'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    await fetch(`${system.baseUrl}/v1/practices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${system.tokens.national}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        regionId: 'nelson',
        title: 'Employer breakfasts',
        summary: 'Monthly breakfasts.',
      }),
    });
    const nextMonth = `${addDays(`${TODAY.slice(0, 7)}-01`, 40).slice(0, 7)}-03`;
    const next = await npmRunDigest('--day', nextMonth);
    const later = (await inbox()).slice(mails.length);

    // Assess 3
    expect(clicked.status).toBe(200);
    expect(next).toContain(`${expected.length - 1} sent now`);
    expect(next).toContain('1 unsubscribed');
    expect(later).toHaveLength(expected.length - 1);
    expect(later.map((m) => `${m.to} ${m.subject.split(' digest, ')[0]}`)).not.toContain(
      `${stopped!.to} ${stopped!.subject.split(' digest, ')[0]}`,
    );
  }, 180_000);
});
