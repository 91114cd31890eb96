import { GOALS } from '../../functions/records/types/strategy.ts';
import { addDays } from './calendar.ts';
import { BUILDS_ON, emailLocalPart, NEED_TITLES, STRATEGY_TITLES, shortName } from './names.ts';
import type { Random } from './random.ts';
import type { DemoWorld } from './world.ts';

/**
 * The partnership side of the demo data (seed 000): Taskforce membership, regional Mayors
 * Teams, advisers, agreements, needs and strategies.
 */

/** About 70 field staff (2003), spread roughly by population. */
const ADVISERS_PER_REGION: Record<string, number> = {
  northland: 4,
  auckland: 10,
  waikato: 8,
  'bay-of-plenty': 6,
  gisborne: 2,
  'hawkes-bay': 4,
  taranaki: 3,
  'manawatu-whanganui': 6,
  wellington: 7,
  tasman: 2,
  nelson: 2,
  marlborough: 2,
  'west-coast': 2,
  canterbury: 7,
  otago: 3,
  southland: 2,
};

const TASKFORCE_LAUNCH = '2000-09-01';

/** Records about 30 to 36 councils as Taskforce members, at least one in every region. */
export function addMembership(world: DemoWorld): void {
  const rng = world.rng.fork('membership');
  const candidates = world.regions.flatMap((r) => world.councilsIn(r.id));
  const target = world.national
    ? rng.int(30, 36)
    : Math.max(world.regions.length, Math.round((33 * candidates.length) / 66));
  const chosen = new Set<string>();
  for (const region of world.regions) {
    const councils = world.councilsIn(region.id);
    chosen.add((councils.find((c) => c.kind === 'city') ?? rng.pick(councils)).id);
  }
  for (const council of rng.shuffle(candidates)) {
    if (chosen.size >= target) break;
    chosen.add(council.id);
  }
  for (const council of candidates.filter((c) => chosen.has(c.id))) {
    // Many mayors joined when the Taskforce began; the rest over the years since.
    const memberSince = rng.chance(0.45)
      ? world.dateBetween(rng, TASKFORCE_LAUNCH, '2001-12-31')
      : world.dateBetween(rng, '2002-01-01', addDays(world.today, -120));
    world.members.set(council.id, { ...council, memberSince });
    world.add('council', council.id, {
      name: council.name,
      kind: council.kind,
      regionId: council.regionId,
      mayor: world.people.any(),
      taskforceMember: true,
      memberSince,
    });
  }
}

/** Each region's Mayors Team: its representative on the national group and how it works. */
export function addRegionTeams(world: DemoWorld): void {
  const rng = world.rng.fork('region-teams');
  for (const region of world.regions) {
    const members = world.membersIn(region.id).map((c) => shortName(c.name));
    world.add('region', region.id, {
      name: region.name,
      cegRegion: true,
      mayorsTeamRepresentative: world.people.any(),
      mayorsTeamNotes: `Meets ${rng.pick(['monthly', 'every six weeks', 'quarterly before the national meeting'])}. Works with the mayors of ${members.join(', ')}.`,
    });
  }
}

/** About 70 advisers; active ones share their region's member councils between them. */
export function addAdvisers(world: DemoWorld): void {
  const rng = world.rng.fork('advisers');
  for (const region of world.regions) {
    const count = ADVISERS_PER_REGION[region.id] ?? 2;
    const members = rng.shuffle(world.membersIn(region.id).map((c) => c.id));
    const others = world
      .councilsIn(region.id)
      .filter((c) => !world.members.has(c.id))
      .map((c) => c.id);
    const staff = Array.from({ length: count }, (_, i) => ({
      id: `adviser-${region.id}-${String(i + 1).padStart(2, '0')}`,
      name: world.people.unique(),
      regionId: region.id,
      councilIds: [] as string[],
      // A few have left; their records stay for the history of their work.
      active: i === 0 || !rng.chance(0.05),
    }));
    const active = staff.filter((a) => a.active);
    members.forEach((councilId, i) => {
      active[i % active.length]!.councilIds.push(councilId);
    });
    for (const adviser of staff) {
      // Where there are more advisers than member councils, some share a council; some also
      // keep in touch with a non-member council.
      if (adviser.councilIds.length === 0 && members.length > 0) adviser.councilIds.push(rng.pick(members));
      if (others.length > 0 && rng.chance(0.25)) adviser.councilIds.push(rng.pick(others));
      adviser.councilIds = [...new Set(adviser.councilIds)].slice(0, 20);
      world.advisers.push(adviser);
      world.add('adviser', adviser.id, {
        name: adviser.name,
        email: `${emailLocalPart(adviser.name)}@ceg.example.nz`,
        regionId: adviser.regionId,
        councilIds: adviser.councilIds,
        active: adviser.active,
      });
    }
  }
}

/** The agreement status of each member council, for the strategies that follow. */
export type AgreementStatus = 'draft' | 'agreed' | 'under-review';

