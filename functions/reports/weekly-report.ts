import { addDays } from '../aggregate/calendar.ts';
import { type StoredRecord, storedRecordOf } from '../records/definition.ts';
import { activity as activityDefinition, shortCouncilName } from '../records/types/activity.ts';
import { adviser as adviserDefinition } from '../records/types/adviser.ts';
import { council as councilDefinition } from '../records/types/council.ts';
import { region as regionDefinition } from '../records/types/region.ts';

/** One activity as it appears in a weekly report: work with a Taskforce mayor as "MTFJ <council>". */
export interface WeeklyReportLine {
  activityId: string;
  councilId: string;
  council: string;
  /** The non-funded project the work is recorded under (rule 4). */
  project: string;
  nonFunded: true;
  kind: string;
  hours: number;
  summary: string;
}

export interface ProjectHours {
  project: string;
  hours: number;
}

export interface AdviserWeek {
  adviserId: string;
  adviser: string;
  email?: string;
  lines: WeeklyReportLine[];
  /** Hours per project, most hours first. */
  projects: ProjectHours[];
  totalHours: number;
}

export interface WeeklyReport {
  kind: 'adviser' | 'region';
  /** The Monday the week starts and the Sunday it ends. */
  week: string;
  weekEnding: string;
  regionId: string;
  region: string;
  /** One entry for an adviser's report; every adviser of the region (active or with work) for a region's. */
  advisers: AdviserWeek[];
  projects: ProjectHours[];
  totalHours: number;
  activityCount: number;
}

/** Hours are kept to two decimal places; sums of them must not show float dust (6.1 + 0.2). */
function sumHours(values: number[]): number {
  return Math.round(values.reduce((sum, h) => sum + Math.round(h * 100), 0)) / 100;
}

function projectHours(lines: WeeklyReportLine[]): ProjectHours[] {
  const byProject = new Map<string, number[]>();
  for (const line of lines) byProject.set(line.project, [...(byProject.get(line.project) ?? []), line.hours]);
  return [...byProject]
    .map(([project, hours]) => ({ project, hours: sumHours(hours) }))
    .sort((a, b) => b.hours - a.hours || a.project.localeCompare(b.project));
}

/**
 * Builds the weekly report from the week's activities: an adviser's own lines, or a region's week
 * by adviser. Derived from the records alone, so the figures can be checked by hand.
 */
export function buildWeeklyReport(input: {
  kind: 'adviser' | 'region';
  week: string;
  region: StoredRecord;
  advisers: readonly StoredRecord[];
  councils: ReadonlyMap<string, StoredRecord>;
  activities: readonly StoredRecord[];
}): WeeklyReport {
  const lines = new Map<string, WeeklyReportLine[]>();
  // Records are read through their definitions, so a renamed field fails to compile here too.
  for (const stored of input.activities) {
    const activity = storedRecordOf(activityDefinition, stored);
    if (activity.deletedAt || activity.values.weekStarting !== input.week) continue;
    const { councilId, adviserId } = activity.values;
    const council = input.councils.get(councilId);
    const councilName = council ? storedRecordOf(councilDefinition, council).values.name : councilId;
    // The project name is derived on write (see the activity definition); derived fields are not
    // part of the typed values, and records written before it existed lack it.
    const derivedProject = (stored.values as { projectName?: string }).projectName;
    const line: WeeklyReportLine = {
      activityId: activity.id,
      councilId,
      council: councilName,
      project: derivedProject ?? `MTFJ ${shortCouncilName(councilName)}`,
      nonFunded: true,
      kind: activity.values.kind,
      hours: activity.values.hours,
      summary: activity.values.summary ?? '',
    };
    lines.set(adviserId, [...(lines.get(adviserId) ?? []), line]);
  }
  const advisers = input.advisers
    .map((stored) => storedRecordOf(adviserDefinition, stored))
    .filter((a) => input.kind === 'adviser' || lines.has(a.id) || (!a.deletedAt && a.values.active === true))
    .map((a): AdviserWeek => {
      const own = (lines.get(a.id) ?? []).sort(
        (x, y) =>
          x.project.localeCompare(y.project) ||
          x.kind.localeCompare(y.kind) ||
          x.activityId.localeCompare(y.activityId),
      );
      return {
        adviserId: a.id,
        adviser: a.values.name,
        email: a.values.email,
        lines: own,
        projects: projectHours(own),
        totalHours: sumHours(own.map((l) => l.hours)),
      };
    })
    .sort((a, b) => a.adviser.localeCompare(b.adviser) || a.adviserId.localeCompare(b.adviserId));
  const all = advisers.flatMap((a) => a.lines);
  return {
    kind: input.kind,
    week: input.week,
    weekEnding: addDays(input.week, 6),
    regionId: input.region.id,
    region: storedRecordOf(regionDefinition, input.region).values.name,
    advisers,
    projects: projectHours(all),
    totalHours: sumHours(all.map((l) => l.hours)),
    activityCount: all.length,
  };
}
