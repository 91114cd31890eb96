import type * as z from 'zod/mini';
import {
  type RecordDefinition,
  type StoredRecord,
  type StoredRecordOf,
  storedRecordOf,
} from '../records/definition.ts';
import { action } from '../records/types/action.ts';
import { activity } from '../records/types/activity.ts';
import { agreement } from '../records/types/agreement.ts';
import { communication } from '../records/types/communication.ts';
import { council } from '../records/types/council.ts';
import { indicator } from '../records/types/indicator.ts';
import { lecGroup } from '../records/types/lec-group.ts';
import { membership } from '../records/types/membership.ts';
import { practice } from '../records/types/practice.ts';
import { publicity } from '../records/types/publicity.ts';
import { strategy } from '../records/types/strategy.ts';
import {
  type AsOf,
  actionOpenOn,
  isAgreedOn,
  isTaskforceMemberOn,
  newZealandDay,
  startedBy,
  strategyStatusOn,
} from './as-of.ts';
import { daysBetween } from './calendar.ts';
import type { RegionTally } from './region-tally.ts';
import type { MissingParty } from './snapshot-schema.ts';

/**
 * What each record type contributes to the dashboard, declared against its record definition: how
 * one record is folded into a region's running figures (RegionTally). Each fold reads the values
 * as its definition types them, so a field renamed, retyped or dropped in a definition, or a status
 * it no longer has, fails to compile here. The record types the rollups read are exactly these
 * definitions, in this order; the trend series (trends.ts) are keyed by them too.
 */

/** One record type's contribution, as the rollups call it with the records the store returns. */
export interface Contribution<T extends string = string> {
  type: T;
  fold(tally: RegionTally, record: StoredRecord, basis: AsOf): void;
}

/** Declares a contribution whose fold sees the record typed by its definition. */
export function contributionOf<S extends z.ZodMiniObject, T extends string, F extends string>(
  definition: RecordDefinition<S, T, F>,
  fold: (tally: RegionTally, record: StoredRecordOf<RecordDefinition<S, T, F>>, basis: AsOf) => void,
): Contribution<T> {
  return {
    type: definition.type,
    fold: (tally, record, basis) => fold(tally, storedRecordOf(definition, record), basis),
  };
}

/** The parties named by the flags that are not yet true (a flag per party, CEG first). */
function missingParties(ceg: boolean | undefined, taskforce: boolean | undefined): MissingParty[] {
  const missing: MissingParty[] = [];
  if (ceg !== true) missing.push('CEG');
  if (taskforce !== true) missing.push('Taskforce');
  return missing;
}

