import type { Principal } from '../functions/domain/principal.ts';
import type { ChangeRequest, RowOutcome, RowStatus } from '../functions/domain/push-rows.ts';
import { MAX_PUSH_ROWS } from '../functions/domain/push-rows.ts';
import { emptyCounts, type RecordService } from '../functions/domain/record-service.ts';
import type { RecordDefinition, StoredRecord, Values } from '../functions/records/definition.ts';
import type { Party } from '../functions/records/sign-offs.ts';

/**
 * The principal that loads reference and demo data: national reach, named so that every record
 * it writes says in its history where it came from.
 */
export const SEED_PRINCIPAL: Principal = { kind: 'user', id: 'system:seed', role: 'national', regionIds: [] };

/** A row to load: a record of a type, with its id and its editable values. */
export interface SeedRow {
  type: string;
  id: string;
  values: Values;
  /** For record types that take sign-offs: the parties that have agreed the row's text. */
  signedBy?: readonly Party[];
}

export type LoadCounts = Record<RowStatus, number>;

/** Raised when rows could not be loaded; the message lists them with their errors. */
export class SeedLoadError extends Error {
  constructor(
    readonly what: string,
    readonly failures: { type: string; id?: string; outcome: RowOutcome }[],
  ) {
    const shown = failures.slice(0, 20).map(({ type, id, outcome }) => {
      const details =
        outcome.errors?.map((e) => `${e.field}: ${e.message}`).join('; ') ?? outcome.message ?? '';
      return `  ${type} ${id ?? outcome.id ?? `(row ${outcome.index + 1})`}: ${outcome.status}${details ? ` (${details})` : ''}`;
    });
    const more = failures.length > shown.length ? `\n  … and ${failures.length - shown.length} more` : '';
    super(`Loading ${what} failed for ${failures.length} row(s):\n${shown.join('\n')}${more}`);
    this.name = 'SeedLoadError';
  }
}

export { emptyCounts };

export function addCounts(into: LoadCounts, from: LoadCounts): LoadCounts {
  for (const status of Object.keys(from) as RowStatus[]) into[status] += from[status];
  return into;
}

/** Every record of a type, tombstones included, read through the service as `principal`. */
export async function currentRecords(
  service: RecordService,
  definition: RecordDefinition,
  principal: Principal,
): Promise<Map<string, StoredRecord>> {
  const found = new Map<string, StoredRecord>();
  let cursor: string | undefined;
  do {
    const page = await service.list(definition, principal, { includeDeleted: true, limit: 500, cursor });
    for (const record of page.items) found.set(record.id, record);
    cursor = page.more ? page.cursor : undefined;
  } while (cursor);
  return found;
}

const ACCEPTED: ReadonlySet<RowStatus> = new Set(['created', 'updated', 'unchanged']);

/**
 * Pushes change requests of one type through `RecordService.push` (the one write path) in
 * chunks of 500, and throws a `SeedLoadError` naming every row that was not created, updated or
 * unchanged.
 *
 * With `replaceOwnRecords`, a row whose record already exists with other values replaces it,
 * but only when the loading principal wrote it last (demo data amending reference data, say):
 * anything a person has changed since is reported as a conflict instead of being overwritten.
 */
export async function pushRows(
  service: RecordService,
  principal: Principal,
  definition: RecordDefinition,
  requests: ChangeRequest[],
  options: { replaceOwnRecords?: boolean } = {},
): Promise<LoadCounts> {
  const counts = emptyCounts();
  const failures: SeedLoadError['failures'] = [];
  for (let start = 0; start < requests.length; start += MAX_PUSH_ROWS) {
    const chunk = requests.slice(start, start + MAX_PUSH_ROWS);
    const result = await service.push(definition, principal, chunk, false);
    const retries: { request: ChangeRequest; outcome: RowOutcome }[] = [];
    for (const outcome of result.rows) {
      const request = chunk[outcome.index]!;
      const ownedByLoader =
        outcome.status === 'conflict' &&
        options.replaceOwnRecords &&
        request.baseVersion === undefined &&
        outcome.current !== undefined &&
        outcome.current.updatedBy === principal.id;
      if (ownedByLoader)
        retries.push({ request: { ...request, baseVersion: outcome.current!.version }, outcome });
      else settle(outcome, request);
    }
    if (retries.length > 0) {
      const again = await service.push(
        definition,
        principal,
        retries.map((r) => r.request),
        false,
      );
      for (const outcome of again.rows) settle(outcome, retries[outcome.index]!.request);
    }
  }
  if (failures.length > 0) throw new SeedLoadError(`${definition.pluralLabel.toLowerCase()}`, failures);
  return counts;

  function settle(outcome: RowOutcome, request: ChangeRequest) {
    counts[outcome.status]++;
    if (!ACCEPTED.has(outcome.status)) failures.push({ type: definition.type, id: request.id, outcome });
  }
}
