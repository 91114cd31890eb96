import { foldName } from '../reference.ts';
import type { Random } from './random.ts';

/**
 * Invented but plausible New Zealand names for demo people and organisations. People's names are
 * random pairings of common given names and surnames, not anyone in particular.
 */

const GIVEN_NAMES = [
  'Aroha',
  'Mere',
  'Hemi',
  'Tama',
  'Wiremu',
  'Ngaire',
  'Rawiri',
  'Anaru',
  'Kiri',
  'Manaia',
  'Tui',
  'Huia',
  'Pania',
  'Rangi',
  'Kahu',
  'Moana',
  'Nikau',
  'Sione',
  'Losa',
  'Mele',
  'Tevita',
  'Lagi',
  'Ana',
  'Ioane',
  'Leilani',
  'Priya',
  'Arjun',
  'Mei',
  'Wei',
  'Jia',
  'Hamish',
  'Fiona',
  'Bridget',
  'Callum',
  'Duncan',
  'Megan',
  'Sarah',
  'Michelle',
  'Craig',
  'Brendon',
  'Kerry',
  'Robyn',
  'Glenys',
  'Trevor',
  'Shane',
  'Nicola',
  'Rachel',
  'Sophie',
  'Olivia',
  'Liam',
  'Hannah',
  'Grace',
  'Isla',
  'Finn',
  'Toby',
  'Georgia',
  'Daniel',
  'Lynette',
  'Raewyn',
  'Colleen',
  'Murray',
  'Graeme',
  'Alison',
  'Heather',
  'Stuart',
  'Joanne',
  'Tania',
  'Paula',
  'Vaughan',
  'Aidan',
  'Ruby',
  'Ella',
  'Zoe',
  'Rewi',
  'Maata',
  'Hine',
  'Tipene',
  'Ruth',
  'Gareth',
] as const;

const SURNAMES = [
  'Parata',
  'Walker',
  'Henare',
  'Paewai',
  'Kereama',
  'Tamihana',
  'Hohaia',
  'Te Whata',
  'Poutama',
  'Waaka',
  'Smith',
  'Wilson',
  'Brown',
  'Taylor',
  'Thompson',
  'Campbell',
  'Stewart',
  'Robertson',
  'McKenzie',
  'Anderson',
  'Williams',
  'Harris',
  'Clarke',
  'Mitchell',
  'Cooper',
  'Fraser',
  'Murray',
  'Reid',
  'Young',
  'King',
  'Wright',
  'Scott',
  'Green',
  'Baker',
  'Hall',
  'Edwards',
  'Hughes',
  'Morgan',
  'Bell',
  'Grant',
  'Sinclair',
  'Gallagher',
  "O'Connor",
  'Faleolo',
  'Leota',
  'Aumua',
  'Fonoti',
  'Matagi',
  'Patel',
  'Singh',
  'Chen',
  'Wong',
  'Zhang',
  'Nguyen',
  'Kaur',
  'Sharma',
  'Tan',
  'de Vries',
  'Jansen',
  'Kowalski',
  'Novak',
  'Te Kani',
  'Rāwiri',
  'McLeod',
  'Donaldson',
  'Fitzgerald',
  'Carmichael',
  'Herewini',
] as const;

/** Makes people's names; `unique` never repeats one (advisers need distinct email addresses). */
export class PersonNames {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Random) {}

  any(): string {
    return `${this.rng.pick(GIVEN_NAMES)} ${this.rng.pick(SURNAMES)}`;
  }

  unique(): string {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const name = this.any();
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    throw new Error('ran out of distinct demo names');
  }
}

