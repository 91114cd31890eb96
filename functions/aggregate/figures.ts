import { GOALS, STRATEGY_STATUSES, type StrategyStatus } from '../records/types/strategy.ts';
import type { AsOf } from './as-of.ts';
import type { RegionTally } from './region-tally.ts';
import type { Figures } from './snapshot-schema.ts';

const sum = (tallies: RegionTally[], pick: (t: RegionTally) => number) =>
  tallies.reduce((total, t) => total + pick(t), 0);

function union<T>(sets: Set<T>[]): Set<T> {
  const all = new Set<T>();
  for (const set of sets) for (const item of set) all.add(item);
  return all;
}

function statusCounts(
  tallies: RegionTally[],
  goals: readonly (typeof GOALS)[number][],
): Record<StrategyStatus, number> {
  return Object.fromEntries(
    STRATEGY_STATUSES.map((status) => [
      status,
      sum(tallies, (t) => goals.reduce((n, g) => n + t.strategies[g][status], 0)),
    ]),
  ) as Record<StrategyStatus, number>;
}

/** Counts per quarter of the trend window, zeros included, so every snapshot has the same keys. */
function perQuarter(
  tallies: RegionTally[],
  pick: (t: RegionTally) => Map<string, number>,
  quarters: string[],
) {
  return Object.fromEntries(quarters.map((q) => [q, sum(tallies, (t) => pick(t).get(q) ?? 0)]));
}

/**
 * The figures of one region (one tally) or of the nation (every tally): counts are summed, and
 * "distinct" counts (advisers, councils) are taken over the union.
 */
export function figuresFrom(tallies: RegionTally[], basis: AsOf): Figures {
  const members = union(tallies.map((t) => t.memberCouncils));
  const agreed = union(tallies.map((t) => t.agreedCouncils));
  const byStatus = statusCounts(tallies, GOALS);
  return {
    councils: {
      total: sum(tallies, (t) => t.councils),
      taskforceMembers: members.size,
      withAgreedExpectations: [...agreed].filter((id) => members.has(id)).length,
    },
    strategies: {
      total: STRATEGY_STATUSES.reduce((n, s) => n + byStatus[s], 0),
      byStatus,
      byGoal: Object.fromEntries(
        GOALS.map((g) => [g, statusCounts(tallies, [g])]),
      ) as Figures['strategies']['byGoal'],
      jointlySupported: sum(tallies, (t) => t.jointlySupported),
      buildsOnExisting: sum(tallies, (t) => t.buildsOnExisting),
      peopleIntoWorkOrTraining: sum(tallies, (t) => t.peopleIntoWorkOrTraining),
      youngPeopleIntoWorkOrTraining: sum(tallies, (t) => t.youngPeopleIntoWorkOrTraining),
      startedByQuarter: perQuarter(tallies, (t) => t.startedByQuarter, basis.quarters),
      completedByQuarter: perQuarter(tallies, (t) => t.completedByQuarter, basis.quarters),
    },
    adviserWork: {
      weeks: basis.weeks.map((weekStarting) => {
        const weeks = tallies.flatMap((t) => {
          const w = t.weeks.get(weekStarting);
          return w ? [w] : [];
        });
        return {
          weekStarting,
          hours: weeks.reduce((n, w) => n + w.centiHours, 0) / 100,
          activities: weeks.reduce((n, w) => n + w.activities, 0),
          advisers: union(weeks.map((w) => w.advisers)).size,
          councils: union(weeks.map((w) => w.councils)).size,
        };
      }),
      lastWeekReported: tallies.reduce<string | null>(
        (latest, t) =>
          t.lastWeekReported && (!latest || t.lastWeekReported > latest) ? t.lastWeekReported : latest,
        null,
      ),
    },
    indicators: {
      periods: basis.quarters.flatMap((period) => {
        const periods = tallies.flatMap((t) => {
          const p = t.periods.get(period);
          return p ? [p] : [];
        });
        if (periods.length === 0) return [];
        return [
          {
            period,
            people: periods.reduce((n, p) => n + p.people, 0),
            youngPeople: periods.reduce((n, p) => n + p.youngPeople, 0),
            councilsReporting: periods.reduce((n, p) => n + p.councils, 0),
          },
        ];
      }),
    },
    lec: {
      groups: sum(tallies, (t) => t.lecGroups),
      plansReviewedInLastYear: sum(tallies, (t) => t.plansReviewedInLastYear),
      members: sum(tallies, (t) => t.members),
      membersWithSeniorCommitment: sum(tallies, (t) => t.membersWithSeniorCommitment),
      membersWithCommitmentInBusinessPlan: sum(tallies, (t) => t.membersWithCommitmentInBusinessPlan),
    },
    actions: {
      open: sum(tallies, (t) => t.actionsOpen),
      overdue: sum(tallies, (t) => t.actionsOverdue),
    },
    publicityAwaitingAcknowledgement: sum(tallies, (t) => t.publicityAwaiting),
    communicationsAwaitingAgreement: sum(tallies, (t) => t.communicationsAwaiting),
    practices: {
      total: sum(tallies, (t) => t.practices),
      addedByQuarter: perQuarter(tallies, (t) => t.practicesByQuarter, basis.quarters),
    },
  };
}
