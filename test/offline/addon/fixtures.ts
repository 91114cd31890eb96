import { describeTypes } from '../../../functions/api/routes/meta.ts';
import type { ApiRecord, TypeDescription, Values } from '../../../sheets-addon/src/sheet/catalogue.ts';
import type { CellValue } from '../../../sheets-addon/src/sheet/cell-values.ts';
import { type ColumnMap, defaultHeaders, mapColumns } from '../../../sheets-addon/src/sheet/columns.ts';
import { encodeSynced } from '../../../sheets-addon/src/sheet/row-state.ts';
import { COLOURS, type TabSnapshot } from '../../../sheets-addon/src/sheet/tab-writes.ts';

/** A record type exactly as the API's GET /v1/types describes it. */
export function typeOf(name: string): TypeDescription {
  const found = describeTypes().find((t) => t.type === name);
  if (!found) throw new Error(`no type ${name}`);
  return JSON.parse(JSON.stringify(found)) as TypeDescription;
}

/** Dates in tests are read in UTC. */
export const readDate = (date: Date) => date.toISOString().slice(0, 10);

/** A tab laid out as set-up makes it, with data rows given by header. */
export function tabOf(
  type: TypeDescription,
  rows: Record<string, CellValue>[] = [],
): { snapshot: TabSnapshot; map: ColumnMap } {
  const headers = defaultHeaders(type);
  const grid = rows.map((row) => headers.map((h) => row[h] ?? ''));
  return {
    snapshot: {
      headers,
      rows: grid,
      formulas: grid.map((r) => r.map(() => '')),
      notes: grid.map((r) => r.map(() => '')),
      backgrounds: grid.map((r) => r.map(() => COLOURS.plain)),
    },
    map: mapColumns(headers, type),
  };
}

let counter = 0;

/** A record as the sync routes return it. */
export function recordOf(type: string, values: Values, overrides: Partial<ApiRecord> = {}): ApiRecord {
  counter++;
  return {
    id: `rec-${counter}`,
    type,
    regionId: 'canterbury',
    version: 1,
    createdAt: '2026-11-20T01:00:00.000Z',
    createdBy: 'cant@ceg.example.nz',
    updatedAt: '2026-11-20T01:00:00.000Z',
    updatedBy: 'cant@ceg.example.nz',
    values,
    ...overrides,
  };
}

export const activity = {
  adviserId: 'adv-1',
  councilId: 'christchurch-city',
  weekStarting: '2026-11-16',
  kind: 'planning',
  hours: 6.5,
  projectName: 'MTFJ Christchurch',
  nonFunded: true,
};

/** A synced activity row, as a pull leaves it in the tab, optionally edited. */
export function syncedRow(id: string, version: number, edits: Record<string, CellValue> = {}) {
  return {
    Id: id,
    Version: version,
    'Last synced values': encodeSynced({ values: activity }),
    Adviser: 'adv-1',
    Council: 'christchurch-city',
    'Week starting': new Date('2026-11-16T00:00:00Z'),
    Kind: 'planning',
    Hours: 6.5,
    ...edits,
  };
}
