import { quarterOf, quarterRange } from '../aggregate/calendar.ts';
import { NotFoundError } from '../domain/errors.ts';
import { newZealandDate } from '../domain/new-zealand-day.ts';
import { type Principal, requireReadRegion } from '../domain/principal.ts';
import type { RecordRepository } from '../domain/record-repository.ts';
import { awaitingForParty } from '../domain/sign-off-queries.ts';
import type { UserDirectory } from '../domain/user-directory.ts';
import type { StoredRecord } from '../records/definition.ts';
import { PARTIES, PARTY_SHORT_NAMES, type Party, type SignOffState } from '../records/sign-offs.ts';
import { shortCouncilName } from '../records/types/activity.ts';
import { GOAL_WORDS, GOALS, STRATEGY_STATUSES } from '../records/types/strategy.ts';
import { dateInWords } from './display.ts';

export interface Named {
  id: string;
  name: string;
}

/** One party's sign-off of the agreement, in words. */
export interface AgreementSignOff {
  party: Party;
  partyName: string;
  words: string;
  given: boolean;
}

/** The partnership with one Taskforce council, as both parties see it. */
export interface CouncilPageView {
  council: {
    id: string;
    name: string;
    kind: string;
    regionId: string;
    regionName: string;
    mayor?: string;
    taskforceMember: boolean;
    /** "Member of the Mayors Taskforce for Jobs since 12 May 2001", or that it is not a member. */
    membership: string;
  };
  /** The mayor's office people who sign in for this council. */
  mayorsOffice: { name?: string; email: string }[];
  advisers: (Named & { email?: string })[];
  agreement?: {
    id: string;
    status: string;
    expectations: string;
    reviewBy?: string;
    agreedOn?: string;
    signOffs: AgreementSignOff[];
  };
  needs: (Named & { kind: string; identifiedOn?: string })[];
  /** Every goal, each with its strategies by status (in the dashboard's order). */
  strategies: {
    goal: string;
    goalWords: string;
    byStatus: { status: string; items: (Named & { jointlySupported: boolean })[] }[];
  }[];
  /** This quarter's hours of work with the council, recorded as "MTFJ <council>". */
  hours: {
    quarter: string;
    from: string;
    to: string;
    project: string;
    byAdviser: { adviserId: string; name: string; hours: number; activities: number }[];
    total: number;
  };
  progressReport?: { id: string; quarter: string; status: string; summary?: string; submittedOn?: string };
  indicators: { id: string; period: string; people?: number; youngPeople?: number; source?: string }[];
  /** What awaits either party's sign-off among this council's records. */
  awaiting: {
    party: Party;
    partyName: string;
    typePath: string;
    id: string;
    title: string;
    requestedOf?: string;
  }[];
}

const PAGE = 500;
/** At most this many pages of a council's activities are read for one quarter. */
const MAX_ACTIVITY_PAGES = 10;

function signOffWords(state: SignOffState | undefined): { words: string; given: boolean } {
  if (!state) return { words: 'not asked yet', given: false };
  if (state.state === 'given' && state.given) {
    return {
      words: `agreed by ${state.given.by} on ${dateInWords(state.given.at.slice(0, 10))}`,
      given: true,
    };
  }
  const asked = state.requestedOf ? `, asked of ${state.requestedOf}` : '';
  const why = state.reopened?.reason === 'changed' ? ' (the text changed after it was agreed)' : '';
  const notYet = state.notYet ? `; not yet: "${state.notYet.comment}" (${state.notYet.by})` : '';
  return { words: `not agreed yet${asked}${why}${notYet}`, given: false };
}

/**
 * A Taskforce council's partnership in one place. Whoever reaches the council (its mayor's
 * office, CEG staff of its region, national people of either party) gets the very same facts:
 * the page reads them for the council, not through the viewer's reach of each record type, and
 * shows nothing else (an adviser's name and hours with this council, not their other work).
 */
