import { addDays, daysBetween, quarterOf, quarterRange } from '../aggregate/calendar.ts';
import { type Person, personCanSee } from '../domain/people.ts';
import type { PageLink } from '../links/site-pages.ts';
import type { StoredRecord } from '../records/definition.ts';
import { shortCouncilName } from '../records/types/activity.ts';
import { DIGEST_WEEKDAY, type ReminderKind, type ReminderPreferences } from './kinds.ts';

/** Actions are flagged this many days before they fall due. */
const ACTION_LEAD_DAYS = 7;
/** Agreements are flagged this many days before their review date. */
const REVIEW_LEAD_DAYS = 30;
/** The quarterly report is flagged in the last two weeks of the quarter. */
const QUARTER_END_LEAD_DAYS = 13;

/** One thing that needs a person, in plain words, with the path of the record it is about. */
export interface ReminderItem {
  kind: ReminderKind;
  /** Unique per record and reason: the sent log's key for this item. */
  key: string;
  regionId: string;
  /** For records of one council: a mayor's office reaches records by council. */
  councilId?: string;
  title: string;
  detail: string;
  /** The page the item links to: the record's or council's page, or the owner's action page. */
  link: PageLink;
  /** Most urgent first: the date it is due or to be reviewed. */
  dueOn: string;
}

/** A sign-off awaiting someone, supplied by the sign-off model (communications, publicity, agreements). */
export interface PendingSignOff extends Omit<ReminderItem, 'kind'> {
  /** Lower-case emails of the people it awaits. */
  awaiting: readonly string[];
}

/** Everything the planner reads; adapters load it from the store, tests build it by hand. */
export interface ReminderWorld {
  people: ReadonlyMap<string, Person>;
  lecGroupNames: ReadonlyMap<string, string>;
  councilNames: ReadonlyMap<string, string>;
  regionNames: ReadonlyMap<string, string>;
  actions: readonly StoredRecord[];
  agreements: readonly StoredRecord[];
  advisers: readonly StoredRecord[];
  /** At least last week's activities. */
  activities: readonly StoredRecord[];
  /** At least this quarter's progress reports. */
  progressReports: readonly StoredRecord[];
  signOffs: readonly PendingSignOff[];
}

export interface ReminderPlan {
  person: Person;
  items: ReminderItem[];
  /** True when every item comes from a kind the person takes weekly: the Monday digest. */
  digestOnly: boolean;
}

const WEEKDAY_DATE = new Intl.DateTimeFormat('en-NZ', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
});

/** "Friday 28 November": dates as New Zealanders write them. */
export function dateInWords(date: string): string {
  return WEEKDAY_DATE.format(new Date(`${date}T00:00:00Z`)).replace(',', '');
}

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

/** "overdue by 3 days (due Monday 24 November)", "due today", "due in 5 days (…)". */
export function whenDue(dueOn: string, today: string, verb = 'due'): string {
  const left = daysBetween(today, dueOn);
  if (left < 0) return `overdue by ${days(-left)} (${verb} ${dateInWords(dueOn)})`;
  if (left === 0) return `${verb} today`;
  return `${verb} in ${days(left)} (${dateInWords(dueOn)})`;
}

function isWeekday(date: string, weekday: number): boolean {
  return new Date(`${date}T00:00:00Z`).getUTCDay() === weekday;
}

/**
 * Who needs to be told what today. Pure: the same world, date and preferences always give the
 * same plans, so "who gets what" is checked offline. Nobody is told about a record outside their
 * reach, and nobody gets an empty email.
 */
export function planReminders(
  world: ReminderWorld,
  today: string,
  preferencesOf: (email: string) => ReminderPreferences,
): ReminderPlan[] {
  const byPerson = new Map<string, ReminderItem[]>();
  const tell = (email: string | undefined, item: ReminderItem) => {
    if (!email) return;
    const person = world.people.get(email.toLowerCase());
    if (!person || !personCanSee(person, { regionId: item.regionId, councilId: item.councilId })) return;
    const items = byPerson.get(person.email) ?? [];
    if (!items.some((i) => i.key === item.key)) items.push(item);
    byPerson.set(person.email, items);
  };

  for (const action of world.actions) {
    const item = actionItem(world, action, today);
    if (item) tell(action.values.ownerEmail as string | undefined, item);
  }
  const adviserEmails = new Map(world.advisers.map((a) => [a.id, String(a.values.email).toLowerCase()]));
  for (const agreement of world.agreements) {
    const item = agreementItem(world, agreement, today);
    if (item) tell(adviserEmails.get(agreement.values.adviserId as string), item);
  }
  for (const signOff of world.signOffs) {
    const { awaiting, ...rest } = signOff;
    for (const email of awaiting) tell(email, { kind: 'sign-offs', ...rest });
  }
  if (isWeekday(today, 1)) {
    for (const [email, item] of missingActivityItems(world, today)) tell(email, item);
  }
  for (const [email, item] of quarterlyReportItems(world, today)) tell(email, item);

  const plans: ReminderPlan[] = [];
  const digestDay = isWeekday(today, DIGEST_WEEKDAY);
  for (const [email, all] of [...byPerson].sort(([a], [b]) => a.localeCompare(b))) {
    const preferences = preferencesOf(email);
    const items = all
      .filter((item) => {
        const cadence = preferences[item.kind];
        return cadence === 'daily' || (cadence === 'weekly' && digestDay);
      })
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key));
    if (items.length === 0) continue;
    plans.push({
      person: world.people.get(email)!,
      items,
      digestOnly: items.every((item) => preferences[item.kind] === 'weekly'),
    });
  }
  return plans;
}

