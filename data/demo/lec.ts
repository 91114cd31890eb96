import { slugOf } from '../reference.ts';
import { addDays, lastFinancialYear } from './calendar.ts';
import { organisationDescription, serviceDetails } from './directory-details.ts';
import {
  ACTION_TITLES,
  EVENT_TITLES,
  emailLocalPart,
  ORGANISATION_PATTERNS,
  RESOURCE_PROGRAMMES,
  SERVICE_PATTERNS,
  shortName,
} from './names.ts';
import type { Random } from './random.ts';
import type { DemoWorld } from './world.ts';

/**
 * The Local Employment Co-ordination side of the demo data (seed 001): 42 groups with about 750
 * memberships, organisations, employment profiles, services, the resource audit, joint
 * ventures, events, actions and buddy pairs.
 */

/** 42 LEC groups (1999), more where more people live. */
const LEC_GROUPS_PER_REGION: Record<string, number> = {
  northland: 3,
  auckland: 6,
  waikato: 4,
  'bay-of-plenty': 3,
  gisborne: 1,
  'hawkes-bay': 2,
  taranaki: 2,
  'manawatu-whanganui': 3,
  wellington: 4,
  tasman: 1,
  nelson: 1,
  marlborough: 1,
  'west-coast': 2,
  canterbury: 4,
  otago: 3,
  southland: 2,
};

/** Auckland is one council today; its groups follow the areas of the seven councils of 2001. */
const AUCKLAND_AREAS = [
  'Rodney',
  'North Shore',
  'Waitākere',
  'Auckland Central',
  'Manukau',
  'Papakura and Franklin',
];

const AREA_CODES: Record<string, string> = {
  northland: '09',
  auckland: '09',
  waikato: '07',
  'bay-of-plenty': '07',
  wellington: '04',
};
const NORTH_ISLAND_06 = new Set(['gisborne', 'hawkes-bay', 'taranaki', 'manawatu-whanganui']);

interface Group {
  id: string;
  regionId: string;
  areas: string[];
  establishedOn: string;
  memberOrganisationIds: string[];
  /** Member organisations' representatives, who may own the group's actions. */
  contactEmails: string[];
}

function areasOf(world: DemoWorld, regionId: string): string[] {
  return regionId === 'auckland' ? AUCKLAND_AREAS : world.councilsIn(regionId).map((c) => shortName(c.name));
}

