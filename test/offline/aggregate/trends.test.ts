import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../functions/aggregate/snapshot-schema.ts';
import { TRENDS_MAX_POINTS, withTrendPoint } from '../../../functions/aggregate/trends.ts';

/** Just the figures a trend reads; the rest of a snapshot does not matter here. */
function snapshot(date: string, members: number, regions: Record<string, number> = {}): Snapshot {
  const figures = (n: number) => ({
    councils: { taskforceMembers: n, withAgreedExpectations: n - 1 },
    strategies: { byStatus: { active: 2 * n } },
    actions: { overdue: 1 },
  });
  return {
    date,
    national: figures(members),
    byRegion: Object.fromEntries(Object.entries(regions).map(([id, n]) => [id, figures(n)])),
  } as unknown as Snapshot;
}

describe('the compact trends series', () => {
  it('should add each snapshot as a point with national and regional figures, oldest first', () => {
    // Act
    const once = withTrendPoint(undefined, snapshot('2026-11-18', 10, { otago: 3 }));
    const twice = withTrendPoint(once, snapshot('2026-11-11', 9, { otago: 2 }));
    // Assess
    expect(twice.points.map((p) => p.date)).toEqual(['2026-11-11', '2026-11-18']);
    expect(twice.points[1]!.areas).toEqual({
      national: { taskforceMembers: 10, withAgreedExpectations: 9, activeStrategies: 20, overdueActions: 1 },
      otago: { taskforceMembers: 3, withAgreedExpectations: 2, activeStrategies: 6, overdueActions: 1 },
    });
  });

  it('should replace the point of a night that is run again, and keep only the newest points', () => {
    // Prepare
    let trends = withTrendPoint(undefined, snapshot('2026-01-01', 1));
    for (let day = 2; day <= TRENDS_MAX_POINTS + 10; day++) {
      const date = new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10);
      trends = withTrendPoint(trends, snapshot(date, day));
    }
    // Act
    const rerun = withTrendPoint(trends, snapshot(trends.points.at(-1)!.date, 999));
    // Assess
    expect(rerun.points).toHaveLength(TRENDS_MAX_POINTS);
    expect(rerun.points.at(-1)!.areas.national!.taskforceMembers).toBe(999);
    expect(new Set(rerun.points.map((p) => p.date)).size).toBe(TRENDS_MAX_POINTS);
  });
});
