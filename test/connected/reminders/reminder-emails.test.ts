import { type ParsedMail, simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignedLinks } from '../../../functions/links/signed-links.ts';
import { SitePages } from '../../../functions/links/site-pages.ts';
import { SmtpMailer } from '../../../functions/mail/smtp-mailer.ts';
import { type ReminderDependencies, sendReminders } from '../../../functions/reminders/send-reminders.ts';
import type { RecordStore } from '../../../functions/store/record-store.ts';
import { StoreReminderSource } from '../../../functions/store/reminder-source.ts';
import { DynamoSentLog } from '../../../functions/store/sent-log.ts';
import { type LocalInbox, startLocalInbox } from '../../../local/mail-inbox.ts';
import { post, put, seedWorld, values } from '../../support/factories.ts';
import { type Harness, startHarness } from '../../support/harness.ts';
import { pushSignedRows } from '../../support/sign-offs.ts';

/**
 * The reminders job end to end: records in DynamoDB Local, emails through a real SMTP server
 * (MailDev), read back from its inbox and parsed as a mail client would.
 */
let h: Harness<RecordStore>;
let inbox: LocalInbox;
let mailer: SmtpMailer;
let deps: ReminderDependencies;
let world: Awaited<ReturnType<typeof seedWorld>>;

// Wednesday 18 November 2026.
const DAY = '2026-11-18';

beforeAll(async () => {
  [h, inbox] = await Promise.all([startHarness(), startLocalInbox({ smtpPort: 0, webPort: 0 })]);
  world = await seedWorld(h);
  const t = world.tokens.national;
  await put(h, t, 'lec-groups', 'lec-canterbury', {
    regionId: 'canterbury',
    name: 'Christchurch Jobs Network',
  });
  await put(h, t, 'lec-groups', 'lec-otago', { regionId: 'otago', name: 'Dunedin Employment Forum' });
  await put(h, t, 'organisations', 'org-1', {
    regionId: 'canterbury',
    name: 'Ōtautahi Works',
    sector: 'community',
    keyPlayer: true,
  });
  await post(h, t, 'memberships', {
    lecGroupId: 'lec-canterbury',
    organisationId: 'org-1',
    representative: 'Mere Tipene',
    representativeEmail: 'mere@otautahi.example.nz',
    seniorCommitment: true,
    inBusinessPlan: false,
  });
  const action = (lecGroupId: string, title: string, ownerEmail: string, dueOn: string) =>
    put(h, t, 'actions', title.toLowerCase().replace(/\W+/g, '-'), {
      lecGroupId,
      title,
      ownerEmail,
      dueOn,
      status: 'open',
    });
  await action('lec-canterbury', 'Map youth services', 'cant@ceg.example.nz', '2026-11-20');
  await action('lec-canterbury', 'Invite <employers> & iwi', 'mere@otautahi.example.nz', '2026-11-01');
  await action('lec-canterbury', 'Plan the roadshow', 'cant@ceg.example.nz', '2027-02-01');
  await action('lec-otago', 'Audit resources', 'otago@ceg.example.nz', '2026-11-19');
  const signers = { ceg: t, taskforce: world.tokens.mtfj };
  await pushSignedRows(h, t, signers, 'agreements', [
    {
      id: 'agreement-chch',
      values: { ...values.agreement('christchurch-city', world.adviserId), reviewBy: '2026-12-01' },
    },
  ]);
  // Awaiting sign-off: a communication CEG's sign-off is asked of Canterbury's regional person by name,
  // and a new agreement the Taskforce has not agreed (Christchurch's mayor's office is nearest).
  await put(h, t, 'communications', 'comm-expo', {
    regionId: 'canterbury',
    subject: 'Youth jobs expo',
    audience: 'Employers',
    status: 'draft',
  });
  await h.request('POST', '/v1/communications/comm-expo/sign-offs/request', {
    token: t,
    body: { party: 'ceg', requestedOf: 'cant@ceg.example.nz' },
  });
  await put(h, t, 'agreements', 'agreement-draft', {
    ...values.agreement('christchurch-city', world.adviserId, 'draft'),
  });
  await h.request('POST', '/v1/agreements/agreement-draft/sign-offs/request', {
    token: t,
    body: { party: 'taskforce' },
  });

  mailer = new SmtpMailer({
    host: inbox.smtpHost,
    port: inbox.smtpPort,
    from: 'Partnership Records <reminders@records.example.nz>',
  });
  deps = {
    source: new StoreReminderSource(h.store, h.directory),
    preferences: h.preferences!,
    sentLog: new DynamoSentLog(h.store.client, h.tableName!),
    mailer,
    pages: new SitePages({
      siteUrl: `${h.baseUrl}/dashboard`,
      linkPagesUrl: h.baseUrl,
      links: new SignedLinks(h.linkSecret!),
    }),
  };
});

afterAll(async () => {
  mailer?.close();
  await Promise.all([h?.close(), inbox?.stop()]);
});

interface InboxEntry {
  id: string;
}