function joinNames(names: string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function phone(rng: Random, regionId: string): string {
  const code = AREA_CODES[regionId] ?? (NORTH_ISLAND_06.has(regionId) ? '06' : '03');
  return `(${code}) 555 ${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

/** Adds every LEC record type; returns nothing, the rows are in the world. */
export function addLecGroups(world: DemoWorld): void {
  const rng = world.rng.fork('lec');
  // Consent and event details draw from sources of their own, so the rest of the demo stays as it was.
  const consent = world.rng.fork('digest-consent');
  // Directory details (addresses, hours, …) come from a source of their own: the rest stays as it was.
  const details = world.rng.fork('directory');
  const groups: Group[] = [];
  for (const region of world.regions) {
    const areas = areasOf(world, region.id);
    const count = LEC_GROUPS_PER_REGION[region.id] ?? 1;
    const organisations = addOrganisations(
      world,
      rng,
      region.id,
      region.name,
      areas,
      Math.max(24, count * 12 + 6),
      details,
    );
    for (let i = 0; i < count; i++) {
      // Contiguous slices of the region's areas, so each group covers neighbouring districts.
      const covered = areas.slice(
        Math.floor((i * areas.length) / count),
        Math.max(Math.floor(((i + 1) * areas.length) / count), Math.floor((i * areas.length) / count) + 1),
      );
      const id = `lec-${region.id}-${i + 1}`;
      const name = `${joinNames(covered.length > 3 ? [...covered.slice(0, 2), 'districts'] : covered)} ${rng.pick(['LEC Group', 'Employment Forum', 'Jobs Network', 'Local Employment Co-ordination Group'])}`;
      const establishedOn = world.daysAgo(rng, 3 * 365, 9 * 365);
      const coordinator = world.people.any();
      world.add('lec-group', id, {
        regionId: region.id,
        name,
        coordinatorName: coordinator,
        coordinatorEmail: `${emailLocalPart(coordinator)}@${slugOf(covered[0]!)}-lec.example.nz`,
        strategicPlan: `Collaborative action plan for ${joinNames(covered)}: youth transitions, seasonal work, and sharing information between agencies.`,
        // Most plans were reviewed within the year; some are overdue for review.
        planReviewedOn: rng.chance(0.7) ? world.daysAgo(rng, 10, 350) : world.daysAgo(rng, 400, 900),
        establishedOn,
      });
      const members = rng.sample(organisations, rng.int(15, 21));
      const contactEmails: string[] = [];
      groups.push({
        id,
        regionId: region.id,
        areas: covered,
        establishedOn,
        memberOrganisationIds: members,
        contactEmails,
      });
      for (const organisationId of members) {
        const committed = rng.chance(0.65);
        const representative = world.people.any();
        // Addressed per group, so two namesakes in different groups stay two people.
        const representativeEmail = `${emailLocalPart(representative)}@${id}.example.nz`;
        contactEmails.push(representativeEmail);
        // Drawn in the order they always were, so the rest of the demo stays as it was.
        const inBusinessPlan = committed && rng.chance(0.55);
        const joinedOn = world.dateBetween(rng, establishedOn, addDays(world.today, -14));
        world.add('membership', undefined, {
          lecGroupId: id,
          organisationId,
          representative,
          representativeEmail,
          seniorCommitment: committed,
          inBusinessPlan,
          joinedOn,
          ...digestConsent(consent, world, joinedOn),
        });
      }
    }
    addProfile(world, rng, region.id, region.name, details);
    addServices(world, rng, region.id, areas, organisations, details);
    addResourceLines(world, rng, region.id);
  }
  addGroupWork(world, rng, groups);
  addBuddyPairs(world, rng, groups);
}

function addOrganisations(
  world: DemoWorld,
  rng: Random,
  regionId: string,
  regionName: string,
  areas: string[],
  count: number,
  details: Random,
): string[] {
  const candidates = Object.entries(ORGANISATION_PATTERNS).flatMap(([sector, patterns]) =>
    patterns.flatMap((pattern) =>
      (pattern.includes('{area}') ? areas : [regionName]).map((area) => ({
        sector,
        name: pattern.replace('{area}', area).replace('{region}', regionName),
      })),
    ),
  );
  const unique = [...new Map(candidates.map((c) => [c.name, c])).values()];
  return rng.sample(unique, count).map((organisation, i) => {
    const id = `org-${regionId}-${String(i + 1).padStart(3, '0')}`;
    world.add('organisation', id, {
      regionId,
      name: organisation.name,
      description: organisationDescription(organisation.sector),
      sector: organisation.sector,
      keyPlayer: rng.chance(0.6),
      website: rng.chance(0.4) ? `https://${slugOf(organisation.name)}.example.nz` : undefined,
      phone: phone(details, regionId),
    });
    return id;
  });
}

/** Regions whose profile is always published, so the demo's public site has them to show. */
const ALWAYS_PUBLISHED = new Set(['west-coast', 'canterbury', 'northland']);

const INDUSTRIES = [
  'Health care and social assistance',
  'Manufacturing',
  'Agriculture, forestry and fishing',
  'Retail trade',
  'Construction',
  'Accommodation and food services (tourism)',
  'Education and training',
  'Mining',
];

function addProfile(
  world: DemoWorld,
  rng: Random,
  regionId: string,
  regionName: string,
  details: Random,
): void {
  const drawn = rng.chance(0.65);
  const published = drawn || ALWAYS_PUBLISHED.has(regionId);
  const year = world.today.slice(0, 4);
  world.add('employment-profile', `profile-${regionId}`, {
    regionId,
    title: `${regionName} employment profile ${year}`,
    summary: `Who is out of work or training in ${regionName}, which industries are hiring, and what local services offer. Prepared with the LEC groups after public consultation.`,
    keyFigures: `Unemployment rate: ${(3 + rng.next() * 4).toFixed(1)}%\nYoung people not in employment, education or training: ${(9 + rng.next() * 8).toFixed(1)}%\nLargest employing industry: ${rng.pick(['health care', 'manufacturing', 'agriculture', 'retail trade', 'construction', 'tourism'])}`,
    consultationNotes:
      'Hui with iwi, meetings with employers and community groups; the LEC groups commented on the draft.',
    researchSources: 'Census, Household Labour Force Survey, Work and Income register, council surveys.',
    industries: details
      .sample(INDUSTRIES, 4)
      .map((industry) => `${industry}: about ${details.int(8, 60) * 100} jobs`)
      .join('\n'),
    preparedOn: world.daysAgo(details, 420, 500),
    published,
    // The forced ones draw from `details`, so the main source is used exactly as before.
    publishedOn: drawn
      ? world.daysAgo(rng, 20, 400)
      : published
        ? world.daysAgo(details, 20, 400)
        : undefined,
  });
}

