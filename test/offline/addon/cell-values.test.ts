import { describe, expect, it } from 'vitest';
import type { FieldDescription } from '../../../sheets-addon/src/sheet/catalogue.ts';
import { fromCell, safeText, toCell, unescapeText } from '../../../sheets-addon/src/sheet/cell-values.ts';
import { readDate, typeOf } from './fixtures.ts';

const fieldsOf = (type: string) =>
  Object.fromEntries(typeOf(type).fields.map((f) => [f.name, f])) as Record<string, FieldDescription>;
const activity = fieldsOf('activity');
const adviser = fieldsOf('adviser');
const resourceLine = fieldsOf('resource-line');

describe('cell values', () => {
  it('should round-trip every kind of value exactly through a cell', () => {
    // Prepare
    const cases: [FieldDescription, unknown][] = [
      [activity.hours!, 6.25],
      [activity.kind!, 'stakeholder-relationships'],
      [activity.summary!, 'Line one\nline two  '],
      [activity.councilId!, 'christchurch-city'],
      [adviser.councilIds!, ['christchurch-city', 'selwyn-district']],
      [adviser.councilIds!, []],
      [adviser.active!, false],
      [resourceLine.amount!, '1250000.50'],
    ];

    // Act
    const roundTrips = cases.map(([field, value]) => fromCell(field, toCell(field, value), readDate));

    // Assess
    expect(roundTrips).toEqual(cases.map(([, value]) => value));
  });

  it('should write server text that starts with = + - @ behind an apostrophe and read it back without one', () => {
    // Prepare
    const texts = ['=HYPERLINK("http://x","y")', '+64 3 555 0100', '-5', '@mayor', 'plain'];

    // Act
    const written = texts.map((t) => toCell(activity.summary!, t));
    const readBack = written.map((cell) => fromCell(activity.summary!, cell, readDate));

    // Assess
    expect(written).toEqual(['\'=HYPERLINK("http://x","y")', "'+64 3 555 0100", "'-5", "'@mayor", 'plain']);
    expect(readBack).toEqual(texts);
    expect(unescapeText(safeText('=1+1'))).toBe('=1+1');
  });

  it("should read a date cell in the sheet's time zone and pass anything else on for the server to explain", () => {
    // Prepare
    const field = activity.weekStarting!;

    // Act
    const fromDate = fromCell(field, new Date('2026-03-01T00:00:00Z'), readDate);
    const fromText = fromCell(field, ' next Tuesday ', readDate);

    // Assess
    expect(fromDate).toBe('2026-03-01');
    expect(fromText).toBe('next Tuesday');
    expect(toCell(field, '2026-03-01')).toBe('2026-03-01');
  });

  it('should read what people type the way they mean it', () => {
    // Act
    const kind = fromCell(activity.kind!, 'Planning', readDate);
    const hours = fromCell(activity.hours!, '7.5', readDate);
    const words = fromCell(activity.hours!, 'seven', readDate);
    const list = fromCell(adviser.councilIds!, 'christchurch-city; selwyn-district,\n', readDate);
    const unticked = fromCell(adviser.active!, '', readDate);
    const empty = fromCell(activity.summary!, '', readDate);

    // Assess
    expect([kind, hours, words, list, unticked, empty]).toEqual([
      'planning',
      7.5,
      'seven',
      ['christchurch-city', 'selwyn-district'],
      false,
      undefined,
    ]);
  });
});