async function inboxMessages(): Promise<ParsedMail[]> {
  const list = (await (await fetch(`${inbox.inboxUrl}/api/email`)).json()) as InboxEntry[];
  return Promise.all(
    list.map(async (entry) => {
      const raw = await fetch(`${inbox.inboxUrl}/api/email/${entry.id}/download`);
      return simpleParser(Buffer.from(await raw.arrayBuffer()));
    }),
  );
}

const recipient = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value[0]!.address!;
const byRecipient = (mails: ParsedMail[]) => new Map(mails.map((m) => [recipient(m), m]));
const links = (mail: ParsedMail) => [...(mail.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);

describe('reminder emails through a real SMTP server', () => {
  it('should put one email per person into the inbox, once, however often the job runs', async () => {
    // Act
    const first = await sendReminders(deps, DAY);
    const second = await sendReminders(deps, DAY);

    // Assess
    expect(first).toMatchObject({ planned: 5, sent: 5, alreadySent: 0, failed: [] });
    expect(second).toMatchObject({ planned: 5, sent: 0, alreadySent: 5, failed: [] });
    const mails = await inboxMessages();
    expect(mails.map(recipient).sort()).toEqual([
      'aroha.adviser@ceg.example.nz',
      'cant@ceg.example.nz',
      'mayor@ccc.example.nz',
      'mere@otautahi.example.nz',
      'otago@ceg.example.nz',
    ]);
  });

  // The tests below read what the run in the first test delivered: it is their Act.
  it('should say in plain words what needs each person, and nothing of another region', async () => {
    // Act
    const mails = byRecipient(await inboxMessages());

    // Assess
    const cant = mails.get('cant@ceg.example.nz')!;
    expect(cant.subject).toBe('Partnership Records: 2 things need you today (Wednesday 18 November)');
    expect(cant.from?.value[0]).toMatchObject({
      name: 'Partnership Records',
      address: 'reminders@records.example.nz',
    });
    expect(cant.text).toContain('Actions you own');
    expect(cant.text).toContain('Map youth services (Christchurch Jobs Network)');
    expect(cant.text).toContain('Action due in 2 days (Friday 20 November); status open.');
    expect(cant.text).not.toContain('Plan the roadshow');
    // A sign-off asked of this person by name.
    expect(cant.text).toContain('Waiting for your sign-off');
    expect(cant.text).toContain('Communication: Youth jobs expo');
    expect(cant.text).toMatch(
      /Awaits the sign-off of the Community Employment Group, asked by nat@ceg\.example\.nz on 20\d\d-\d\d-\d\d\./,
    );
    // A sign-off awaiting the Taskforce goes to the mayor's office of that council, not to Dunedin's
    // or to the national Executive Officer.
    const mayor = mails.get('mayor@ccc.example.nz')!;
    expect(mayor.text).toContain('Agreement: ');
    expect(mayor.text).toContain('Awaits the sign-off of the Mayors Taskforce for Jobs');
    expect(mayor.text).not.toContain('Map youth services');
    expect(mails.has('mayor@dcc.example.nz')).toBe(false);
    expect(mails.has('eo@mtfj.example.nz')).toBe(false);
    expect(cant.text).not.toContain('Audit resources');
    expect(mails.get('otago@ceg.example.nz')!.text).not.toContain('Christchurch');
    const mere = mails.get('mere@otautahi.example.nz')!;
    expect(mere.text).toContain('Action overdue by 17 days (due Sunday 1 November)');
    // Titles are escaped in the HTML part, not interpreted.
    expect(mere.html).toContain('Invite &lt;employers&gt; &amp; iwi');
    const adviser = mails.get('aroha.adviser@ceg.example.nz')!;
    expect(adviser.text).toContain('Agreements to review');
    expect(adviser.text).toContain('Review due in 13 days (Tuesday 1 December)');
  });

  it('should write the RFC 8058 headers on one line each, as the mail client reads them', async () => {
    // Act
    const cant = byRecipient(await inboxMessages()).get('cant@ceg.example.nz')!;

    // Assess: unfolded (a folded List-Unsubscribe breaks DKIM), an address with a token, one-click.
    const line = (key: string) => cant.headerLines.find((l) => l.key === key)?.line ?? '';
    expect(line('list-unsubscribe')).toMatch(
      /^List-Unsubscribe: <http:\/\/127\.0\.0\.1:\d+\/reminders\/preferences\?token=[\w.-]+>$/,
    );
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });

  it('should link every item to a page, never to an address under /v1/', async () => {
    // Act
    const all = (await inboxMessages()).flatMap(links);

    // Assess
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((l) => new URL(l).pathname.startsWith('/v1/'))).toEqual([]);
    const cant = byRecipient(await inboxMessages()).get('cant@ceg.example.nz')!;
    expect(links(cant)[0]).toMatch(/\/links\/actions\/map-youth-services\?token=/);
    expect(links(cant)).toContain(`${h.baseUrl}/dashboard/records/communications/comm-expo`);
  });

  // One person through the steps of turning a kind off, so each step builds on the one before.
  it('should let a person turn a kind off from the link in the email, without signing in', async () => {
    // Prepare
    const cant = byRecipient(await inboxMessages()).get('cant@ceg.example.nz')!;
    const settingsLink = links(cant).find((l) => l.includes('/reminders/preferences'))!;

    // Act: open the link.
    const page = await fetch(settingsLink);

    // Assess
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Reminders for <strong>cant@ceg.example.nz</strong>');
    expect(html).toContain('name="actions" value="daily" checked');

    // Act: turn actions off.
    const token = new URL(settingsLink).searchParams.get('token')!;
    const saved = await fetch(`${h.baseUrl}/reminders/preferences`, {
      method: 'POST',
      body: new URLSearchParams({ token, actions: 'off' }),
    });

    // Assess
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Saved.');
    expect((await h.preferences!.get('cant@ceg.example.nz')).actions).toBe('off');

    // Prepare
    const before = (await inboxMessages()).length;

    // Act: Thursday's run.
    const thursday = await sendReminders(deps, '2026-11-19');

    // Assess: Canterbury's regional person hears of the sign-off still awaited, not of the action.
    expect(thursday.sent).toBe(5);
    const after = await inboxMessages();
    expect(after.length).toBe(before + 5);
    const thursdayMail = after.find(
      (m) => recipient(m) === 'cant@ceg.example.nz' && m.subject?.includes('Thursday 19 November'),
    )!;
    expect(thursdayMail.text).toContain('Youth jobs expo');
    expect(thursdayMail.text).not.toContain('Map youth services');
  });

  // One person through RFC 8058's steps: a scanner's GET, then the mail client's one-click POST.
  it('should unsubscribe with one click on the List-Unsubscribe address, and never on a GET', async () => {
    // Prepare
    const mere = byRecipient(await inboxMessages()).get('mere@otautahi.example.nz')!;
    const address = /<([^>]+)>/.exec(mere.headerLines.find((l) => l.key === 'list-unsubscribe')!.line)![1]!;

    // Act: a link scanner follows the address.
    const scanned = await fetch(address);

    // Assess: the settings page, and nothing changed.
    expect(scanned.status).toBe(200);
    expect(await scanned.text()).toContain('Reminders for <strong>mere@otautahi.example.nz</strong>');
    expect((await h.preferences!.get('mere@otautahi.example.nz')).actions).toBe('daily');

    // Act: the mail client's one-click POST (no cookie, no token header, only the form body).
    const clicked = await fetch(address, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });

    // Assess: every kind of reminder is off for Mere, and for nobody else.
    expect(clicked.status).toBe(200);
    expect(await clicked.text()).toContain('Unsubscribed');
    expect(Object.values(await h.preferences!.get('mere@otautahi.example.nz'))).toEqual(Array(5).fill('off'));
    expect((await h.preferences!.get('otago@ceg.example.nz')).actions).toBe('daily');
  });

  it('should refuse a one-click POST whose token was altered, changing nothing', async () => {
    // Prepare
    const aroha = byRecipient(await inboxMessages()).get('aroha.adviser@ceg.example.nz')!;
    const address = /<([^>]+)>/.exec(aroha.headerLines.find((l) => l.key === 'list-unsubscribe')!.line)![1]!;

    // Act
    const clicked = await fetch(`${address.slice(0, -4)}AAAA`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });

    // Assess
    expect(clicked.status).toBe(400);
    expect((await h.preferences!.get('aroha.adviser@ceg.example.nz'))['agreement-reviews']).toBe('daily');
  });

  it('should refuse a forged or missing settings token with a page that says what to do', async () => {
    // Act
    const forged = await fetch(`${h.baseUrl}/reminders/preferences?token=eyJhbGciOiJIUzI1NiJ9.e30.abc`);
    const missing = await fetch(`${h.baseUrl}/reminders/preferences`);

    // Assess
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('Use the whole link from your latest reminder email');
    expect(missing.status).toBe(400);
  });
});

