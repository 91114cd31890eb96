import { describe, expect, it } from 'vitest';
import { type LastDigest, planDigests } from '../../../functions/digest/planner.ts';
import { recipientKey } from '../../../functions/digest/ports.ts';
import { digestWorld, event, group, TODAY } from './digest-world.ts';

const FAY_THIS_FORTNIGHT: LastDigest = {
  periodStart: '2026-11-30',
  coveredUntil: '2026-11-30T19:00:00.000Z',
};
const GUS_LAST_MONTH: LastDigest = { periodStart: '2026-11-01', coveredUntil: '2026-12-01T00:00:00.000Z' };

function plan(
  world = digestWorld(),
  lasts: Record<string, LastDigest> = {},
  unsubscribed = ['lec-wc ben@example.nz'],
) {
  return planDigests(world, TODAY, {
    lastDigest: (groupId, email) => lasts[recipientKey({ groupId, email })],
    unsubscribed: (groupId, email) =>
      unsubscribed.includes(recipientKey({ groupId, email })) ? '2026-11-15T00:00:00.000Z' : undefined,
  });
}

function decisions(plans: ReturnType<typeof plan>) {
  return Object.fromEntries(
    plans.flatMap((p) => p.members.map((m) => [`${p.group.id} ${m.member.email}`, m.decision])),
  );
}

describe('who gets which digest (hand-checked world)', () => {
  // Act, shared by the tests below
  const plans = plan(digestWorld(), {
    'lec-wc-south fay@example.nz': FAY_THIS_FORTNIGHT,
    'lec-cant gus@example.nz': GUS_LAST_MONTH,
  });

  it('should decide for every membership with an address, each for its own reason', () => {
    // Assess
    expect(decisions(plans)).toEqual({
      'lec-cant gus@example.nz': 'nothing-new',
      'lec-wc ana@example.nz': 'send',
      'lec-wc ben@example.nz': 'unsubscribed',
      'lec-wc cara@example.nz': 'no-consent',
      'lec-wc dan@example.nz': 'consent-withdrawn',
      'lec-wc eru@example.nz': 'send',
      'lec-wc-south eru@example.nz': 'send',
      'lec-wc-south fay@example.nz': 'already-sent',
    });
  });

  it('should give a member of two groups one digest of each, with each group’s own actions', () => {
    // Assess
    const eru = plans.flatMap((p) => p.members.filter((m) => m.member.email === 'eru@example.nz'));
    expect(eru.map((m) => [m.content?.group.id, m.content?.actions.map((a) => a.action.id)])).toEqual([
      ['lec-wc', ['wc-1']],
      ['lec-wc-south', []],
    ]);
  });

  it('should use each group’s own period: a month, or the fortnight from Monday 30 November', () => {
    // Assess
    expect(plans.map((p) => [p.group.id, p.period.start, p.period.end])).toEqual([
      ['lec-cant', '2026-12-01', '2026-12-31'],
      ['lec-wc', '2026-12-01', '2026-12-31'],
      ['lec-wc-south', '2026-11-30', '2026-12-13'],
    ]);
  });

  it('should tell a first digest what is new since the start of the period before, in New Zealand', () => {
    // Assess: 1 November 00:00 NZDT is 31 October 11:00 UTC
    const ana = plans[1]!.members.find((m) => m.member.email === 'ana@example.nz')!;
    expect(ana.content?.since).toBe('2026-10-31T11:00:00.000Z');
    expect(ana.content?.knowledge.map((k) => k.id)).toEqual(['practice-otago-1']);
  });

  it('should list the region’s public events and the group’s own in the next six weeks, not another region’s or later ones', () => {
    // Assess
    const ana = plans[1]!.members.find((m) => m.member.email === 'ana@example.nz')!;
    expect(ana.content?.events.map((e) => [e.event.id, e.isNew])).toEqual([
      ['roadshow', true],
      ['members-meeting', true],
    ]);
  });

  it('should keep the members-only meeting of one group out of another group’s digest', () => {
    // Assess
    const south = plans[2]!.members.find((m) => m.member.email === 'eru@example.nz')!;
    expect(south.content?.events.map((e) => e.event.id)).toEqual(['roadshow']);
  });

  it('should name the co-ordinator as the one who authorised it, with an address', () => {
    // Assess
    expect(plans[1]!.authoriser).toEqual({
      name: 'Hine Coordinator',
      role: 'co-ordinator of lec-wc LEC Group',
      email: 'coordinator@lec-wc.example.nz',
    });
  });
});

describe('digest rules', () => {
  it('should name the CEG regional team when the group has no co-ordinator address', () => {
    // Prepare
    const world = digestWorld({ groups: [group('lec-wc', { coordinatorEmail: undefined })] });

    // Act
    const [only] = plan(world);

    // Assess
    expect(only!.authoriser?.email).toBe('westcoast@ceg.example.nz');
  });

  it('should send nothing when nobody can be named as authorising it', () => {
    // Prepare
    const world = digestWorld({
      groups: [group('lec-cant', { regionId: 'canterbury', coordinatorEmail: undefined })],
    });

    // Act
    const [only] = plan(world);

    // Assess
    expect(only!.members.map((m) => m.decision)).toEqual(['no-authoriser']);
  });

  it('should tell of a cancelled event once, when it changed, then leave it out', () => {
    // Prepare
    const world = digestWorld({
      events: [event('called-off', { cancelled: true, updatedAt: '2026-11-28T00:00:00.000Z' })],
    });

    // Act
    const before = plan(world, {});
    const after = plan(world, {
      'lec-wc ana@example.nz': { periodStart: '2026-11-01', coveredUntil: '2026-11-29T00:00:00.000Z' },
    });

    // Assess
    const ana = (plans: ReturnType<typeof plan>) =>
      plans.find((p) => p.group.id === 'lec-wc')!.members.find((m) => m.member.email === 'ana@example.nz')!;
    expect(ana(before).content?.events.map((e) => e.event.id)).toEqual(['called-off']);
    expect(ana(after).content?.events).toEqual([]);
  });

  it('should count an event that came into the six weeks since the last digest as new', () => {
    // Prepare: last digest on 1 November saw up to 13 December
    const world = digestWorld({
      events: [event('late', { heldOn: '2027-01-10', updatedAt: '2026-09-01T00:00:00.000Z' })],
    });

    // Act
    const plans = plan(world, {
      'lec-wc ana@example.nz': { periodStart: '2026-11-01', coveredUntil: '2026-11-01T00:00:00.000Z' },
    });

    // Assess
    const ana = plans
      .find((p) => p.group.id === 'lec-wc')!
      .members.find((m) => m.member.email === 'ana@example.nz')!;
    expect(ana.content?.events.map((e) => [e.event.id, e.isNew])).toEqual([['late', true]]);
  });
});
