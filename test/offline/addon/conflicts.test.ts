import { describe, expect, it } from 'vitest';
import {
  readConflicts,
  withNewConflicts,
  withResolutions,
} from '../../../sheets-addon/src/sheet/conflicts.ts';
import { activity, recordOf, typeOf } from './fixtures.ts';

const type = typeOf('activity');

describe('the Conflicts tab', () => {
  it('should replace an open entry for the same record and keep resolved ones', () => {
    // Prepare
    const first = recordOf('activity', { ...activity, hours: 8 }, { id: 'a', version: 2 });
    const again = recordOf('activity', { ...activity, hours: 10 }, { id: 'a', version: 3 });
    const rows = withNewConflicts(
      [],
      [{ type, entry: { type: 'activity', id: 'a', mine: activity, current: first } }],
      '10:00',
    );

    // Act
    const replaced = withNewConflicts(
      rows,
      [{ type, entry: { type: 'activity', id: 'a', mine: activity, current: again } }],
      '10:05',
    );
    const resolved = withResolutions(replaced, new Map([[0, 'took theirs']]));
    const appended = withNewConflicts(
      resolved,
      [{ type, entry: { type: 'activity', id: 'a', mine: activity, current: again } }],
      '10:10',
    );

    // Assess
    expect(readConflicts(replaced).map((c) => [c.current.version, c.open])).toEqual([[3, true]]);
    expect(readConflicts(appended).map((c) => [c.current.version, c.open])).toEqual([
      [3, false],
      [3, true],
    ]);
  });
});
