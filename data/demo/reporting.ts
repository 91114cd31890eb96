import { ACTIVITY_KINDS } from '../../functions/records/types/activity.ts';
import { addDays, mondayOf, quarterBounds, quartersBefore } from './calendar.ts';
import { ACTIVITY_SUMMARIES } from './names.ts';
import type { Random } from './random.ts';
import type { DemoWorld } from './world.ts';

/**
 * What advisers and regional teams report (seed 000): weekly activities, publicity,
 * communications, good practice, quarterly progress reports and the indicators of the two goals.
 */

const ACTIVITY_WEEKS = 12;

/** The Mondays of the twelve report weeks that end with last week, oldest first. */
function reportWeeks(today: string, weeks = ACTIVITY_WEEKS): string[] {
  const last = addDays(mondayOf(today), -7);
  return Array.from({ length: weeks }, (_, i) => addDays(last, -7 * (weeks - 1 - i)));
}

/**
 * Twelve weeks of activity lines: active advisers with their member councils, on Mondays, hours
 * in quarter hours up to 12. Every region reports every week except two regions that have not
 * yet reported last week (the dashboard shows who has not).
 */
export function addActivities(world: DemoWorld): void {
  const rng = world.rng.fork('activities');
  const weeks = reportWeeks(world.today);
  const lastWeek = weeks[weeks.length - 1]!;
  const late = new Set(rng.sample(world.regions, world.regions.length > 2 ? 2 : 0).map((r) => r.id));
  for (const week of weeks) {
    for (const region of world.regions) {
      if (week === lastWeek && late.has(region.id)) continue;
      const pairs = world
        .advisersIn(region.id)
        .flatMap((adviser) =>
          adviser.councilIds
            .filter((id) => world.members.has(id))
            .map((councilId) => ({ adviser, councilId })),
        );
      if (pairs.length === 0) continue;
      const reported = pairs.filter(() => rng.chance(0.6));
      // A region that reports at all reports something every week.
      if (reported.length === 0) reported.push(rng.pick(pairs));
      for (const { adviser, councilId } of reported) {
        world.add('activity', `act-${week}-${adviser.id}-${councilId}`, {
          adviserId: adviser.id,
          councilId,
          weekStarting: week,
          kind: rng.pick(ACTIVITY_KINDS),
          hours: rng.int(2, 48) / 4,
          summary: rng.chance(0.8) ? rng.pick(ACTIVITY_SUMMARIES) : undefined,
        });
      }
    }
  }
}

/**
 * Publicity for about half of the active and completed strategies. About jointly supported
 * strategies, anything approved or published acknowledges both parties (rule 6); some drafts
 * still await an acknowledgement.
 */
export function addPublicity(world: DemoWorld): void {
  const rng = world.rng.fork('publicity');
  for (const strategy of world.of('strategy')) {
    const { status, jointlySupported, title } = strategy.values as Record<string, string | boolean>;
    if ((status !== 'active' && status !== 'completed') || !rng.chance(0.5)) continue;
    const stage = rng.pick(['draft', 'draft', 'approved', 'published', 'published'] as const);
    const bothAcknowledged = stage !== 'draft' || rng.chance(0.3);
    const missing = rng.pick(['ceg', 'taskforce'] as const);
    world.add('publicity', `publicity-${strategy.id}`, {
      strategyId: strategy.id,
      title: `${title}: ${rng.pick(['first placements celebrated', 'employers sign up', 'mayor launches the programme', 'results so far'])}`,
      channel: rng.pick(['media-release', 'newsletter', 'website', 'event', 'other'] as const),
      plannedFor: world.dateBetween(rng, addDays(world.today, -120), addDays(world.today, 45)),
      acknowledgesCeg: bothAcknowledged || !jointlySupported || missing !== 'ceg',
      acknowledgesTaskforce: bothAcknowledged || !jointlySupported || missing !== 'taskforce',
      status: stage,
    });
  }
}

