import * as z from 'zod/mini';
import { ISO_DATE_SHAPE } from '../domain/iso-date.ts';
import type { QuarterlyReport } from './quarterly-report.ts';
import { overdueActionSchema, snapshotSchema } from './snapshot-schema.ts';

/**
 * The quarterly report's shape as a schema, for the API's contract. Built from the snapshot's own
 * parts; the type checks at the bottom keep it and `QuarterlyReport` the same shape.
 */
const count = z.number().check(z.int(), z.gte(0));
const quarter = z.string().check(z.regex(/^\d{4}-Q[1-4]$/));
const isoDate = z.string().check(z.regex(ISO_DATE_SHAPE));

const goalMeasureSchema = z.object({
  period: z.nullable(quarter).check(z.describe('The latest quarter with figures')),
  value: z.nullable(count),
  previousPeriod: z.nullable(quarter),
  previousValue: z.nullable(count),
  change: z
    .nullable(z.number().check(z.int()))
    .check(z.describe('value minus previousValue; negative is progress')),
  councilsReporting: z.nullable(count),
});

const areaProgressSchema = z.object({
  id: z.string().check(z.minLength(1)).check(z.describe('A region id, or "national"')),
  name: z.string(),
  youngPeopleNotInWorkOrTraining: goalMeasureSchema.check(
    z.describe('2005 goal: no young person under 25 out of work or training'),
  ),
  peopleNotInWorkOrTraining: goalMeasureSchema.check(
    z.describe('2009 goal: everyone has the opportunity to be in work or training'),
  ),
  taskforceMembers: count,
  councilsWithAgreedExpectations: count,
  strategiesStarted: count,
  strategiesCompleted: count,
  strategiesActiveAtStart: count,
  strategiesActiveAtEnd: count,
  peopleIntoWorkOrTrainingInQuarter: z.number().check(z.int()),
  youngPeopleIntoWorkOrTrainingInQuarter: z.number().check(z.int()),
  practicesAdded: count,
  actionsOverdueAtStart: count,
  actionsOverdueAtEnd: count,
});

export const quarterlyReportSchema = z
  .object({
    kind: z.literal('partnership-records.quarterly-report'),
    quarter,
    from: isoDate,
    to: isoDate,
    firstSnapshot: isoDate.check(z.describe('The first snapshot dated in the quarter')),
    lastSnapshot: isoDate.check(z.describe('The last snapshot dated in the quarter')),
    snapshotsInQuarter: count,
    goals: snapshotSchema.shape.goals,
    areas: z.array(areaProgressSchema),
    overdueActions: z.array(overdueActionSchema),
    regionsNotReporting: snapshotSchema.shape.lists.shape.regionsNotReporting,
    listsLimitedToRegions: z.optional(z.array(z.string().check(z.minLength(1)))),
  })
  .check(z.describe('Quarterly progress report for the national group'));

// Compile-time: the schema and the interface the report is built as describe the same object.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof quarterlyReportSchema>, QuarterlyReport> = true;
void sameShape;
