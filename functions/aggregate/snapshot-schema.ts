import * as z from 'zod/mini';
import { ISO_DATE_SHAPE } from '../domain/iso-date.ts';
import { PARTY_SHORT_NAMES } from '../records/sign-offs.ts';
import { ACTION_STATUSES } from '../records/types/action.ts';
import { COMMUNICATION_STATUSES } from '../records/types/communication.ts';
import { PUBLICITY_CHANNELS, PUBLICITY_STATUSES } from '../records/types/publicity.ts';
import { GOALS, STRATEGY_STATUSES, type StrategyStatus } from '../records/types/strategy.ts';
import { SNAPSHOT_KIND, SNAPSHOT_SCHEMA_VERSION } from './snapshot-files.ts';

/**
 * The dashboard snapshot: every figure the national dashboard shows for one date, nationally and
 * per region. Written nightly as `snapshots/<date>.json`; other consumers rely on its JSON Schema
 * (`snapshots/snapshot.schema.json`, `GET /v1/dashboard/schema`), so change it by adding fields,
 * and bump `schemaVersion` for anything else.
 */

export { SNAPSHOT_KIND, SNAPSHOT_SCHEMA_VERSION } from './snapshot-files.ts';
/** Longest list of items kept per region and list; totals are always complete. */
export const LIST_ITEMS_PER_REGION = 50;
/** Report weeks and indicator quarters shown as trends. */
export const TREND_WEEKS = 12;
export const TREND_QUARTERS = 12;

const count = z.number().check(z.int(), z.gte(0));
const isoDate = z.string().check(z.regex(ISO_DATE_SHAPE)).check(z.describe('A date, YYYY-MM-DD'));
const quarter = z
  .string()
  .check(z.regex(/^\d{4}-Q[1-4]$/))
  .check(z.describe('A quarter, like 2026-Q3'));
const id = z.string().check(z.minLength(1));

// The enums below are the record definitions' own, so a status added or renamed there shows here.
const statusCounts = z.object(
  Object.fromEntries(STRATEGY_STATUSES.map((s) => [s, count])) as Record<StrategyStatus, typeof count>,
);
/** Whose acknowledgement or agreement a list item still lacks, as the dashboard names the parties. */
const missingParty = z.enum([PARTY_SHORT_NAMES.ceg, PARTY_SHORT_NAMES.taskforce]);

const weekFigures = z.object({
  weekStarting: isoDate.check(z.describe('The Monday of the report week')),
  hours: z.number().check(z.gte(0), z.describe('Adviser hours recorded for the week, to two decimal places')),
  activities: count.check(z.describe('Activity lines recorded for the week')),
  advisers: count.check(z.describe('Distinct advisers with an activity that week')),
  councils: count.check(z.describe('Distinct councils worked with that week')),
});

const periodFigures = z.object({
  period: quarter,
  people: count.check(
    z.describe('People not in work or training, all ages, summed over the councils that reported'),
  ),
  youngPeople: count.check(z.describe('Young people under 25 not in work or training, among them')),
  councilsReporting: count.check(z.describe('Councils with an indicator for the period')),
});

/** The same figures, nationally and for each region. */
export const figuresSchema = z.object({
  councils: z.object({
    total: count,
    taskforceMembers: count.check(
      z.describe('Councils whose mayor is a Taskforce member on the snapshot date'),
    ),
    withAgreedExpectations: count.check(
      z.describe('Taskforce member councils with an agreement of status "agreed"'),
    ),
  }),
  strategies: z.object({
    total: count,
    byStatus: statusCounts,
    byGoal: z.object(
      Object.fromEntries(GOALS.map((g) => [g, statusCounts])) as Record<
        (typeof GOALS)[number],
        typeof statusCounts
      >,
    ),
    jointlySupported: count,
    buildsOnExisting: count.check(
      z.describe('Strategies that name existing infrastructure, a network or a project they build on'),
    ),
    peopleIntoWorkOrTraining: count,
    youngPeopleIntoWorkOrTraining: count,
    startedByQuarter: z
      .record(quarter, count)
      .check(z.describe('Strategies by the quarter of their start date')),
    completedByQuarter: z
      .record(quarter, count)
      .check(z.describe('Strategies by the quarter of their completion date')),
  }),
  adviserWork: z.object({
    weeks: z
      .array(weekFigures)
      .check(z.describe(`The ${TREND_WEEKS} report weeks ending with the snapshot's week, oldest first`)),
    lastWeekReported: z
      .nullable(isoDate)
      .check(z.describe('The latest report week with an activity, on or before the snapshot date')),
  }),
  indicators: z.object({
    periods: z
      .array(periodFigures)
      .check(z.describe(`Up to ${TREND_QUARTERS} quarters ending with the snapshot's quarter, oldest first`)),
  }),
  lec: z.object({
    groups: count,
    plansReviewedInLastYear: count.check(
      z.describe('Groups whose strategic plan was reviewed in the 365 days up to the snapshot date'),
    ),
    members: count,
    membersWithSeniorCommitment: count,
    membersWithCommitmentInBusinessPlan: count,
  }),
  actions: z.object({
    open: count.check(z.describe('Actions not done or cancelled on the snapshot date')),
    overdue: count.check(z.describe('Open actions due before the snapshot date')),
  }),
  publicityAwaitingAcknowledgement: count,
  communicationsAwaitingAgreement: count,
  practices: z.object({
    total: count,
    addedByQuarter: z
      .record(quarter, count)
      .check(z.describe('Practices by the quarter they were added to the knowledge base')),
  }),
});