const CONTRIBUTIONS = [
  contributionOf(council, (t, { id, values }, { date }) => {
    t.councils += 1;
    if (isTaskforceMemberOn(values, date)) t.memberCouncils.add(id);
  }),

  contributionOf(agreement, (t, { values }, { date }) => {
    if (isAgreedOn(values, date)) t.agreedCouncils.add(values.councilId);
  }),

  contributionOf(strategy, (t, { values }, { date }) => {
    const status = strategyStatusOn(values, date);
    t.strategies[values.goal][status] += 1;
    if (values.jointlySupported === true) t.jointlySupported += 1;
    if (values.buildsOn?.trim()) t.buildsOnExisting += 1;
    if (status !== 'proposed') {
      t.peopleIntoWorkOrTraining += values.peopleIntoWorkOrTraining ?? 0;
      t.youngPeopleIntoWorkOrTraining += values.youngPeopleIntoWorkOrTraining ?? 0;
    }
    const startedOn = values.startedOn;
    if (status !== 'proposed' && startedOn && startedOn <= date)
      t.countQuarter(t.startedByQuarter, startedOn);
    if (status === 'completed') t.countQuarter(t.completedByQuarter, values.completedOn!);
  }),

  contributionOf(activity, (t, { values }, { date }) => {
    const week = values.weekStarting;
    if (week > date) return;
    if (!t.lastWeekReported || week > t.lastWeekReported) t.lastWeekReported = week;
    if (!t.inWeekWindow(week)) return;
    let tally = t.weeks.get(week);
    if (!tally) {
      tally = { centiHours: 0, activities: 0, advisers: new Set(), councils: new Set() };
      t.weeks.set(week, tally);
    }
    tally.centiHours += Math.round(values.hours * 100);
    tally.activities += 1;
    tally.advisers.add(values.adviserId);
    tally.councils.add(values.councilId);
  }),

  contributionOf(indicator, (t, { values }, basis) => {
    const period = values.period;
    if (period > basis.quarter || !basis.quarters.includes(period)) return;
    let tally = t.periods.get(period);
    if (!tally) {
      tally = { people: 0, youngPeople: 0, councils: 0 };
      t.periods.set(period, tally);
    }
    tally.people += values.peopleNotInWorkOrTraining;
    tally.youngPeople += values.youngPeopleNotInWorkOrTraining;
    tally.councils += 1;
  }),

  contributionOf(lecGroup, (t, { id, values }, { date, planReviewWindowFrom }) => {
    t.groupNames.set(id, values.name);
    if (!startedBy(values.establishedOn, date)) return;
    t.lecGroups += 1;
    const reviewed = values.planReviewedOn;
    if (reviewed && reviewed >= planReviewWindowFrom && reviewed <= date) t.plansReviewedInLastYear += 1;
  }),

  contributionOf(membership, (t, { values }, { date }) => {
    if (!startedBy(values.joinedOn, date)) return;
    t.members += 1;
    if (values.seniorCommitment === true) t.membersWithSeniorCommitment += 1;
    if (values.inBusinessPlan === true) t.membersWithCommitmentInBusinessPlan += 1;
  }),

  contributionOf(action, (t, { id, regionId, values }, { date }) => {
    if (!actionOpenOn(values, date)) return;
    t.actionsOpen += 1;
    const dueOn = values.dueOn;
    if (dueOn >= date) return;
    t.actionsOverdue += 1;
    t.overdue.add({
      id,
      regionId,
      lecGroupId: values.lecGroupId,
      title: values.title,
      // The person once picked; the owner in words until then.
      owner: values.ownerEmail ?? values.owner ?? '',
      dueOn,
      daysOverdue: daysBetween(dueOn, date),
      status: values.status,
    });
  }),

  contributionOf(publicity, (t, { id, regionId, values }) => {
    if (values.status === 'published') return;
    // Named by whose acknowledgement the text still lacks.
    const missing = missingParties(values.acknowledgesCeg, values.acknowledgesTaskforce);
    if (missing.length === 0) return;
    t.publicityAwaiting += 1;
    t.publicity.add({
      id,
      regionId,
      strategyId: values.strategyId,
      title: values.title,
      channel: values.channel,
      status: values.status,
      plannedFor: values.plannedFor ?? null,
      missing,
    });
  }),

  contributionOf(communication, (t, { id, regionId, values }) => {
    if (values.status === 'released') return;
    const missing = missingParties(values.agreedByCeg, values.agreedByTaskforce);
    if (missing.length === 0) return;
    t.communicationsAwaiting += 1;
    t.communications.add({
      id,
      regionId,
      subject: values.subject,
      audience: values.audience,
      status: values.status,
      missing,
    });
  }),

  contributionOf(practice, (t, { createdAt }, { date }) => {
    const day = newZealandDay(createdAt);
    if (day > date) return;
    t.practices += 1;
    t.countQuarter(t.practicesByQuarter, day);
  }),
] as const;

/** The record types the rollups read. */
export type AggregatedType = (typeof CONTRIBUTIONS)[number]['type'];

/** The record types the rollups read, in a fixed order. */
export const AGGREGATED_TYPES: readonly AggregatedType[] = CONTRIBUTIONS.map((c) => c.type);

const byType = new Map<string, Contribution>(CONTRIBUTIONS.map((c) => [c.type, c]));

/** The contribution of a record type, or undefined for a type the dashboard does not count. */
export function contributionFor(type: string): Contribution | undefined {
  return byType.get(type);
}