/** One agreement of expectations per member council (a few still in draft), some with an ended predecessor. */
export function addAgreements(world: DemoWorld): Map<string, AgreementStatus> {
  const rng = world.rng.fork('agreements');
  const statuses = new Map<string, AgreementStatus>();
  for (const council of world.members.values()) {
    const advisers = world.advisersFor(council.id);
    const adviser = advisers.length > 0 ? rng.pick(advisers) : rng.pick(world.advisersIn(council.regionId));
    const roll = rng.next();
    const status: AgreementStatus = roll < 0.8 ? 'agreed' : roll < 0.88 ? 'under-review' : 'draft';
    statuses.set(council.id, status);
    if (rng.chance(0.15)) {
      const agreedOn = world.daysAgo(rng, 800, 1400);
      world.add('agreement', `agreement-${council.id}-1`, {
        councilId: council.id,
        adviserId: adviser.id,
        expectations: 'The first expectations, set when the adviser began working with this mayor.',
        status: 'ended',
        agreedOn,
        reviewBy: addDays(agreedOn, 365),
      });
    }
    const agreedOn = status === 'draft' ? undefined : world.daysAgo(rng, 30, 700);
    world.add('agreement', `agreement-${council.id}-2`, {
      councilId: council.id,
      adviserId: adviser.id,
      expectations: expectations(rng, shortName(council.name)),
      status,
      agreedOn,
      reviewBy: agreedOn ? addDays(agreedOn, rng.pick([180, 365, 365, 730])) : undefined,
    });
  }
  return statuses;
}

function expectations(rng: Random, place: string): string {
  const meetings = rng.pick(['Monthly', 'Fortnightly', 'Six-weekly']);
  const focus = rng.pick([
    'youth employment',
    'jobs in the primary sector',
    'work for long-term unemployed people',
    'the town centre revitalisation jobs',
  ]);
  return `${meetings} meetings with the Mayor of ${place}. The adviser brings labour market information and ideas on ${focus}; the mayor champions the strategy with council and employers. Both report progress to the LEC group.`;
}

/** Two to four needs or opportunities per member council. */
export function addNeeds(world: DemoWorld): void {
  const rng = world.rng.fork('needs');
  for (const council of world.members.values()) {
    const titles = rng.sample(NEED_TITLES, rng.int(2, 4));
    titles.forEach((title, i) => {
      world.add('need', `need-${council.id}-${i + 1}`, {
        councilId: council.id,
        title,
        kind: /new|shortage|cannot find/i.test(title) ? 'opportunity' : 'need',
        description: `Raised by ${rng.pick(['the mayor', 'the LEC group', 'local employers', 'the adviser', 'iwi and community groups'])} in ${shortName(council.name)}.`,
        identifiedOn: world.daysAgo(rng, 60, 720),
        status: rng.pick(['open', 'open', 'addressed', 'closed']),
      });
    });
  }
}

/**
 * Two to four strategies per member council. Active ones only where expectations are agreed
 * (rule 5). People placed in the last year add up to 1,100 to 1,700 nationally, 10 to 100 a
 * council, young people counted among them.
 */
export function addStrategies(world: DemoWorld, agreements: Map<string, AgreementStatus>): void {
  const rng = world.rng.fork('strategies');
  const placing = [...world.members.values()].filter((c) => agreements.get(c.id) === 'agreed');
  const weights = placing.map((c) => (c.kind === 'city' ? 1.5 : 1) * (0.4 + rng.next() * 0.6));
  const meanWeight = weights.reduce((a, b) => a + b, 0) / Math.max(1, weights.length);
  const perCouncil = world.national ? rng.int(1200, 1600) / Math.max(1, placing.length) : 45;
  const yearly = new Map(
    placing.map((c, i) => [
      c.id,
      Math.min(100, Math.max(10, Math.round((perCouncil * weights[i]!) / meanWeight))),
    ]),
  );

  for (const council of world.members.values()) {
    const agreed = agreements.get(council.id) === 'agreed';
    const needIds = world
      .of('need')
      .filter((n) => n.values.councilId === council.id)
      .map((n) => n.id);
    const count = rng.int(2, 4);
    const statuses = Array.from({ length: count }, (_, i) =>
      agreed
        ? i === 0
          ? 'active'
          : rng.pick(['active', 'completed', 'proposed', 'discontinued'] as const)
        : rng.pick(['proposed', 'proposed', 'discontinued'] as const),
    );
    const placingIndexes = statuses.flatMap((s, i) => (s === 'active' || s === 'completed' ? [i] : []));
    const shares = split(rng, yearly.get(council.id) ?? 0, placingIndexes.length);
    const titles = rng.sample(STRATEGY_TITLES, count);
    statuses.forEach((status, i) => {
      const goal = rng.pick(GOALS);
      const share = placingIndexes.includes(i) ? shares[placingIndexes.indexOf(i)]! : undefined;
      const youngShare = goal === '2005-youth' ? 0.6 + rng.next() * 0.3 : 0.3 + rng.next() * 0.3;
      const startedOn =
        status === 'active'
          ? world.daysAgo(rng, 20, 330)
          : status === 'completed'
            ? world.daysAgo(rng, 200, 360)
            : undefined;
      const completedOn =
        status === 'completed' && startedOn
          ? world.dateBetween(rng, addDays(startedOn, 60), addDays(world.today, -7))
          : undefined;
      world.add('strategy', `strategy-${council.id}-${i + 1}`, {
        councilId: council.id,
        title: titles[i]!,
        goal,
        needIds: rng.sample(needIds, rng.int(0, Math.min(2, needIds.length))),
        buildsOn: rng.chance(0.7) ? rng.pick(BUILDS_ON) : undefined,
        jointlySupported: rng.chance(0.6),
        status,
        startedOn,
        completedOn,
        peopleIntoWorkOrTraining: share,
        youngPeopleIntoWorkOrTraining: share === undefined ? undefined : Math.round(share * youngShare),
        outcomes: share ? `${share} people into work or training so far.` : undefined,
      });
    });
  }
}

/** Splits a whole number into `parts` random whole shares that add up to it. */
function split(rng: Random, total: number, parts: number): number[] {
  if (parts === 0) return [];
  const weights = Array.from({ length: parts }, () => 0.5 + rng.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  shares[0]! += total - shares.reduce((a, b) => a + b, 0);
  return shares;
}
