import { NATIONAL, NATIONAL_NAME } from './areas.ts';
import type { Cell } from './csv.ts';
import type { Figures, Snapshot } from './snapshot-schema.ts';

/** One table of a snapshot, as written to `snapshots/<date>/<name>.csv`. */
export interface SnapshotTable {
  name: string;
  columns: string[];
  rows: Cell[][];
}

/** The national figures first, then each region's, with the area's id and name. */
function areas(s: Snapshot): { id: string; name: string; figures: Figures }[] {
  return [
    { id: NATIONAL, name: NATIONAL_NAME, figures: s.national },
    ...s.regions.map((r) => ({ id: r.id, name: r.name, figures: s.byRegion[r.id]! })),
  ];
}

/** Every table in a snapshot: the per-area figures, the trends and the lists. */
export function snapshotTables(s: Snapshot): SnapshotTable[] {
  const regionById = new Map(s.regions.map((r) => [r.id, r]));
  const week = (f: Figures, monday: string) => f.adviserWork.weeks.find((w) => w.weekStarting === monday);
  const thisWeek = (f: Figures) => week(f, s.basis.reportWeek);
  const lastWeek = (f: Figures) => week(f, s.basis.previousReportWeek);
  return [
    {
      name: 'areas',
      columns: [
        'area_id',
        'area',
        'expected_to_report',
        'reported_this_week',
        'last_week_reported',
        'councils',
        'taskforce_member_councils',
        'councils_with_agreed_expectations',
        'strategies',
        'strategies_proposed',
        'strategies_active',
        'strategies_completed',
        'strategies_discontinued',
        'strategies_jointly_supported',
        'strategies_building_on_existing_work',
        'people_into_work_or_training',
        'young_people_into_work_or_training',
        'adviser_hours_this_week',
        'activities_this_week',
        'adviser_hours_last_week',
        'activities_last_week',
        'lec_groups',
        'lec_plans_reviewed_in_last_year',
        'lec_members',
        'lec_members_with_senior_commitment',
        'lec_members_with_commitment_in_business_plan',
        'actions_open',
        'actions_overdue',
        'publicity_awaiting_acknowledgement',
        'communications_awaiting_agreement',
        'practices',
      ],
      rows: areas(s).map(({ id, name, figures: f }) => {
        const region = regionById.get(id);
        return [
          id,
          name,
          region?.expectedToReport ?? null,
          region?.reportedThisWeek ?? null,
          region ? region.lastWeekReported : f.adviserWork.lastWeekReported,
          f.councils.total,
          f.councils.taskforceMembers,
          f.councils.withAgreedExpectations,
          f.strategies.total,
          f.strategies.byStatus.proposed,
          f.strategies.byStatus.active,
          f.strategies.byStatus.completed,
          f.strategies.byStatus.discontinued,
          f.strategies.jointlySupported,
          f.strategies.buildsOnExisting,
          f.strategies.peopleIntoWorkOrTraining,
          f.strategies.youngPeopleIntoWorkOrTraining,
          thisWeek(f)?.hours ?? 0,
          thisWeek(f)?.activities ?? 0,
          lastWeek(f)?.hours ?? 0,
          lastWeek(f)?.activities ?? 0,
          f.lec.groups,
          f.lec.plansReviewedInLastYear,
          f.lec.members,
          f.lec.membersWithSeniorCommitment,
          f.lec.membersWithCommitmentInBusinessPlan,
          f.actions.open,
          f.actions.overdue,
          f.publicityAwaitingAcknowledgement,
          f.communicationsAwaitingAgreement,
          f.practices.total,
        ];
      }),
    },
    {
      name: 'strategies-by-goal',
      columns: ['area_id', 'goal', 'status', 'strategies'],
      rows: areas(s).flatMap(({ id, figures }) =>
        Object.entries(figures.strategies.byGoal).flatMap(([goal, counts]) =>
          Object.entries(counts).map(([status, n]) => [id, goal, status, n]),
        ),
      ),
    },
    {
      name: 'adviser-work',
      columns: ['area_id', 'week_starting', 'hours', 'activities', 'advisers', 'councils'],
      rows: areas(s).flatMap(({ id, figures }) =>
        figures.adviserWork.weeks.map((w) => [
          id,
          w.weekStarting,
          w.hours,
          w.activities,
          w.advisers,
          w.councils,
        ]),
      ),
    },
    {
      name: 'indicators',
      columns: [
        'area_id',
        'period',
        'people_not_in_work_or_training',
        'young_people_not_in_work_or_training',
        'councils_reporting',
      ],
      rows: areas(s).flatMap(({ id, figures }) =>
        figures.indicators.periods.map((p) => [id, p.period, p.people, p.youngPeople, p.councilsReporting]),
      ),
    },
    {
      name: 'quarters',
      columns: ['area_id', 'quarter', 'strategies_started', 'strategies_completed', 'practices_added'],
      rows: areas(s).flatMap(({ id, figures: f }) =>
        s.basis.quarters.map((q) => [
          id,
          q,
          f.strategies.startedByQuarter[q] ?? 0,
          f.strategies.completedByQuarter[q] ?? 0,
          f.practices.addedByQuarter[q] ?? 0,
        ]),
      ),
    },
    {
      name: 'overdue-actions',
      columns: ['region_id', 'lec_group', 'title', 'owner', 'due_on', 'days_overdue', 'status', 'action_id'],
      rows: s.lists.overdueActions.map((a) => [
        a.regionId,
        a.groupName,
        a.title,
        a.owner,
        a.dueOn,
        a.daysOverdue,
        a.status,
        a.id,
      ]),
    },
    {
      name: 'publicity-awaiting-acknowledgement',
      columns: [
        'region_id',
        'title',
        'channel',
        'status',
        'planned_for',
        'missing_acknowledgement',
        'strategy_id',
        'publicity_id',
      ],
      rows: s.lists.publicityAwaitingAcknowledgement.map((p) => [
        p.regionId,
        p.title,
        p.channel,
        p.status,
        p.plannedFor,
        p.missing.join(' and '),
        p.strategyId,
        p.id,
      ]),
    },
    {
      name: 'communications-awaiting-agreement',
      columns: ['region_id', 'subject', 'audience', 'status', 'missing_agreement', 'communication_id'],
      rows: s.lists.communicationsAwaitingAgreement.map((c) => [
        c.regionId,
        c.subject,
        c.audience,
        c.status,
        c.missing.join(' and '),
        c.id,
      ]),
    },
    {
      name: 'regions-not-reporting',
      columns: ['region_id', 'region', 'last_week_reported'],
      rows: s.lists.regionsNotReporting.map((r) => [r.regionId, r.name, r.lastWeekReported]),
    },
    {
      name: 'freshness',
      columns: ['record_type', 'region_id', 'records', 'latest_updated_at'],
      rows: s.freshness.map((f) => [f.type, f.regionId, f.records, f.latestUpdatedAt]),
    },
  ];
}