function addServices(
  world: DemoWorld,
  rng: Random,
  regionId: string,
  areas: string[],
  organisations: string[],
  details: Random,
): void {
  const organisationRows = world.of('organisation').filter((o) => organisations.includes(o.id));
  rng.sample(SERVICE_PATTERNS, rng.int(6, SERVICE_PATTERNS.length)).forEach((pattern, i) => {
    const provider = rng.pick(organisationRows);
    const area = rng.pick(areas);
    const domain = `${slugOf(provider.values.name as string)}.example.nz`;
    world.add('service', `service-${regionId}-${i + 1}`, {
      regionId,
      name: `${area} ${pattern.name}`,
      provider: provider.values.name,
      organisationId: provider.id,
      category: pattern.category,
      description: pattern.description,
      councilId: councilOfArea(world, regionId, area),
      area,
      ...serviceDetails(details, regionId, pattern.category, area),
      phone: phone(rng, regionId),
      email: `info@${domain}`,
      website: rng.chance(0.7) ? `https://${domain}` : undefined,
      listed: rng.chance(0.85),
      internalNotes: rng.chance(0.3) ? 'Check the contact details at the next LEC meeting.' : undefined,
    });
  });
}

/** The council of a demo area: its namesake, or the region's only council (Auckland's old districts). */
function councilOfArea(world: DemoWorld, regionId: string, area: string): string | undefined {
  const councils = world.councilsIn(regionId);
  return (
    councils.find((c) => shortName(c.name) === area) ?? (councils.length === 1 ? councils[0] : undefined)
  )?.id;
}

function addResourceLines(world: DemoWorld, rng: Random, regionId: string): void {
  const year = lastFinancialYear(world.today);
  rng.sample(RESOURCE_PROGRAMMES, rng.int(4, 7)).forEach(({ agency, programme }, i) => {
    world.add('resource-line', `resource-${regionId}-${i + 1}`, {
      regionId,
      agency,
      programme,
      amount: `${rng.int(20, 900) * 1000 + rng.int(0, 99) * 10}.00`,
      periodStart: year.start,
      periodEnd: year.end,
      notes: rng.chance(0.5)
        ? rng.pick([
            'Overlaps with another agency’s youth funding.',
            'Underspent last year.',
            'Well used; waiting list.',
          ])
        : undefined,
    });
  });
}

/** Joint ventures, events and actions of each group; some actions are overdue. */
function addGroupWork(world: DemoWorld, rng: Random, groups: Group[]): void {
  const eventRng = world.rng.fork('event-details');
  for (const group of groups) {
    const area = rng.pick(group.areas);
    const ventures = rng.int(0, 2);
    for (let i = 0; i < ventures; i++) {
      const status = rng.pick(['proposed', 'active', 'active', 'completed', 'abandoned'] as const);
      world.add('joint-venture', `venture-${group.id}-${i + 1}`, {
        lecGroupId: group.id,
        name: `${area} ${rng.pick(['youth pathways partnership', 'shared job brokerage', 'seasonal workforce pool', 'joint training hub'])}`,
        partnerIds: rng.sample(group.memberOrganisationIds, rng.int(2, 4)),
        status,
        startedOn:
          status === 'active' || status === 'completed'
            ? world.dateBetween(rng, group.establishedOn, addDays(world.today, -30))
            : undefined,
        outcomes:
          status === 'completed'
            ? `${rng.int(5, 40)} people placed; one intake process for clients of all partners.`
            : undefined,
      });
    }
    const events = rng.int(1, 3);
    for (let i = 0; i < events; i++) {
      const kind = rng.pick(Object.keys(EVENT_TITLES));
      const heldOn = world.dateBetween(rng, addDays(world.today, -180), addDays(world.today, 60));
      const details = eventDetails(eventRng, kind, heldOn, world.today);
      // In the definition's field order, as the schema hands values back.
      world.add('event', `event-${group.id}-${i + 1}`, {
        regionId: group.regionId,
        lecGroupId: rng.chance(0.85) ? group.id : undefined,
        kind,
        title: rng.pick(EVENT_TITLES[kind]!).replace('{area}', area),
        heldOn,
        startsAt: details.startsAt,
        endsAt: details.endsAt,
        location: `${area} ${rng.pick(['Library', 'Council Chambers', 'Marae', 'Community Hall', 'Events Centre'])}`,
        openToPublic: details.openToPublic,
        publicDescription: details.publicDescription,
        cancelled: details.cancelled,
        attendees: heldOn < world.today ? rng.int(8, 120) : undefined,
      });
    }
    const actions = rng.sample(ACTION_TITLES, rng.int(2, 5));
    actions.forEach((title, i) => {
      const dueOn = world.dateBetween(rng, addDays(world.today, -120), addDays(world.today, 90));
      const past = dueOn < world.today;
      // The first action of every third group is left overdue so the dashboard has some to show.
      const forcedOverdue = i === 0 && groups.indexOf(group) % 3 === 0;
      const status = forcedOverdue
        ? 'open'
        : past
          ? rng.pick(['done', 'done', 'done', 'open', 'in-progress', 'cancelled'] as const)
          : rng.pick(['open', 'in-progress', 'done'] as const);
      const overdueDue = forcedOverdue && !past ? world.daysAgo(rng, 3, 60) : dueOn;
      // Two in three actions are owned by a member's representative the system can remind; the
      // rest keep an owner in words, as actions recorded before owners were people do.
      const ownerInWords = world.people.any();
      const ownerEmail = i % 3 === 2 ? undefined : group.contactEmails[(i * 7) % group.contactEmails.length];
      world.add('action', `action-${group.id}-${i + 1}`, {
        lecGroupId: group.id,
        title,
        owner: ownerEmail ? undefined : ownerInWords,
        ownerEmail,
        dueOn: overdueDue,
        status,
        completedOn:
          status === 'done'
            ? world.dateBetween(rng, addDays(overdueDue, -30), addDays(world.today, -1))
            : undefined,
      });
    });
  }
}

