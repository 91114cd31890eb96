import { addDays, mondayOf } from '../aggregate/calendar.ts';
import { BadRequestError, NotFoundError } from '../domain/errors.ts';
import { isIsoDate } from '../domain/iso-date.ts';
import { newZealandDate } from '../domain/new-zealand-day.ts';
import { type Principal, requireReadRegion, requireReadScope } from '../domain/principal.ts';
import type { RecordRepository } from '../domain/record-repository.ts';
import type { StoredRecord } from '../records/definition.ts';
import { buildWeeklyReport, type WeeklyReport } from './weekly-report.ts';

/** The week asked for (a Monday), or last week when none is named. */
export function reportWeek(week: string | undefined, today = newZealandDate()): string {
  if (week === undefined || week === '') return addDays(mondayOf(today), -7);
  if (!isIsoDate(week)) {
    throw new BadRequestError(
      `"${week}" is not a date: name the week by its Monday, like ?week=2026-11-16.`,
      [{ field: 'week', message: 'expected the Monday the week starts, like 2026-11-16', received: week }],
    );
  }
  if (mondayOf(week) !== week) {
    throw new BadRequestError(
      `${week} is not a Monday: report weeks start on Mondays; the week it falls in starts on ${mondayOf(week)}.`,
      [{ field: 'week', message: `expected a Monday, like ${mondayOf(week)}`, received: week }],
    );
  }
  return week;
}

/**
 * The weekly report use cases: an adviser's week, or a region's week by adviser. Access is checked
 * before anything of the region is read: a region's report needs its region; an adviser's report
 * needs the adviser's region (found from the adviser record, as reading that record would).
 */
export class WeeklyReports {
  constructor(private readonly store: RecordRepository) {}

  private async all(type: string, regionId: string): Promise<StoredRecord[]> {
    const records: StoredRecord[] = [];
    for await (const page of this.store.pages(type, regionId, 1000)) records.push(...page);
    return records;
  }

  async forAdviser(principal: Principal, adviserId: string, week: string): Promise<WeeklyReport> {
    requireReadScope(principal);
    const adviser = await this.store.get('adviser', adviserId);
    if (!adviser) throw new NotFoundError(`There is no adviser with id "${adviserId}".`);
    requireReadRegion(principal, adviser.regionId, 'weekly reports');
    const [region, councils, activities] = await Promise.all([
      this.store.get('region', adviser.regionId),
      this.all('council', adviser.regionId),
      this.all('activity', adviser.regionId),
    ]);
    return buildWeeklyReport({
      kind: 'adviser',
      week,
      region: region!,
      advisers: [adviser],
      councils: new Map(councils.map((c) => [c.id, c])),
      activities: activities.filter((a) => a.values.adviserId === adviserId),
    });
  }

  async forRegion(principal: Principal, regionId: string, week: string): Promise<WeeklyReport> {
    requireReadRegion(principal, regionId, 'weekly reports');
    const region = await this.store.get('region', regionId);
    if (!region || region.deletedAt) throw new NotFoundError(`There is no region with id "${regionId}".`);
    const [advisers, councils, activities] = await Promise.all([
      this.all('adviser', regionId),
      this.all('council', regionId),
      this.all('activity', regionId),
    ]);
    return buildWeeklyReport({
      kind: 'region',
      week,
      region,
      advisers,
      councils: new Map(councils.map((c) => [c.id, c])),
      activities,
    });
  }
}