/** `Hēmi O'Connor` → `hemi.oconnor`: the local part of a demo email address. */
export function emailLocalPart(name: string): string {
  return foldName(name)
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

/** A council's everyday short name, as in "MTFJ Christchurch". */
export function shortName(councilName: string): string {
  return councilName.replace(/ (District|City|Territory)$/, '');
}

/** Organisation name patterns by sector; `{area}` is a town or district, `{region}` the region. */
export const ORGANISATION_PATTERNS: Record<string, readonly string[]> = {
  government: [
    'Work and Income {area}',
    'Te Puni Kōkiri {region} Office',
    'Ministry of Social Development {region}',
    'Department of Corrections {area} Community Probation',
    'Tertiary Education Commission {region} Team',
  ],
  'local-government': ['{area} Economic Development Agency', '{area} Community Development Team'],
  iwi: [
    '{area} Iwi Development Trust',
    '{area} Māori Employment Trust',
    '{area} Iwi Social Services',
    '{area} Marae Training Trust',
  ],
  community: [
    '{area} Community Trust',
    '{area} Youth Trust',
    '{area} Budget Advisory Service',
    '{area} Pasifika Community Network',
    '{area} Volunteer Centre',
    "{area} Women's Resource Centre",
    '{area} Disability Employment Service',
  ],
  business: [
    '{area} Chamber of Commerce',
    '{area} Business Association',
    '{area} Growers Co-operative',
    '{area} Engineering Group',
    '{area} Builders Association',
    '{area} Hospitality Association',
    '{area} Tourism Operators Network',
    '{area} Dairy Farmers Network',
  ],
  education: [
    '{area} Community College',
    "{area} Secondary Principals' Association",
    '{area} Trades Training Centre',
    '{area} Adult Literacy Trust',
  ],
  other: ['{area} Rotary Club', '{area} Sports Trust'],
};

export const NEED_TITLES = [
  'School leavers without qualifications',
  'Seasonal work ends in winter',
  'Long-term unemployed in small towns',
  'Skills shortage in building trades',
  'Young parents wanting to return to work',
  'No public transport to the industrial estate',
  'Rangatahi not in education, employment or training',
  'New horticulture jobs need trained pickers and packers',
  'Driver licences as a barrier to work',
  'Mill closure leaves experienced workers without jobs',
  'Tourism operators cannot find staff',
  'Older workers needing new skills',
] as const;

export const STRATEGY_TITLES = [
  'Youth into trades',
  'Gateway to horticulture',
  'Licence to work',
  'Mayor’s youth employment cadetships',
  'Seasonal workers all year round',
  'Back to work for young parents',
  'Hospitality skills academy',
  'Town centre work experience scheme',
  'Marae-based training for rangatahi',
  'Business mentors for school leavers',
  'Green jobs on council projects',
  'Employer pledge: first jobs for local young people',
] as const;

export const BUILDS_ON = [
  'the LEC group’s trades network',
  'the council’s existing youth services',
  'Work and Income’s local jobs programme',
  'a marae training programme already running',
  'the Chamber of Commerce’s mentoring scheme',
  'the secondary schools’ Gateway placements',
  'a community trust’s work experience project',
] as const;

export const ACTIVITY_SUMMARIES = [
  'Met the mayor to plan the next quarter of the youth employment strategy.',
  'Prepared labour market figures for the mayor’s briefing.',
  'Brought employers and the council together on the cadetship scheme.',
  'Followed up stakeholders after the LEC group meeting.',
  'Drafted the progress report section for this council.',
  'Introduced the mayor to the local iwi training provider.',
  'Shared a working model from another region with council staff.',
  'Reviewed the agreement of expectations with the mayor.',
] as const;

export const SERVICE_PATTERNS: readonly { name: string; category: string; description: string }[] = [
  {
    name: 'Youth Transition Service',
    category: 'youth',
    description: 'One-to-one support for 15 to 19 year olds leaving school, into training or a first job.',
  },
  {
    name: 'Job Search Workshop',
    category: 'job-search',
    description: 'Weekly workshops on CVs, cover letters and interviews, open to anyone looking for work.',
  },
  {
    name: 'Trades Taster Course',
    category: 'training',
    description: 'Six weeks of hands-on building, engineering and automotive basics, with site visits.',
  },
  {
    name: 'Small Business Start-up Advice',
    category: 'business-support',
    description: 'Free advice sessions for people starting a small business, with follow-up mentoring.',
  },
  {
    name: 'Community Work Experience',
    category: 'community-employment',
    description: 'Paid work experience on community projects for people out of work six months or more.',
  },
  {
    name: 'Budgeting and Income Help',
    category: 'income-support',
    description: 'Help with budgets and with applying for the income support people are entitled to.',
  },
  {
    name: 'Driver Licence Programme',
    category: 'training',
    description: 'Lessons and test fees for learner and restricted licences, for job seekers who need one.',
  },
  {
    name: 'Seasonal Work Register',
    category: 'job-search',
    description: 'Growers list their seasonal jobs here; job seekers register once and are matched.',
  },
  {
    name: 'Youth Mentors Programme',
    category: 'youth',
    description: 'Volunteer mentors from local businesses meet young people weekly for a school term.',
  },
  {
    name: 'Return to Work for Parents',
    category: 'community-employment',
    description:
      'Part-time training that fits school hours, with childcare help, for parents returning to work.',
  },
];

export const RESOURCE_PROGRAMMES: readonly { agency: string; programme: string }[] = [
  { agency: 'Work and Income', programme: 'Work experience subsidy' },
  { agency: 'Work and Income', programme: 'Seasonal work scheme' },
  { agency: 'Ministry of Social Development', programme: 'Youth transition grants' },
  { agency: 'Tertiary Education Commission', programme: 'Foundation skills fund' },
  { agency: 'Te Puni Kōkiri', programme: 'Māori business facilitation' },
  { agency: 'Community Employment Group', programme: 'Community employment development fund' },
  { agency: 'Ministry of Business, Innovation and Employment', programme: 'Regional labour market projects' },
  { agency: 'Department of Corrections', programme: 'Release to work placements' },
];

export const ACTION_TITLES = [
  'Review the strategic plan for collaborative action',
  'Update the agency profiles',
  'Prepare the joint-agency information pack',
  'Circulate the quarterly labour market report',
  'Organise the services roadshow',
  'Confirm senior management commitments',
  'Complete the audit of government resources',
  'Arrange an exchange visit with the buddy group',
  'Write up what worked in the youth programme',
  'Book facilitation training for members',
] as const;

export const EVENT_TITLES: Record<string, readonly string[]> = {
  'exchange-visit': ['Exchange visit to {area}', 'Hosting the {area} group'],
  roadshow: ['Services roadshow in {area}', 'Jobs and training roadshow: {area}'],
  'sector-group': ['Horticulture sector group', 'Construction sector group', 'Tourism sector group'],
  'business-forum': ['{area} business breakfast', 'Employers forum: hiring young people'],
  training: ['Facilitation skills workshop', 'Co-operative action training day'],
};
