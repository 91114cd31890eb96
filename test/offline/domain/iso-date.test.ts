import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../../functions/domain/iso-date.ts';
import { date } from '../../../functions/records/fields.ts';
import { parseWeeklyReportRequest } from '../../../sheets-addon/src/sync/weekly-report-run.ts';

const IMPOSSIBLE = ['2026-02-29', '2026-13-01', '2026-04-31', '0000-00-00'];

describe('isIsoDate', () => {
  it('should accept real dates written YYYY-MM-DD, leap days included', () => {
    // Act and assess
    for (const value of ['2026-03-01', '2028-02-29', '2026-12-31']) expect(isIsoDate(value)).toBe(true);
  });

  it('should refuse dates that have the shape but are not in the calendar', () => {
    // Act and assess
    for (const value of IMPOSSIBLE) expect(isIsoDate(value), value).toBe(false);
  });

  it('should refuse other spellings and anything that is not text', () => {
    // Act and assess
    for (const value of ['1/3/2026', '2026-3-1', '2026-03-01T00:00:00Z', ' 2026-03-01', '', 20260301, null]) {
      expect(isIsoDate(value), String(value)).toBe(false);
    }
  });

  it("should be the check behind date fields and the add-on's report week, so they agree on every value", () => {
    // Prepare
    const field = date({ title: 'Day', help: 'A day' });

    for (const value of ['2026-03-01', '2028-02-29', ...IMPOSSIBLE, '2026-3-1']) {
      // Act
      const fieldAccepts = field.safeParse(value).success;
      const addonAcceptsWeek = (() => {
        try {
          parseWeeklyReportRequest({ who: 'canterbury', week: value }, '');
          return true;
        } catch {
          return false;
        }
      })();

      // Assess
      expect(fieldAccepts, value).toBe(isIsoDate(value));
      expect(addonAcceptsWeek, value).toBe(isIsoDate(value));
    }
  });
});
