import type {
  DigestAction,
  DigestEvent,
  DigestGroup,
  DigestMember,
  DigestWorld,
  KnowledgeItem,
} from '../../../functions/digest/digest-world.ts';

/**
 * A hand-checked digest world for 2026-12-02 (a Wednesday in December, monthly period
 * 2026-12-01..31, previous period from 1 November):
 * - West Coast group `lec-wc` (monthly): ana consented in person; ben consented by form and
 *   unsubscribed; cara never consented; dan consented, then withdrew; eru consented and is also in
 *   `lec-wc-south`.
 * - `lec-wc-south` (fortnightly, West Coast): eru, and fay, who already had this fortnight's digest.
 * - Canterbury group `lec-cant` (monthly): gus consented; his region has nothing new but the
 *   knowledge base, which he already had (his last digest covered up to 1 December).
 * - Knowledge: one practice from Otago added 20 November, one joint venture from 2025 (old news).
 * - Events: a public West Coast roadshow on 10 December, a members-only `lec-wc` meeting on
 *   15 December, a Canterbury forum (another region), a West Coast event in March (beyond six weeks).
 */
export const TODAY = '2026-12-02';

export function group(id: string, over: Partial<DigestGroup> = {}): DigestGroup {
  return {
    id,
    regionId: 'west-coast',
    name: `${id} LEC Group`,
    frequency: 'monthly',
    coordinatorName: 'Hine Coordinator',
    coordinatorEmail: `coordinator@${id}.example.nz`,
    ...over,
  };
}

export function member(email: string, groupId: string, over: Partial<DigestMember> = {}): DigestMember {
  return {
    membershipId: `${groupId}--${email.split('@')[0]}`,
    groupId,
    email,
    name: email.split('@')[0],
    consentOn: '2026-10-01',
    consentHow: 'in-person',
    consenting: true,
    ...over,
  };
}

export function event(id: string, over: Partial<DigestEvent> = {}): DigestEvent {
  return {
    id,
    regionId: 'west-coast',
    kind: 'roadshow',
    title: `Event ${id}`,
    heldOn: '2026-12-10',
    openToPublic: true,
    cancelled: false,
    deleted: false,
    version: 1,
    createdAt: '2026-09-01T00:00:00.000Z',
    updatedAt: '2026-11-25T01:00:00.000Z',
    ...over,
  };
}

export function action(id: string, groupId: string, over: Partial<DigestAction> = {}): DigestAction {
  return {
    id,
    groupId,
    title: `Action ${id}`,
    owner: 'Ana Member',
    dueOn: '2026-12-20',
    status: 'open',
    updatedAt: '2026-09-01T00:00:00.000Z',
    ...over,
  };
}

export const PRACTICE: KnowledgeItem = {
  type: 'practice',
  id: 'practice-otago-1',
  regionId: 'otago',
  title: 'Marae-based job clubs',
  summary: 'Weekly job clubs at the marae.',
  whatWorked: 'Whānau came together.',
  whatDidNot: 'Evening sessions.',
  createdAt: '2026-11-20T03:00:00.000Z',
};

export const OLD_VENTURE: KnowledgeItem = {
  type: 'joint-venture',
  id: 'venture-1',
  regionId: 'canterbury',
  title: 'Shared job brokerage',
  status: 'active',
  createdAt: '2025-05-01T00:00:00.000Z',
};

export function digestWorld(over: Partial<DigestWorld> = {}): DigestWorld {
  return {
    groups: [
      group('lec-wc'),
      group('lec-wc-south', { frequency: 'fortnightly' }),
      group('lec-cant', { regionId: 'canterbury' }),
    ],
    regions: new Map([
      ['west-coast', { id: 'west-coast', name: 'West Coast', teamEmail: 'westcoast@ceg.example.nz' }],
      ['canterbury', { id: 'canterbury', name: 'Canterbury' }],
      ['otago', { id: 'otago', name: 'Otago' }],
    ]),
    members: [
      member('ana@example.nz', 'lec-wc'),
      member('ben@example.nz', 'lec-wc', { consentHow: 'form' }),
      member('cara@example.nz', 'lec-wc', { consentOn: undefined, consentHow: undefined, consenting: false }),
      member('dan@example.nz', 'lec-wc', { consentWithdrawnOn: '2026-11-30', consenting: false }),
      member('eru@example.nz', 'lec-wc'),
      member('eru@example.nz', 'lec-wc-south'),
      member('fay@example.nz', 'lec-wc-south'),
      member('gus@example.nz', 'lec-cant'),
    ],
    knowledge: [PRACTICE, OLD_VENTURE],
    events: [
      event('roadshow', { title: 'Hokitika jobs roadshow', startsAt: '09:30', endsAt: '12:00' }),
      event('members-meeting', {
        lecGroupId: 'lec-wc',
        openToPublic: false,
        heldOn: '2026-12-15',
        title: 'Members planning meeting',
      }),
      event('canterbury-forum', {
        regionId: 'canterbury',
        title: 'Canterbury business forum',
        updatedAt: '2026-10-01T00:00:00.000Z',
      }),
      event('march-expo', { heldOn: '2027-03-05', title: 'Autumn expo' }),
    ],
    actions: [
      action('wc-1', 'lec-wc'),
      action('wc-done', 'lec-wc', { status: 'done' }),
      action('cant-1', 'lec-cant'),
    ],
    figures: new Map([
      [
        'west-coast',
        {
          profile: {
            title: 'West Coast employment profile 2026',
            keyFigures: ['Unemployment rate: 4.1%'],
            publishedOn: '2026-06-01',
            updatedAt: '2026-06-01T00:00:00.000Z',
          },
        },
      ],
    ]),
    ...over,
  };
}
