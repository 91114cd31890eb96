import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../../functions/domain/iso-date.ts';
import { date } from '../../../functions/records/fields.ts';
import { parseWeeklyReportRequest } from '../../../sheets-addon/src/sync/weekly-report-run.ts';

const IMPOSSIBLE = ['2026-02-29', '2026-13-01', '2026-04-31', '0000-00-00'];

describe('isIsoDate', () => {
  it.each(['2026-03-01', '2028-02-29', '2026-12-31'])(
    'should accept the real date %s written YYYY-MM-DD, leap days included',
    (value) => {
      // Act
      const accepted = isIsoDate(value);

      // Assess
      expect(accepted).toBe(true);
    },
  );

  it.each(IMPOSSIBLE)('should refuse %s, which has the shape but is not in the calendar', (value) => {
    // Act
    const accepted = isIsoDate(value);

    // Assess
    expect(accepted).toBe(false);
  });

  it.each(['1/3/2026', '2026-3-1', '2026-03-01T00:00:00Z', ' 2026-03-01', '', 20260301, null])(
    'should refuse the other spelling or non-text %j',
    (value) => {
      // Act
      const accepted = isIsoDate(value);

      // Assess
      expect(accepted).toBe(false);
    },
  );

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