describe('reminder settings through the API', () => {
  it('should show a signed-in person their own settings, and nobody signed out', async () => {
    // Act
    const shown = await h.request('GET', '/v1/me/reminder-preferences', { token: world.tokens.otago });
    const signedOut = await h.request('GET', '/v1/me/reminder-preferences');

    // Assess
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ email: 'otago@ceg.example.nz', preferences: { actions: 'daily' } });
    expect(shown.body.kinds).toHaveLength(5);
    expect(signedOut.status).toBe(401);
  });

  it('should change only the kinds named, keeping the others', async () => {
    // Act
    const changed = await h.request('PUT', '/v1/me/reminder-preferences', {
      token: world.tokens.otago,
      body: { 'agreement-reviews': 'weekly' },
    });

    // Assess
    expect(changed.status).toBe(200);
    expect(changed.body.preferences).toMatchObject({ actions: 'daily', 'agreement-reviews': 'weekly' });
  });

  it('should refuse a setting or a kind it does not know, by name', async () => {
    // Act
    const bad = await h.request('PUT', '/v1/me/reminder-preferences', {
      token: world.tokens.otago,
      body: { actions: 'hourly', holidays: 'off' },
    });

    // Assess
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['actions', 'body']);
    expect(JSON.stringify(bad.body.errors)).toContain('unknown kind(s): holidays');
  });
});
