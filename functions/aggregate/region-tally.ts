import type { StoredRecord, Values } from '../records/definition.ts';
import { GOALS } from '../records/types/strategy.ts';
import {
  type AsOf,
  actionOpenOn,
  isAgreedOn,
  isTaskforceMemberOn,
  newZealandDay,
  startedBy,
  strategyStatusOn,
} from './as-of.ts';
import { BoundedList, byKeys } from './bounded-list.ts';
import { daysBetween, quarterOf } from './calendar.ts';
import type {
  CommunicationAwaiting,
  OverdueAction,
  PublicityAwaiting,
  StrategyStatus,
} from './snapshot-schema.ts';

type Goal = (typeof GOALS)[number];

export interface WeekTally {
  /** Hours in hundredths: integer sums are exact and do not depend on the order pages arrive in. */
  centiHours: number;
  activities: number;
  advisers: Set<string>;
  councils: Set<string>;
}

export interface PeriodTally {
  people: number;
  youngPeople: number;
  councils: number;
}

type PendingOverdue = Omit<OverdueAction, 'groupName'>;

/**
 * The running figures of one region, folded one record at a time so that memory depends on the
 * number of regions, councils, weeks and quarters, never on the number of records.
 */
export class RegionTally {
  councils = 0;
  readonly memberCouncils = new Set<string>();
  readonly agreedCouncils = new Set<string>();

  readonly strategies: Record<Goal, Record<StrategyStatus, number>> = Object.fromEntries(
    GOALS.map((g) => [g, { proposed: 0, active: 0, completed: 0, discontinued: 0 }]),
  ) as Record<Goal, Record<StrategyStatus, number>>;
  jointlySupported = 0;
  buildsOnExisting = 0;
  peopleIntoWorkOrTraining = 0;
  youngPeopleIntoWorkOrTraining = 0;
  readonly startedByQuarter = new Map<string, number>();
  readonly completedByQuarter = new Map<string, number>();

  readonly weeks = new Map<string, WeekTally>();
  lastWeekReported: string | null = null;
  readonly periods = new Map<string, PeriodTally>();

  lecGroups = 0;
  plansReviewedInLastYear = 0;
  members = 0;
  membersWithSeniorCommitment = 0;
  membersWithCommitmentInBusinessPlan = 0;
  readonly groupNames = new Map<string, string>();

  actionsOpen = 0;
  actionsOverdue = 0;
  readonly overdue: BoundedList<PendingOverdue>;
  publicityAwaiting = 0;
  readonly publicity: BoundedList<PublicityAwaiting>;
  communicationsAwaiting = 0;
  readonly communications: BoundedList<CommunicationAwaiting>;

  practices = 0;
  readonly practicesByQuarter = new Map<string, number>();

  /** Per record type: current records read and the newest change among them. */
  readonly freshness = new Map<string, { records: number; latestUpdatedAt: string }>();

  private readonly weekWindow: Set<string>;
  private readonly quarterWindow: Set<string>;

  constructor(
    readonly regionId: string,
    private readonly basis: AsOf,
  ) {
    const limit = basis.listItemsPerRegion;
    this.overdue = new BoundedList(
      limit,
      byKeys(
        (a) => a.dueOn,
        (a) => a.id,
      ),
    );
    this.publicity = new BoundedList(
      limit,
      byKeys(
        (p) => p.plannedFor ?? '9999-99-99',
        (p) => p.id,
      ),
    );
    this.communications = new BoundedList(
      limit,
      byKeys(
        (c) => c.subject,
        (c) => c.id,
      ),
    );
    this.weekWindow = new Set(basis.weeks);
    this.quarterWindow = new Set(basis.quarters);
  }

  /** Folds one current record into the figures. */
  add(record: StoredRecord): void {
    const fresh = this.freshness.get(record.type);
    if (!fresh) this.freshness.set(record.type, { records: 1, latestUpdatedAt: record.updatedAt });
    else {
      fresh.records += 1;
      if (record.updatedAt > fresh.latestUpdatedAt) fresh.latestUpdatedAt = record.updatedAt;
    }
    FOLDS[record.type]?.(this, record, this.basis);
  }

  /** Overdue actions with their group's name, which may have been read after the action. */
  overdueActions(): OverdueAction[] {
    return this.overdue
      .values()
      .map((a) => ({ ...a, groupName: this.groupNames.get(a.lecGroupId) ?? a.lecGroupId }));
  }

  countQuarter(map: Map<string, number>, date: string): void {
    const quarter = quarterOf(date);
    if (this.quarterWindow.has(quarter)) map.set(quarter, (map.get(quarter) ?? 0) + 1);
  }

  inWeekWindow(week: string): boolean {
    return this.weekWindow.has(week);
  }
}

type Fold = (tally: RegionTally, record: StoredRecord, basis: AsOf) => void;

const str = (values: Values, field: string) => values[field] as string | undefined;
const num = (values: Values, field: string) => (values[field] as number | undefined) ?? 0;

function missingParties(ceg: unknown, taskforce: unknown): ('CEG' | 'Taskforce')[] {
  const missing: ('CEG' | 'Taskforce')[] = [];
  if (ceg !== true) missing.push('CEG');
  if (taskforce !== true) missing.push('Taskforce');
  return missing;
}