/** One to three communications per region; drafts wait for one party's agreement (rule 7). */
export function addCommunications(world: DemoWorld): void {
  const rng = world.rng.fork('communications');
  const subjects = [
    'Partnership update for employers',
    'Results of the youth employment strategies',
    'Invitation to the regional jobs forum',
    'Joint statement on the mill closure',
    'Briefing for MPs on local employment',
  ];
  for (const region of world.regions) {
    const count = rng.int(1, 3);
    for (let i = 0; i < count; i++) {
      const status = rng.pick(['draft', 'agreed', 'released', 'released'] as const);
      const draftAgreedBy = rng.pick(['ceg', 'taskforce', 'neither'] as const);
      world.add('communication', `communication-${region.id}-${i + 1}`, {
        regionId: region.id,
        subject: rng.pick(subjects),
        audience: rng.pick([
          'Employers and business associations',
          'Iwi and community organisations',
          'Government agencies in the region',
          'Local media',
        ]),
        message:
          'The Community Employment Group and the Mayors Taskforce for Jobs are working together on local employment.',
        agreedByCeg: status !== 'draft' || draftAgreedBy === 'ceg',
        agreedByTaskforce: status !== 'draft' || draftAgreedBy === 'taskforce',
        status,
        releasedOn: status === 'released' ? world.daysAgo(rng, 5, 200) : undefined,
      });
    }
  }
}

/** Two or three practices per region for the knowledge base, contributed by advisers (rule 9). */
export function addPractices(world: DemoWorld): void {
  const rng = world.rng.fork('practices');
  const topics = [
    [
      'Employer breakfasts hosted by the mayor',
      'Employers came because the mayor asked them.',
      'Breakfasts during harvest drew no one.',
    ],
    [
      'Cadetships in council departments',
      'Young people saw a career path inside the council.',
      'Too few supervisors at first.',
    ],
    [
      'One shared referral form across agencies',
      'Clients told their story once.',
      'It took six months to agree the form.',
    ],
    [
      'Driver licence help tied to job offers',
      'Licences turned into jobs within weeks.',
      'Test waiting times slowed the first group.',
    ],
  ] as const;
  for (const region of world.regions) {
    const advisers = world.advisersIn(region.id, false);
    const strategies = world
      .of('strategy')
      .filter((s) => world.members.get(s.values.councilId as string)?.regionId === region.id);
    rng.sample(topics, rng.int(2, 3)).forEach(([title, worked, didNot], i) => {
      world.add('practice', `practice-${region.id}-${i + 1}`, {
        regionId: region.id,
        title,
        summary: `${title}, tried in ${region.name}.`,
        whatWorked: worked,
        whatDidNot: rng.chance(0.7) ? didNot : undefined,
        strategyId: strategies.length > 0 && rng.chance(0.6) ? rng.pick(strategies).id : undefined,
        adviserId: advisers.length > 0 ? rng.pick(advisers).id : undefined,
      });
    });
  }
}

/** A progress report per region for each of the last four quarters (rule 8); late ones still drafts. */
export function addProgressReports(world: DemoWorld): void {
  const rng = world.rng.fork('progress-reports');
  const quarters = quartersBefore(world.today, 4);
  for (const region of world.regions) {
    for (const quarter of quarters) {
      const submittedOn = addDays(quarterBounds(quarter).end, rng.int(5, 25));
      const submitted = submittedOn < world.today;
      world.add('progress-report', undefined, {
        regionId: region.id,
        quarter,
        summary: `${region.name}: ${world.membersIn(region.id).length} Taskforce councils, strategies on both goals, activity reported weekly.`,
        highlights: rng.chance(0.7)
          ? 'Employers joined the youth strategy; a new LEC member committed at senior level.'
          : undefined,
        issues: rng.chance(0.4) ? 'Transport to work remains a barrier in rural areas.' : undefined,
        status: submitted ? 'submitted' : 'draft',
        submittedOn: submitted ? submittedOn : undefined,
      });
    }
  }
}

/** Rough size of the population out of work or training, by council kind (Auckland the largest). */
function baseline(rng: Random, councilId: string, kind: string): number {
  if (councilId === 'auckland') return rng.int(25_000, 35_000);
  return kind === 'city' ? rng.int(1_500, 6_000) : rng.int(150, 2_500);
}

/** Indicators of the two goals per member council for the last four quarters, slowly falling. */
export function addIndicators(world: DemoWorld): void {
  const rng = world.rng.fork('indicators');
  const quarters = quartersBefore(world.today, 4);
  for (const council of world.members.values()) {
    let people = baseline(rng, council.id, council.kind);
    const youngShare = 0.3 + rng.next() * 0.15;
    for (const period of quarters) {
      world.add('indicator', undefined, {
        councilId: council.id,
        period,
        peopleNotInWorkOrTraining: people,
        youngPeopleNotInWorkOrTraining: Math.round(people * youngShare),
        source: rng.pick([
          'Household Labour Force Survey estimate',
          'Work and Income register',
          'Council survey',
        ]),
      });
      people = Math.round(people * (0.96 + rng.next() * 0.05));
    }
  }
}
