import { describe, expect, it } from 'vitest';
import { asOf } from '../../../functions/aggregate/as-of.ts';
import {
  AGGREGATED_TYPES,
  contributionFor,
  contributionOf,
} from '../../../functions/aggregate/record-contributions.ts';
import { RegionTally } from '../../../functions/aggregate/region-tally.ts';
import { snapshotJsonSchema } from '../../../functions/aggregate/snapshot-schema.ts';
import { TREND_SERIES_BY_TYPE } from '../../../functions/aggregate/trends.ts';
import { type StoredRecord, storedRecordOf } from '../../../functions/records/definition.ts';
import { PARTY_SHORT_NAMES } from '../../../functions/records/sign-offs.ts';
import { ACTION_STATUSES, action } from '../../../functions/records/types/action.ts';
import { activity } from '../../../functions/records/types/activity.ts';
import { COMMUNICATION_STATUSES } from '../../../functions/records/types/communication.ts';
import {
  PUBLICITY_CHANNELS,
  PUBLICITY_STATUSES,
  publicity,
} from '../../../functions/records/types/publicity.ts';
import { GOALS, STRATEGY_STATUSES } from '../../../functions/records/types/strategy.ts';

function stored(type: string, id: string, values: Record<string, unknown>): StoredRecord {
  const at = '2026-11-17T01:00:00.000Z';
  return {
    id,
    type,
    regionId: 'canterbury',
    version: 1,
    createdAt: at,
    createdBy: 'test@example.org',
    updatedAt: at,
    updatedBy: 'test@example.org',
    values,
  };
}

const anActivity = stored('activity', 'a1', {
  adviserId: 'aroha',
  councilId: 'timaru-district',
  weekStarting: '2026-11-16',
  kind: 'planning',
  hours: 7.25,
  projectName: 'MTFJ Timaru',
  nonFunded: true,
});

/** Every `enum` list in a JSON Schema, wherever it sits. */
function enumsIn(schema: unknown): unknown[][] {
  if (Array.isArray(schema)) return schema.flatMap(enumsIn);
  if (schema === null || typeof schema !== 'object') return [];
  const own = Array.isArray((schema as { enum?: unknown }).enum)
    ? [(schema as { enum: unknown[] }).enum]
    : [];
  return [...own, ...Object.values(schema).flatMap(enumsIn)];
}

describe('what each record type contributes to the dashboard', () => {
  it('should fold a record through the contribution declared for its type', () => {
    // Prepare
    const tally = new RegionTally('canterbury', asOf('2026-11-18'));
    // Act
    tally.add(anActivity);
    tally.add(stored('need', 'n1', { title: 'Transport' }));
    // Assess
    expect(tally.weeks.get('2026-11-16')).toEqual({
      centiHours: 725,
      activities: 1,
      advisers: new Set(['aroha']),
      councils: new Set(['timaru-district']),
    });
    expect(contributionFor('need')).toBeUndefined();
    expect([...tally.freshness.keys()]).toEqual(['activity', 'need']);
  });

  // Its Act is loading the module: AGGREGATED_TYPES is derived from the definitions at import.
  it('should read exactly the record types that declare a contribution, each once', () => {
    // Assess

    expect(AGGREGATED_TYPES).toEqual([
      'council',
      'agreement',
      'strategy',
      'activity',
      'indicator',
      'lec-group',
      'membership',
      'action',
      'publicity',
      'communication',
      'practice',
    ]);
    expect(new Set(AGGREGATED_TYPES).size).toBe(AGGREGATED_TYPES.length);
    for (const type of Object.keys(TREND_SERIES_BY_TYPE)) expect(AGGREGATED_TYPES).toContain(type);
  });

  it('should not compile a fold that reads a field, status or flag its definition does not have', () => {
    // Prepare: folds written against a renamed field, a status that does not exist and a
    // misspelt sign-off flag. The type check (`npm run typecheck`, part of `npm test`) fails if
    // any of the lines marked @ts-expect-error compiles, that is if the fold were not typed by
    // its definition.
    const read: unknown[] = [];
    const hoursSpent = contributionOf(activity, (_t, { values }) => {
      // @ts-expect-error activities record `hours`; a fold asking for `hoursSpent` must not compile.
      read.push(values.hoursSpent);
    });
    const finished = contributionOf(action, (_t, { values }) => {
      // @ts-expect-error an action is open, in-progress, done or cancelled; never "finished".
      read.push(values.status === 'finished');
    });
    const acknowledged = contributionOf(publicity, (_t, { values }) => {
      // @ts-expect-error the flag is `acknowledgesCeg`.
      read.push(values.acknowledgesCEG);
    });
    const tally = new RegionTally('canterbury', asOf('2026-11-18'));
    const anAction = stored('action', 'x1', {
      lecGroupId: 'g1',
      title: 'Call',
      dueOn: '2026-11-01',
      status: 'open',
    });
    const somePublicity = stored('publicity', 'p1', {
      title: 'Launch',
      status: 'draft',
      acknowledgesCeg: true,
    });

    // Act
    hoursSpent.fold(tally, anActivity, asOf('2026-11-18'));
    finished.fold(tally, anAction, asOf('2026-11-18'));
    acknowledged.fold(tally, somePublicity, asOf('2026-11-18'));

    // Assess: what the wrong names would have read at run time, had they compiled.
    expect(read).toEqual([undefined, false, undefined]);
  });

  it('should refuse a record read under another type than its own', () => {
    // Act
    const misread = () => storedRecordOf(action, anActivity);
    // Assess
    expect(misread).toThrow('The activity record a1 was read with the action definition.');
  });

  it('should publish only enums taken from the record definitions in the snapshot schema', () => {
    // Act
    const schema = snapshotJsonSchema();
    // Assess
    const fromDefinitions = [
      GOALS,
      ACTION_STATUSES,
      PUBLICITY_CHANNELS,
      PUBLICITY_STATUSES,
      COMMUNICATION_STATUSES,
      [PARTY_SHORT_NAMES.ceg, PARTY_SHORT_NAMES.taskforce],
    ];
    const enums = enumsIn(schema);
    expect(enums.length).toBeGreaterThan(0);
    for (const list of enums) expect(fromDefinitions).toContainEqual(list);
    for (const list of fromDefinitions) expect(enums).toContainEqual([...list]);
    const strategies = (schema as any).properties.national.properties.strategies.properties;
    expect(Object.keys(strategies.byStatus.properties)).toEqual([...STRATEGY_STATUSES]);
    for (const goal of GOALS)
      expect(Object.keys(strategies.byGoal.properties[goal].properties)).toEqual([...STRATEGY_STATUSES]);
  });
});