/** How each record type feeds the figures. The record types read are exactly these keys. */
export const FOLDS: Record<string, Fold> = {
  council(t, { id, values }, { date }) {
    t.councils += 1;
    if (isTaskforceMemberOn(values, date)) t.memberCouncils.add(id);
  },

  agreement(t, { values }, { date }) {
    if (isAgreedOn(values, date)) t.agreedCouncils.add(values.councilId as string);
  },

  strategy(t, { values }, { date }) {
    const status = strategyStatusOn(values, date);
    t.strategies[values.goal as Goal][status] += 1;
    if (values.jointlySupported === true) t.jointlySupported += 1;
    if (str(values, 'buildsOn')?.trim()) t.buildsOnExisting += 1;
    if (status !== 'proposed') {
      t.peopleIntoWorkOrTraining += num(values, 'peopleIntoWorkOrTraining');
      t.youngPeopleIntoWorkOrTraining += num(values, 'youngPeopleIntoWorkOrTraining');
    }
    const startedOn = str(values, 'startedOn');
    if (status !== 'proposed' && startedOn && startedOn <= date)
      t.countQuarter(t.startedByQuarter, startedOn);
    if (status === 'completed') t.countQuarter(t.completedByQuarter, str(values, 'completedOn')!);
  },

  activity(t, { values }, { date }) {
    const week = values.weekStarting as string;
    if (week > date) return;
    if (!t.lastWeekReported || week > t.lastWeekReported) t.lastWeekReported = week;
    if (!t.inWeekWindow(week)) return;
    let tally = t.weeks.get(week);
    if (!tally) {
      tally = { centiHours: 0, activities: 0, advisers: new Set(), councils: new Set() };
      t.weeks.set(week, tally);
    }
    tally.centiHours += Math.round(num(values, 'hours') * 100);
    tally.activities += 1;
    tally.advisers.add(values.adviserId as string);
    tally.councils.add(values.councilId as string);
  },

  indicator(t, { values }, basis) {
    const period = values.period as string;
    if (period > basis.quarter || !basis.quarters.includes(period)) return;
    let tally = t.periods.get(period);
    if (!tally) {
      tally = { people: 0, youngPeople: 0, councils: 0 };
      t.periods.set(period, tally);
    }
    tally.people += num(values, 'peopleNotInWorkOrTraining');
    tally.youngPeople += num(values, 'youngPeopleNotInWorkOrTraining');
    tally.councils += 1;
  },

  'lec-group'(t, { id, values }, { date, planReviewWindowFrom }) {
    t.groupNames.set(id, values.name as string);
    if (!startedBy(values.establishedOn, date)) return;
    t.lecGroups += 1;
    const reviewed = str(values, 'planReviewedOn');
    if (reviewed && reviewed >= planReviewWindowFrom && reviewed <= date) t.plansReviewedInLastYear += 1;
  },

  membership(t, { values }, { date }) {
    if (!startedBy(values.joinedOn, date)) return;
    t.members += 1;
    if (values.seniorCommitment === true) t.membersWithSeniorCommitment += 1;
    if (values.inBusinessPlan === true) t.membersWithCommitmentInBusinessPlan += 1;
  },

  action(t, { id, regionId, values }, { date }) {
    if (!actionOpenOn(values, date)) return;
    t.actionsOpen += 1;
    const dueOn = values.dueOn as string;
    if (dueOn >= date) return;
    t.actionsOverdue += 1;
    t.overdue.add({
      id,
      regionId,
      lecGroupId: values.lecGroupId as string,
      title: values.title as string,
      // The person once picked; the owner in words until then.
      owner: ((values.ownerEmail ?? values.owner) as string | undefined) ?? '',
      dueOn,
      daysOverdue: daysBetween(dueOn, date),
      status: values.status as OverdueAction['status'],
    });
  },

  publicity(t, { id, regionId, values }) {
    if (values.status === 'published') return;
    const missing = missingParties(values.acknowledgesCeg, values.acknowledgesTaskforce);
    if (missing.length === 0) return;
    t.publicityAwaiting += 1;
    t.publicity.add({
      id,
      regionId,
      strategyId: values.strategyId as string,
      title: values.title as string,
      channel: values.channel as string,
      status: values.status as string,
      plannedFor: str(values, 'plannedFor') ?? null,
      missing,
    });
  },

  communication(t, { id, regionId, values }) {
    if (values.status === 'released') return;
    const missing = missingParties(values.agreedByCeg, values.agreedByTaskforce);
    if (missing.length === 0) return;
    t.communicationsAwaiting += 1;
    t.communications.add({
      id,
      regionId,
      subject: values.subject as string,
      audience: values.audience as string,
      status: values.status as string,
      missing,
    });
  },

  practice(t, { createdAt }, { date }) {
    const day = newZealandDay(createdAt);
    if (day > date) return;
    t.practices += 1;
    t.countQuarter(t.practicesByQuarter, day);
  },
};

/** The record types the rollups read, in a fixed order. */
export const AGGREGATED_TYPES = Object.keys(FOLDS);