export const overdueActionSchema = z.object({
  id,
  regionId: id,
  lecGroupId: id,
  groupName: z.string(),
  title: z.string(),
  owner: z.string(),
  dueOn: isoDate,
  daysOverdue: z.number().check(z.int(), z.gte(1)),
  status: z.enum(ACTION_STATUSES),
});

export const publicityAwaitingSchema = z.object({
  id,
  regionId: id,
  strategyId: id,
  title: z.string(),
  channel: z.enum(PUBLICITY_CHANNELS),
  status: z.enum(PUBLICITY_STATUSES),
  plannedFor: z.nullable(isoDate),
  missing: z.array(missingParty).check(z.describe('Whose acknowledgement is missing')),
});

export const communicationAwaitingSchema = z.object({
  id,
  regionId: id,
  subject: z.string(),
  audience: z.string(),
  status: z.enum(COMMUNICATION_STATUSES),
  missing: z.array(missingParty).check(z.describe('Whose agreement is missing')),
});

const regionSummarySchema = z.object({
  id,
  name: z.string(),
  cegRegion: z.boolean(),
  expectedToReport: z.boolean().check(z.describe('A CEG region with at least one Taskforce member council')),
  reportedThisWeek: z.boolean(),
  lastWeekReported: z.nullable(isoDate),
});

export const snapshotSchema = z
  .object({
    kind: z.literal(SNAPSHOT_KIND),
    schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
    date: isoDate.check(z.describe('The date the figures describe, in New Zealand')),
    generatedAt: z
      .string()
      .check(z.describe('When this file was written (ISO timestamp); the only field a re-run may change')),
    basis: z.object({
      reportWeek: isoDate.check(z.describe("The Monday of the snapshot date's week")),
      previousReportWeek: isoDate,
      quarter,
      weeks: z.array(isoDate),
      quarters: z.array(quarter),
      planReviewWindowFrom: isoDate.check(
        z.describe('Plans reviewed on or after this date count as reviewed in the last year'),
      ),
      listItemsPerRegion: count,
    }),
    goals: z.array(z.object({ id: z.enum(GOALS), words: z.string() })),
    regions: z.array(regionSummarySchema),
    national: figuresSchema,
    byRegion: z.record(id, figuresSchema),
    lists: z.object({
      overdueActions: z.array(overdueActionSchema),
      publicityAwaitingAcknowledgement: z.array(publicityAwaitingSchema),
      communicationsAwaitingAgreement: z.array(communicationAwaitingSchema),
      regionsNotReporting: z.array(
        z.object({ regionId: id, name: z.string(), lastWeekReported: z.nullable(isoDate) }),
      ),
    }),
    freshness: z
      .array(z.object({ type: z.string(), regionId: id, records: count, latestUpdatedAt: z.string() }))
      .check(
        z.describe(
          'For each record type and region: how many current records and when the newest last changed',
        ),
      ),
    recordsRead: count,
    listsLimitedToRegions: z
      .optional(z.array(id))
      .check(
        z.describe(
          'Present when the lists were cut to the regions the reader may see; figures are never cut',
        ),
      ),
  })
  .check(z.describe('Partnership Records dashboard snapshot'));

export type Snapshot = z.infer<typeof snapshotSchema>;
export type Figures = z.infer<typeof figuresSchema>;
export type MissingParty = z.infer<typeof missingParty>;
export type OverdueAction = z.infer<typeof overdueActionSchema>;
export type PublicityAwaiting = z.infer<typeof publicityAwaitingSchema>;
export type CommunicationAwaiting = z.infer<typeof communicationAwaitingSchema>;

/** The snapshot's JSON Schema, for consumers outside this code base. */
export function snapshotJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://partnership-records.example.nz/schemas/dashboard-snapshot.json',
    ...z.toJSONSchema(snapshotSchema, { target: 'draft-2020-12', io: 'output' }),
  };
}