/**
 * About three in five representatives agreed to the LEC digest (at a meeting, by email or on a
 * form) some time after joining; a few of those withdrew again.
 */
function digestConsent(rng: Random, world: DemoWorld, joinedOn: string): Record<string, string | undefined> {
  if (!rng.chance(0.6)) return {};
  const digestConsentOn = world.dateBetween(rng, joinedOn, addDays(world.today, -7));
  const withdrawn = rng.chance(0.08);
  return {
    digestConsentOn,
    digestConsentHow: rng.pick(['in-person', 'in-person', 'email', 'form']),
    digestConsentWithdrawnOn: withdrawn
      ? world.dateBetween(rng, digestConsentOn, addDays(world.today, -1))
      : undefined,
  };
}

const PUBLIC_DESCRIPTIONS: Record<string, string> = {
  roadshow:
    'Local employers, training providers and agencies under one roof: bring your CV, ask about jobs and courses. Free, all welcome.',
  'business-forum':
    'Employers and the LEC group talk about hiring locally, skills shortages and support for taking on young people. Open to all businesses.',
  'sector-group':
    'Employers of one industry meet the agencies that train and place people: what the sector needs and who can help.',
  'exchange-visit': 'Visiting another group to see what worked there; community members welcome to join.',
  training:
    'A free workshop for people who support job seekers: facilitation and working together across agencies.',
};

/** Times, public announcement and a public description for some events (a source of their own). */
function eventDetails(
  rng: Random,
  kind: string,
  heldOn: string,
  today: string,
): { startsAt?: string; endsAt?: string; openToPublic?: true; publicDescription?: string; cancelled?: true } {
  const timed = rng.chance(0.7);
  const start = rng.pick(['09:00', '09:30', '10:00', '13:00', '17:30']);
  const hours = rng.int(1, 3);
  const end = `${String(Number(start.slice(0, 2)) + hours).padStart(2, '0')}:${start.slice(3)}`;
  const open = kind !== 'exchange-visit' && rng.chance(0.6);
  return {
    ...(timed ? { startsAt: start, endsAt: end } : {}),
    ...(open ? { openToPublic: true, publicDescription: PUBLIC_DESCRIPTIONS[kind] } : {}),
    ...(heldOn >= today && rng.chance(0.05) ? { cancelled: true } : {}),
  };
}

/** Pairs of co-ordinators, across regions where possible, each group in at most one pair. */
function addBuddyPairs(world: DemoWorld, rng: Random, groups: Group[]): void {
  const order = rng.shuffle(groups);
  for (let i = 0; i + 1 < order.length; i += 2) {
    const [a, b] = [order[i]!, order[i + 1]!];
    const later = [a.establishedOn, b.establishedOn].sort()[1]!;
    world.add('buddy-pair', `buddy-${a.id}--${b.id}`, {
      lecGroupId: a.id,
      buddyLecGroupId: b.id,
      since: world.dateBetween(rng, later, addDays(world.today, -30)),
      notes: rng.chance(0.5) ? 'Monthly phone calls; visited each other’s group meetings.' : undefined,
    });
  }
}