export class CouncilPages {
  constructor(
    private readonly store: RecordRepository,
    private readonly directory: UserDirectory,
  ) {}

  async councilPage(
    principal: Principal,
    councilId: string,
    today = newZealandDate(),
  ): Promise<CouncilPageView> {
    const council = await this.store.get('council', councilId);
    if (!council || council.deletedAt) throw new NotFoundError(`There is no council with id "${councilId}".`);
    requireReadRegion(principal, { regionId: council.regionId, councilId }, 'the partnership page');

    const quarter = quarterOf(today);
    const range = quarterRange(quarter);
    const byCouncil = (type: string, limit = PAGE) =>
      this.store.list({ type, regionId: council.regionId, councilId, limit, newestFirst: true });
    const [
      region,
      agreements,
      needs,
      strategies,
      indicators,
      advisers,
      reports,
      activities,
      users,
      awaiting,
    ] = await Promise.all([
      this.store.get('region', council.regionId),
      byCouncil('agreement'),
      byCouncil('need'),
      byCouncil('strategy'),
      byCouncil('indicator', 40),
      this.store.list({ type: 'adviser', regionId: council.regionId, limit: PAGE, newestFirst: true }),
      this.store.list({ type: 'progress-report', regionId: council.regionId, limit: 40, newestFirst: true }),
      this.activitiesOf(council, range.from, range.to),
      this.directory.listUsers(),
      Promise.all(PARTIES.map((party) => awaitingForParty(this.store, party, { councilIds: [councilId] }))),
    ]);
    const live = (records: StoredRecord[]) => records.filter((r) => !r.deletedAt);
    const v = council.values;
    const name = v.name as string;

    const adviserRecords = live(advisers.items).filter((a) =>
      ((a.values.councilIds as string[] | undefined) ?? []).includes(councilId),
    );
    const adviserName = new Map(live(advisers.items).map((a) => [a.id, a.values.name as string]));
    const hoursBy = new Map<string, { hours: number; activities: number }>();
    for (const a of activities) {
      const entry = hoursBy.get(a.values.adviserId as string) ?? { hours: 0, activities: 0 };
      entry.hours += Number(a.values.hours ?? 0);
      entry.activities += 1;
      hoursBy.set(a.values.adviserId as string, entry);
    }
    const agreement = live(agreements.items).sort((a, b) =>
      agreementRank(a).localeCompare(agreementRank(b)),
    )[0];
    const report = live(reports.items).sort((a, b) =>
      String(b.values.quarter).localeCompare(String(a.values.quarter)),
    )[0];

    return {
      council: {
        id: council.id,
        name,
        kind: v.kind as string,
        regionId: council.regionId,
        regionName: (region?.values.name as string | undefined) ?? council.regionId,
        ...(v.mayor ? { mayor: v.mayor as string } : {}),
        taskforceMember: v.taskforceMember === true,
        membership:
          v.taskforceMember === true
            ? `Member of the Mayors Taskforce for Jobs${v.memberSince ? ` since ${dateInWords(v.memberSince as string)}` : ''}`
            : 'Not a member of the Mayors Taskforce for Jobs: CEG records no agreements, strategies or activities for it.',
      },
      mayorsOffice: users
        .filter((u) => u.kind === 'user' && u.role === 'council' && (u.councilIds ?? []).includes(councilId))
        .map((u) => ({ email: u.key, ...(u.name ? { name: u.name } : {}) }))
        .sort((a, b) => a.email.localeCompare(b.email)),
      advisers: adviserRecords
        .filter((a) => a.values.active !== false)
        .map((a) => ({
          id: a.id,
          name: a.values.name as string,
          email: a.values.email as string | undefined,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      ...(agreement
        ? {
            agreement: {
              id: agreement.id,
              status: agreement.values.status as string,
              expectations: agreement.values.expectations as string,
              ...(agreement.values.reviewBy ? { reviewBy: agreement.values.reviewBy as string } : {}),
              ...(agreement.values.agreedOn ? { agreedOn: agreement.values.agreedOn as string } : {}),
              signOffs: PARTIES.map((party) => ({
                party,
                partyName: PARTY_SHORT_NAMES[party],
                ...signOffWords(agreement.signOffs?.[party]),
              })),
            },
          }
        : {}),
      needs: live(needs.items)
        .filter((n) => n.values.status === 'open')
        .map((n) => ({
          id: n.id,
          name: n.values.title as string,
          kind: n.values.kind as string,
          ...(n.values.identifiedOn ? { identifiedOn: n.values.identifiedOn as string } : {}),
        })),
      strategies: GOALS.map((goal) => ({
        goal,
        goalWords: GOAL_WORDS[goal],
        byStatus: STRATEGY_STATUSES.map((status) => ({
          status,
          items: live(strategies.items)
            .filter((s) => s.values.goal === goal && s.values.status === status)
            .map((s) => ({
              id: s.id,
              name: s.values.title as string,
              jointlySupported: s.values.jointlySupported === true,
            })),
        })).filter((g) => g.items.length > 0),
      })),
      hours: {
        quarter,
        from: range.from,
        to: range.to,
        project: `MTFJ ${shortCouncilName(name)}`,
        byAdviser: [...hoursBy]
          .map(([adviserId, h]) => ({ adviserId, name: adviserName.get(adviserId) ?? adviserId, ...h }))
          .sort((a, b) => b.hours - a.hours || a.name.localeCompare(b.name)),
        total: [...hoursBy.values()].reduce((sum, h) => sum + h.hours, 0),
      },
      ...(report
        ? {
            progressReport: {
              id: report.id,
              quarter: report.values.quarter as string,
              status: report.values.status as string,
              ...(report.values.summary ? { summary: report.values.summary as string } : {}),
              ...(report.values.submittedOn ? { submittedOn: report.values.submittedOn as string } : {}),
            },
          }
        : {}),
      indicators: live(indicators.items)
        .sort((a, b) => String(b.values.period).localeCompare(String(a.values.period)))
        .slice(0, 4)
        .map((i) => ({
          id: i.id,
          period: i.values.period as string,
          ...(i.values.peopleNotInWorkOrTraining !== undefined
            ? { people: i.values.peopleNotInWorkOrTraining as number }
            : {}),
          ...(i.values.youngPeopleNotInWorkOrTraining !== undefined
            ? { youngPeople: i.values.youngPeopleNotInWorkOrTraining as number }
            : {}),
          ...(i.values.source ? { source: i.values.source as string } : {}),
        })),
      awaiting: awaiting.flat().map((a) => ({
        party: a.party,
        partyName: PARTY_SHORT_NAMES[a.party],
        typePath: a.path,
        id: a.id,
        title: a.title,
        ...(a.requestedOf ? { requestedOf: a.requestedOf } : {}),
      })),
    };
  }

  /** The council's activities of weeks starting within the range, reading newest first until before it. */
  private async activitiesOf(council: StoredRecord, from: string, to: string): Promise<StoredRecord[]> {
    const found: StoredRecord[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_ACTIVITY_PAGES; page++) {
      const result = await this.store.list({
        type: 'activity',
        regionId: council.regionId,
        councilId: council.id,
        limit: PAGE,
        cursor,
      });
      for (const a of result.items) {
        const week = a.values.weekStarting as string;
        if (!a.deletedAt && week >= from && week <= to) found.push(a);
      }
      if (!result.more) break;
      cursor = result.cursor;
    }
    return found;
  }
}

/** The agreement a council page shows: a live one (agreed or under review) before drafts and ended ones. */
function agreementRank(a: StoredRecord): string {
  const order = ['agreed', 'under-review', 'draft', 'ended'].indexOf(a.values.status as string);
  return `${order}#${9e15 - Date.parse(a.updatedAt)}`;
}