function actionItem(world: ReminderWorld, action: StoredRecord, today: string): ReminderItem | undefined {
  const { values } = action;
  if (action.deletedAt || (values.status !== 'open' && values.status !== 'in-progress')) return undefined;
  const dueOn = values.dueOn as string;
  if (daysBetween(today, dueOn) > ACTION_LEAD_DAYS) return undefined;
  const group = world.lecGroupNames.get(values.lecGroupId as string) ?? (values.lecGroupId as string);
  return {
    kind: 'actions',
    key: `action:${action.id}`,
    regionId: action.regionId,
    title: `${values.title as string} (${group})`,
    detail: `Action ${whenDue(dueOn, today)}; status ${values.status as string}.`,
    link: { page: 'action', id: action.id },
    dueOn,
  };
}

function agreementItem(
  world: ReminderWorld,
  agreement: StoredRecord,
  today: string,
): ReminderItem | undefined {
  const { values } = agreement;
  if (agreement.deletedAt || (values.status !== 'agreed' && values.status !== 'under-review'))
    return undefined;
  const reviewBy = values.reviewBy as string | undefined;
  if (!reviewBy || daysBetween(today, reviewBy) > REVIEW_LEAD_DAYS) return undefined;
  const council = world.councilNames.get(values.councilId as string) ?? (values.councilId as string);
  return {
    kind: 'agreement-reviews',
    key: `agreement-review:${agreement.id}`,
    regionId: agreement.regionId,
    title: `Expectations agreed with ${council}`,
    detail: `Review ${whenDue(reviewBy, today, 'due')}: meet the mayor, review the expectations and record the new review date.`,
    link: { page: 'record', typePath: 'agreements', id: agreement.id },
    dueOn: reviewBy,
  };
}

/** On Mondays: each active adviser with Taskforce councils who recorded nothing for last week. */
function missingActivityItems(world: ReminderWorld, today: string): [string, ReminderItem][] {
  const lastWeek = addDays(today, -7);
  const reported = new Set(
    world.activities
      .filter((a) => !a.deletedAt && a.values.weekStarting === lastWeek)
      .map((a) => a.values.adviserId as string),
  );
  const items: [string, ReminderItem][] = [];
  for (const adviser of world.advisers) {
    const councils = (adviser.values.councilIds as string[]) ?? [];
    if (adviser.deletedAt || adviser.values.active !== true || councils.length === 0) continue;
    if (reported.has(adviser.id)) continue;
    const names = councils.map((id) => `MTFJ ${shortCouncilName(world.councilNames.get(id) ?? id)}`);
    items.push([
      String(adviser.values.email).toLowerCase(),
      {
        kind: 'weekly-activities',
        key: `activities:${adviser.id}:${lastWeek}`,
        regionId: adviser.regionId,
        title: `Your activities for the week starting ${dateInWords(lastWeek)}`,
        detail: `Nothing is recorded yet for that week. Record your work with ${names.join(', ')} (hours and a summary), or an empty week if there was none.`,
        // The adviser's page lists their activities, newest first.
        link: { page: 'record', typePath: 'advisers', id: adviser.id },
        dueOn: addDays(lastWeek, 6),
      },
    ]);
  }
  return items;
}

/** In the last two weeks of a quarter: each regional team member whose region has not submitted. */
function quarterlyReportItems(world: ReminderWorld, today: string): [string, ReminderItem][] {
  const quarter = quarterOf(today);
  const end = quarterRange(quarter).to;
  if (daysBetween(today, end) > QUARTER_END_LEAD_DAYS) return [];
  const submitted = new Set(
    world.progressReports
      .filter((r) => !r.deletedAt && r.values.quarter === quarter && r.values.status === 'submitted')
      .map((r) => r.regionId),
  );
  const items: [string, ReminderItem][] = [];
  for (const person of world.people.values()) {
    if (person.role !== 'regional') continue;
    for (const regionId of person.regionIds) {
      if (submitted.has(regionId)) continue;
      const id = `${regionId}-${quarter.toLowerCase()}`;
      const started = world.progressReports.some((r) => r.id === id && !r.deletedAt);
      items.push([
        person.email,
        {
          kind: 'quarterly-report',
          key: `progress-report:${id}`,
          regionId,
          title: `${world.regionNames.get(regionId) ?? regionId}: progress report for ${quarter}`,
          detail: `The quarterly report to the national group is ${whenDue(end, today, 'due')} and ${started ? 'is still a draft' : 'has not been started'}.`,
          // Not started: the region's page lists its progress reports.
          link: started
            ? { page: 'record', typePath: 'progress-reports', id }
            : { page: 'record', typePath: 'regions', id: regionId },
          dueOn: end,
        },
      ]);
    }
  }
  return items;
}
