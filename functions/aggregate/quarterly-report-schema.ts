import * as z from 'zod';
import type { QuarterlyReport } from './quarterly-report.ts';
import { overdueActionSchema, snapshotSchema } from './snapshot-schema.ts';

/**
 * The quarterly report's shape as a schema, for the API's contract. Built from the snapshot's own
 * parts; the type checks at the bottom keep it and `QuarterlyReport` the same shape.
 */
const count = z.number().int().min(0);
const quarter = z.string().regex(/^\d{4}-Q[1-4]$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const goalMeasureSchema = z.object({
  period: quarter.nullable().describe('The latest quarter with figures'),
  value: count.nullable(),
  previousPeriod: quarter.nullable(),
  previousValue: count.nullable(),
  change: z.number().int().nullable().describe('value minus previousValue; negative is progress'),
  councilsReporting: count.nullable(),
});

const areaProgressSchema = z.object({
  id: z.string().min(1).describe('A region id, or "national"'),
  name: z.string(),
  youngPeopleNotInWorkOrTraining: goalMeasureSchema.describe(
    '2005 goal: no young person under 25 out of work or training',
  ),
  peopleNotInWorkOrTraining: goalMeasureSchema.describe(
    '2009 goal: everyone has the opportunity to be in work or training',
  ),
  taskforceMembers: count,
  councilsWithAgreedExpectations: count,
  strategiesStarted: count,
  strategiesCompleted: count,
  strategiesActiveAtStart: count,
  strategiesActiveAtEnd: count,
  peopleIntoWorkOrTrainingInQuarter: z.number().int(),
  youngPeopleIntoWorkOrTrainingInQuarter: z.number().int(),
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
    firstSnapshot: isoDate.describe('The first snapshot dated in the quarter'),
    lastSnapshot: isoDate.describe('The last snapshot dated in the quarter'),
    snapshotsInQuarter: count,
    goals: snapshotSchema.shape.goals,
    areas: z.array(areaProgressSchema),
    overdueActions: z.array(overdueActionSchema),
    regionsNotReporting: snapshotSchema.shape.lists.shape.regionsNotReporting,
    listsLimitedToRegions: z.array(z.string().min(1)).optional(),
  })
  .describe('Quarterly progress report for the national group');

// Compile-time: the schema and the interface the report is built as describe the same object.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof quarterlyReportSchema>, QuarterlyReport> = true;
void sameShape;
