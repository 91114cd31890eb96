import type { StoredRecord } from '../records/definition.ts';
import { GOALS, STRATEGY_STATUSES, type StrategyStatus } from '../records/types/strategy.ts';
import type { AsOf } from './as-of.ts';
import { BoundedList, byKeys } from './bounded-list.ts';
import { quarterOf } from './calendar.ts';
import { contributionFor } from './record-contributions.ts';
import type { CommunicationAwaiting, OverdueAction, PublicityAwaiting } from './snapshot-schema.ts';

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
 * number of regions, councils, weeks and quarters, never on the number of records. What each
 * record type adds is declared with its definition's types in record-contributions.ts.
 */
export class RegionTally {
  councils = 0;
  readonly memberCouncils = new Set<string>();
  readonly agreedCouncils = new Set<string>();

  readonly strategies: Record<Goal, Record<StrategyStatus, number>> = Object.fromEntries(
    GOALS.map((g) => [g, Object.fromEntries(STRATEGY_STATUSES.map((s) => [s, 0]))]),
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
    contributionFor(record.type)?.fold(this, record, this.basis);
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
