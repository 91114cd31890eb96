import ICAL from 'ical.js';
import { type ParsedMail, simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../../data/reference.ts';
import { SEED_PRINCIPAL } from '../../../data/seed-loader.ts';
import { addDays } from '../../../functions/aggregate/calendar.ts';
import { type DigestDependencies, sendDigests } from '../../../functions/digest/send-digests.ts';
import { digestLinkSigner, digestPages } from '../../../functions/digest/site-links.ts';
import { newZealandDate } from '../../../functions/domain/new-zealand-day.ts';
import { RecordService } from '../../../functions/domain/record-service.ts';
import { SignedLinks } from '../../../functions/links/signed-links.ts';
import { SitePages } from '../../../functions/links/site-pages.ts';
import { SmtpMailer } from '../../../functions/mail/smtp-mailer.ts';
import { StoreDigestSource } from '../../../functions/store/digest-source.ts';
import type { RecordStore } from '../../../functions/store/record-store.ts';
import { type LocalInbox, startLocalInbox } from '../../../local/mail-inbox.ts';
import { post, put } from '../../support/factories.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

/**
 * The LEC digest end to end: records in DynamoDB Local, digests through a real SMTP server
 * (MailDev), read back and parsed as a mail client would, and their links followed.
 */
let h: Harness<RecordStore>;
let inbox: LocalInbox;
let mailer: SmtpMailer;
let deps: DigestDependencies;
let token: string;

const TODAY = newZealandDate();
const NEXT_MONTH = addDays(`${TODAY.slice(0, 7)}-01`, 40)
  .slice(0, 7)
  .concat('-02');

beforeAll(async () => {
  [h, inbox] = await Promise.all([startHarness(), startLocalInbox({ smtpPort: 0, webPort: 0 })]);
  await loadReferenceData(new RecordService(h.store), SEED_PRINCIPAL);
  token = await h.signIn('national@ceg.example.nz', 'national');
  const group = (id: string, regionId: string, name: string) =>
    put(h, token, 'lec-groups', id, {
      regionId,
      name,
      coordinatorName: 'Hine Walker',
      coordinatorEmail: `hine@${id}.example.nz`,
    });
  await group('lec-buller', 'west-coast', 'Buller Jobs Network');
  await group('lec-grey', 'west-coast', 'Grey Employment Forum');
  await group('lec-chch', 'canterbury', 'Christchurch Jobs Network');
  await put(h, token, 'organisations', 'org-wc', {
    regionId: 'west-coast',
    name: 'Coast Works',
    sector: 'community',
    keyPlayer: true,
  });
  await put(h, token, 'organisations', 'org-cant', {
    regionId: 'canterbury',
    name: 'Ōtautahi Works',
    sector: 'community',
    keyPlayer: true,
  });
  const member = (
    lecGroupId: string,
    organisationId: string,
    email: string,
    consent: Record<string, unknown>,
  ) =>
    post(h, token, 'memberships', {
      lecGroupId,
      organisationId,
      representative: email.split('@')[0],
      representativeEmail: email,
      seniorCommitment: true,
      inBusinessPlan: false,
      ...consent,
    });
  const given = { digestConsentOn: addDays(TODAY, -60), digestConsentHow: 'in-person' };
  // Ana is in two groups; Ben never consented; Cara withdrew; Gus is in another region's group.
  await member('lec-buller', 'org-wc', 'ana@example.nz', given);
  await member('lec-grey', 'org-wc', 'ana@example.nz', given);
  await put(h, token, 'organisations', 'org-wc2', {
    regionId: 'west-coast',
    name: 'Westport Trust',
    sector: 'community',
    keyPlayer: false,
  });
  await member('lec-buller', 'org-wc2', 'ben@example.nz', {});
  await put(h, token, 'organisations', 'org-wc3', {
    regionId: 'west-coast',
    name: 'Reefton Hub',
    sector: 'community',
    keyPlayer: false,
  });
  await member('lec-buller', 'org-wc3', 'cara@example.nz', {
    ...given,
    digestConsentWithdrawnOn: addDays(TODAY, -1),
  });
  await member('lec-chch', 'org-cant', 'gus@example.nz', { ...given, digestConsentHow: 'form' });
  await post(h, token, 'practices', {
    regionId: 'otago',
    title: 'Marae-based job clubs',
    summary: 'Weekly job clubs at the marae.',
    whatWorked: 'Whānau came together.',
    whatDidNot: 'Evening sessions.',
  });
  await post(h, token, 'events', {
    regionId: 'west-coast',
    kind: 'roadshow',
    title: 'Westport jobs roadshow',
    heldOn: addDays(TODAY, 10),
    startsAt: '10:00',
    endsAt: '13:00',
    openToPublic: true,
    publicDescription: 'Employers and training providers. All welcome.',
  });
  await post(h, token, 'events', {
    regionId: 'west-coast',
    lecGroupId: 'lec-buller',
    kind: 'sector-group',
    title: 'Buller members planning day',
    heldOn: addDays(TODAY, 12),
  });
  await put(h, token, 'actions', 'buller-1', {
    lecGroupId: 'lec-buller',
    title: 'Map youth services',
    ownerEmail: 'ana@example.nz',
    dueOn: addDays(TODAY, 20),
    status: 'open',
  });

  mailer = new SmtpMailer({
    host: inbox.smtpHost,
    port: inbox.smtpPort,
    from: 'Partnership Records <digest@records.example.nz>',
  });
  const pages = new SitePages({
    siteUrl: `${h.baseUrl}/dashboard`,
    linkPagesUrl: h.baseUrl,
    links: new SignedLinks(h.linkSecret!),
  });
  deps = {
    source: new StoreDigestSource(h.store),
    sentLog: h.digest!.sentLog,
    unsubscribes: h.digest!.unsubscribes,
    mailer,
    links: digestLinkSigner(pages),
    pages: digestPages(`${h.baseUrl}/dashboard`, h.baseUrl),
  };
});

afterAll(async () => {
  mailer?.close();
  await Promise.all([h?.close(), inbox?.stop()]);
});

async function inboxMessages(): Promise<ParsedMail[]> {
  const list = (await (await fetch(`${inbox.inboxUrl}/api/email`)).json()) as { id: string }[];
  return Promise.all(
    list.map(async (entry) => {
      const raw = await fetch(`${inbox.inboxUrl}/api/email/${entry.id}/download`);
      return simpleParser(Buffer.from(await raw.arrayBuffer()));
    }),
  );
}

const recipient = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value[0]!.address!;
const header = (mail: ParsedMail, name: string) => {
  const line = mail.headerLines.find((l) => l.key === name.toLowerCase())?.line ?? '';
  return line.slice(line.indexOf(':') + 1).trim();
};
const linkIn = (mail: ParsedMail, words: RegExp) =>
  [...(mail.text ?? '').matchAll(/^.*$/gm)]
    .map((m) => m[0])
    .find((l) => words.test(l))
    ?.match(/https?:\/\/\S+/)?.[0];

describe('the LEC digest through a real SMTP server', () => {
  // One member's life with the digest: this month's run twice, their links, an unsubscribe, next month's run.
  it('should send one digest per consenting member and group, once, and stop one at one click', async () => {
    // Act 1: the run, twice
    const first = await sendDigests(deps, TODAY);
    const second = await sendDigests(deps, TODAY);
    const mails = await inboxMessages();
    // Assess 1
    expect([first.sent, second.sent, second.decisions['already-sent']]).toEqual([3, 0, 3]);
    expect(mails.map((m) => [recipient(m), m.subject?.split(' digest')[0]]).sort()).toEqual([
      ['ana@example.nz', 'Buller Jobs Network'],
      ['ana@example.nz', 'Grey Employment Forum'],
      ['gus@example.nz', 'Christchurch Jobs Network'],
    ]);

    // Assess 2: what Ana's Buller digest says and how it is addressed
    const buller = mails.find((m) => m.subject?.startsWith('Buller'))!;
    const gus = mails.find((m) => recipient(m) === 'gus@example.nz')!;
    expect(header(buller, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(buller, 'List-Unsubscribe')).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/reminders\/preferences\?token=[^>]+>$/,
    );
    expect(buller.from?.value[0]).toEqual({
      name: 'Buller Jobs Network via Partnership Records',
      address: 'digest@records.example.nz',
    });
    expect(buller.replyTo?.value[0]?.address).toBe('hine@lec-buller.example.nz');
    for (const words of [
      'Marae-based job clubs',
      'Westport jobs roadshow',
      'Buller members planning day',
      'Map youth services',
      'authorised by Hine Walker',
    ])
      expect([buller.text?.includes(words), (buller.html || '').includes(words)], words).toEqual([
        true,
        true,
      ]);
    expect(gus.text).not.toContain('Westport jobs roadshow');
    expect(gus.text).toContain('Marae-based job clubs');

    // Act 3: Ana reopens the web version and subscribes to her group's calendar
    const web = await fetch(linkIn(buller, /Read it on the web/)!);
    const calendar = await fetch(linkIn(buller, /subscribe to the group calendar/)!);
    const events = new ICAL.Component(ICAL.parse(await calendar.text()))
      .getAllSubcomponents('vevent')
      .map((v) => v.getFirstPropertyValue('summary'))
      .sort();
    // Assess 3
    expect([web.status, (await web.text()).includes('Map youth services')]).toEqual([200, true]);
    expect(calendar.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(events).toEqual(['Buller members planning day', 'Westport jobs roadshow']);

    // Act 4: one click on Buller's unsubscribe, as a mail client sends it (RFC 8058), then next month
    const unsubscribeUrl = header(buller, 'List-Unsubscribe').slice(1, -1);
    const looked = await fetch(unsubscribeUrl);
    const clicked = await fetch(unsubscribeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    await post(h, token, 'practices', {
      regionId: 'otago',
      title: 'Employer breakfasts',
      summary: 'Monthly breakfasts.',
    });
    const next = await sendDigests(deps, NEXT_MONTH);
    // Assess 4
    expect([looked.status, (await looked.text()).includes('Stop the Buller Jobs Network digest')]).toEqual([
      200,
      true,
    ]);
    expect(clicked.status).toBe(200);
    expect([next.sent, next.decisions.unsubscribed]).toEqual([2, 1]);
    const later = (await inboxMessages()).slice(mails.length);
    expect(later.map((m) => `${recipient(m)} ${m.subject?.split(' digest')[0]}`).sort()).toEqual([
      'ana@example.nz Grey Employment Forum',
      'gus@example.nz Christchurch Jobs Network',
    ]);
  });
});
