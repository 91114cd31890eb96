import type { Random } from './random.ts';

/**
 * What a member of the public needs to use a demo service (where, when, for whom, at what cost,
 * how to get in) and a line about each demo organisation. Drawn from a random source of their
 * own, so the rest of the demo world stays as it was.
 */

const STREETS = [
  'High Street',
  'Main Street',
  'Victoria Street',
  'Queen Street',
  'King Street',
  'Church Street',
  'Station Road',
  'Bridge Street',
  'Te Ara Street',
  'Kōwhai Avenue',
  'Rata Street',
  'Tainui Street',
];

/** First postcode digits of each region's towns, close enough to the real ranges for demo data. */
const POSTCODE_PREFIXES: Record<string, string[]> = {
  northland: ['01', '02', '03', '04'],
  auckland: ['06', '10', '20', '21'],
  waikato: ['32', '34', '35', '36'],
  'bay-of-plenty': ['30', '31', '37'],
  gisborne: ['40'],
  'hawkes-bay': ['41', '42'],
  taranaki: ['43', '46'],
  'manawatu-whanganui': ['44', '45', '48'],
  wellington: ['50', '58', '60', '61'],
  tasman: ['70', '71'],
  nelson: ['70', '70'],
  marlborough: ['72', '73'],
  'west-coast': ['78', '78', '79'],
  canterbury: ['74', '76', '79', '80'],
  otago: ['90', '93', '94'],
  southland: ['97', '98'],
};

const HOURS = [
  'Mon–Fri 9:00–17:00',
  'Mon–Fri 8:30–16:30',
  'Mon–Thu 9:00–17:00; Fri 9:00–15:00',
  'Mon, Wed, Fri 10:00–14:00',
  'Tue–Sat 9:30–15:30',
  'Mon–Fri 9:00–17:00; Sat 10:00–13:00',
];

interface Audience {
  eligibility: string;
  minimumAge?: number;
  maximumAge?: number;
  cost: string;
  howToApply: string;
}

const AUDIENCES: Record<string, Audience[]> = {
  youth: [
    {
      eligibility: 'Young people aged 15 to 24 who are not in work, education or training.',
      minimumAge: 15,
      maximumAge: 24,
      cost: 'Free',
      howToApply: 'Phone or walk in; a youth coach will meet you within a week. Schools can refer students.',
    },
    {
      eligibility: 'School leavers aged 15 to 19 and their whānau.',
      minimumAge: 15,
      maximumAge: 19,
      cost: 'Free',
      howToApply: 'Ask your school careers adviser to refer you, or phone us.',
    },
  ],
  'job-search': [
    {
      eligibility: 'Anyone looking for work, including people in work who want a change.',
      minimumAge: 16,
      cost: 'Free',
      howToApply: 'Walk in during opening hours or book a place by phone.',
    },
  ],
  training: [
    {
      eligibility: 'Job seekers aged 16 and over; priority for people out of work three months or more.',
      minimumAge: 16,
      cost: 'Free for job seekers; course materials provided',
      howToApply: 'Phone to book an interview; bring photo identification.',
    },
    {
      eligibility: 'People who need the skill for a job offer or to apply for work.',
      minimumAge: 16,
      cost: '$20 enrolment, refunded on completion',
      howToApply: 'Ask Work and Income or your case manager for a referral, or phone us.',
    },
  ],
  'business-support': [
    {
      eligibility: 'People starting or running a business with fewer than five staff.',
      cost: 'Free first session; mentoring $50 a month',
      howToApply: 'Email or phone to book a first session.',
    },
  ],
  'community-employment': [
    {
      eligibility: 'People out of work for six months or more, referred by a partner agency.',
      minimumAge: 18,
      cost: 'Free; participants are paid the minimum wage',
      howToApply: 'Referral from Work and Income, a marae or a community agency.',
    },
  ],
  'income-support': [
    {
      eligibility: 'Anyone in the region on a low income, in work or not.',
      cost: 'Free',
      howToApply: 'Phone for an appointment; home visits can be arranged.',
    },
  ],
  other: [
    {
      eligibility: 'Anyone living in the area.',
      cost: 'Free',
      howToApply: 'Phone or email us.',
    },
  ],
};

export function serviceDetails(rng: Random, regionId: string, category: string, town: string) {
  const audience = rng.pick(AUDIENCES[category] ?? AUDIENCES.other!);
  const prefix = rng.pick(POSTCODE_PREFIXES[regionId] ?? ['90']);
  return {
    ...audience,
    streetAddress: `${rng.int(1, 240)} ${rng.pick(STREETS)}`,
    town,
    postcode: `${prefix}${String(rng.int(10, 99))}`,
    openingHours: rng.pick(HOURS),
  };
}

const SECTOR_WORDS: Record<string, string> = {
  government: 'A government agency working with job seekers and employers in the region.',
  'local-government': 'The local council: community development, economic development and local services.',
  iwi: 'An iwi organisation supporting whānau into training, work and enterprise.',
  community: 'A community organisation offering practical help, training and support.',
  business: 'A business network connecting local employers with job seekers.',
  education: 'An education provider offering courses, apprenticeships and careers advice.',
  other: 'A local organisation working on employment in the region.',
};

export function organisationDescription(sector: string): string {
  return SECTOR_WORDS[sector] ?? SECTOR_WORDS.other!;
}
