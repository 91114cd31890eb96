import { readFileSync } from 'node:fs';
import type { Principal } from '../functions/domain/principal.ts';
import type { ChangeRequest } from '../functions/domain/push-rows.ts';
import type { RecordService } from '../functions/domain/record-service.ts';
import type { RecordDefinition, Values } from '../functions/records/definition.ts';
import { definitionForType } from '../functions/records/registry.ts';
import { CsvFormatError, readCsv } from './csv-reader.ts';
import { foldName, namesMatching } from './name-matching.ts';
import { currentRecords, type LoadCounts, pushRows, SEED_PRINCIPAL } from './seed-loader.ts';

export { foldName } from './name-matching.ts';

/**
 * New Zealand's regions and councils as shipped in `data/nz-councils.csv`: public facts, stored
 * with their official (macron) spellings and stable ASCII slug ids.
 */

const COUNCILS_CSV = new URL('./nz-councils.csv', import.meta.url);
const COUNCIL_COLUMNS = ['id', 'name', 'kind', 'region'] as const;
const COUNCIL_KINDS = ['city', 'district', 'territory'] as const;
export type CouncilKind = (typeof COUNCIL_KINDS)[number];

/** The Chatham Islands belong to no region; see docs/decisions.md, "Chatham Islands". */
const AREA_OUTSIDE_REGION = 'Area Outside Region';

export interface RegionReference {
  id: string;
  name: string;
  /** False only for the Area Outside Region, which no CEG regional team covers. */
  cegRegion: boolean;
}

export interface CouncilReference {
  id: string;
  name: string;
  kind: CouncilKind;
  regionId: string;
}

export interface ReferenceData {
  regions: RegionReference[];
  councils: CouncilReference[];
}

/** The ASCII id a name gets: `Whangārei District` → `whangarei-district`, `Hawke's Bay` → `hawkes-bay`. */
export function slugOf(name: string): string {
  return foldName(name)
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Parses the councils CSV, checking ids, kinds and names, and derives the regions from it. */
export function parseReferenceData(text: string, source = 'nz-councils.csv'): ReferenceData {
  const regions = new Map<string, RegionReference>();
  const councils: CouncilReference[] = [];
  const seen = new Set<string>();
  for (const { line, row } of readCsv(text, COUNCIL_COLUMNS, source)) {
    const name = row.name.normalize('NFC').trim();
    const regionName = row.region.normalize('NFC').trim();
    if (!SLUG_RE.test(row.id))
      throw new CsvFormatError(source, line, `id "${row.id}" must be lower-case ASCII words joined by "-"`);
    if (seen.has(row.id)) throw new CsvFormatError(source, line, `id "${row.id}" is used twice`);
    if (!name || !regionName) throw new CsvFormatError(source, line, 'name and region must not be empty');
    if (!(COUNCIL_KINDS as readonly string[]).includes(row.kind)) {
      throw new CsvFormatError(source, line, `kind "${row.kind}" must be one of ${COUNCIL_KINDS.join(', ')}`);
    }
    seen.add(row.id);
    const regionId = slugOf(regionName);
    if (!regions.has(regionId))
      regions.set(regionId, {
        id: regionId,
        name: regionName,
        cegRegion: regionName !== AREA_OUTSIDE_REGION,
      });
    councils.push({ id: row.id, name, kind: row.kind as CouncilKind, regionId });
  }
  return { regions: [...regions.values()], councils };
}

let shipped: ReferenceData | undefined;

/** The reference data shipped with the code, read once. */
export function referenceData(): ReferenceData {
  shipped ??= parseReferenceData(readFileSync(COUNCILS_CSV, 'utf8'));
  return shipped;
}

/**
 * The council a name means, whether typed with or without macrons, in any case, with or
 * without a trailing "Council" or its kind: `Whangarei district council` and `Whangarei` find
 * Whangārei District. Undefined when the name means no council, or more than one.
 */
export function findCouncilByName(
  name: string,
  councils: readonly CouncilReference[] = referenceData().councils,
): CouncilReference | undefined {
  const matches = namesMatching(name, councils);
  return matches.length === 1 ? matches[0] : undefined;
}

export interface ReferenceLoadReport {
  regions: LoadCounts;
  councils: LoadCounts;
}

/**
 * The change requests that make stored records match the reference data. Fields the reference
 * data does not own (a council's mayor and Taskforce membership, a region's Mayors Team) are
 * kept as stored, so reloading never undoes what staff or the demo data recorded; `defaults`
 * fill them only for records that do not exist yet (or were deleted).
 */
async function referenceRequests(
  service: RecordService,
  principal: Principal,
  definition: RecordDefinition,
  rows: { id: string; values: Values }[],
  defaults: Values = {},
): Promise<ChangeRequest[]> {
  const stored = await currentRecords(service, definition, principal);
  return rows.map(({ id, values }) => {
    const current = stored.get(id);
    if (!current) return { id, values: { ...defaults, ...values } };
    const kept = current.deletedAt ? defaults : service.editableValues(definition, current);
    return { id, baseVersion: current.version, values: { ...kept, ...values } };
  });
}

/**
 * Loads the regions, then the councils, through `RecordService.push`. Idempotent: a second load
 * reports every row `unchanged` and makes no new versions. Councils start as non-members:
 * Taskforce membership is recorded by national staff (or the demo data), not by reference data.
 */
export async function loadReferenceData(
  service: RecordService,
  principal: Principal = SEED_PRINCIPAL,
  data: ReferenceData = referenceData(),
): Promise<ReferenceLoadReport> {
  const regionDefinition = definitionForType('region')!;
  const councilDefinition = definitionForType('council')!;
  const regionRows = data.regions.map((r) => ({
    id: r.id,
    values: { name: r.name, cegRegion: r.cegRegion },
  }));
  const regions = await pushRows(
    service,
    principal,
    regionDefinition,
    await referenceRequests(service, principal, regionDefinition, regionRows),
  );
  const councilRows = data.councils.map((c) => ({
    id: c.id,
    values: { name: c.name, kind: c.kind, regionId: c.regionId },
  }));
  const councilRequests = await referenceRequests(service, principal, councilDefinition, councilRows, {
    taskforceMember: false,
  });
  const councils = await pushRows(service, principal, councilDefinition, councilRequests);
  return { regions, councils };
}
