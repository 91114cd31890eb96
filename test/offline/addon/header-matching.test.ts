import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../../sheets-addon/src/sheet/columns.ts';
import { mappingFromChoices, proposeMatches } from '../../../sheets-addon/src/sheet/header-matching.ts';
import { typeOf } from './fixtures.ts';

const activity = typeOf('activity');

describe("matching a team's headers to fields", () => {
  it('should match by title, by API name, and propose close matches for the rest', () => {
    // Act
    const matches = proposeMatches(['Date', 'councilId', 'Hours', 'Comments', 'Owner'], activity);

    // Assess
    expect(matches.map((m) => [m.header, m.field ?? null, m.how])).toEqual([
      ['Date', 'weekStarting', 'close'],
      ['councilId', 'councilId', 'name'],
      ['Hours', 'hours', 'title'],
      ['Comments', 'summary', 'close'],
      ['Owner', null, 'none'],
    ]);
  });

  it("should find columns through the stored mapping wherever they move, and leave the team's own headers alone", () => {
    // Prepare
    const headers = ['Kind', 'Date', 'Council'];
    const { mapping } = mappingFromChoices(headers, { 1: 'weekStarting', 2: 'councilId' }, activity);

    // Act
    const map = mapColumns(['Council', 'Kind', 'Date', 'Kind (Partnership Records)'], activity, {
      ...mapping,
      fields: { ...mapping.fields, 'kind (partnership records)': 'kind' },
    });

    // Assess
    const at = (name: string) => map.fields.find((f) => f.field.name === name)?.index;
    expect([at('councilId'), at('weekStarting'), at('kind')]).toEqual([0, 2, 3]);
    expect(mapping.own).toEqual(['kind']);
  });
});
