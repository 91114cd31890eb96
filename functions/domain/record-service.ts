import type { RecordDefinition, StoredRecord, Values } from '../records/definition.ts';
import { canonicalJson } from './canonical-json.ts';
import { ChangePlanner, type PlannedChange } from './change-planner.ts';
import {
  AccessDeniedError,
  BadRequestError,
  GoneError,
  NotFoundError,
  UnavailableError,
  ValidationFailedError,
  VersionConflictError,
} from './errors.ts';
import { type DirectoryReader, RequestLookups } from './lookups.ts';
import {
  defaultCouncil,
  defaultRegion,
  identityWriteRefusal,
  isCouncilBound,
  type Principal,
  type RecordPlace,
  requireRead,
} from './principal.ts';
import type { ChangeRequest, PushResult, RowOutcome } from './push-rows.ts';
import type { HistoryEntry, Page, RecordRepository } from './record-repository.ts';

/** Where a record sits, for access checks. */
export function placeOfRecord(record: StoredRecord): RecordPlace {
  return { regionId: record.regionId, councilId: record.councilId, sharedRegionId: record.sharedRegionId };
}

const capitalised = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
const DEFAULT_LIMIT = 100;

export interface ListOptions {
  regionId?: string;
  councilId?: string;
  changedSince?: string;
  includeDeleted?: boolean;
  limit?: number;
  cursor?: string;
}

function unavailable(index: number, id: string | undefined, error: unknown): RowOutcome {
  const reason = (error as Error)?.name || 'error';
  return {
    index,
    id,
    status: 'failed',
    message: `The database did not answer (${reason}); nothing was changed for this row. Push again.`,
  };
}

/** Whether the stored record is the very change this request wrote (same version, time and author). */
function isSameWrite(stored: StoredRecord, written: StoredRecord): boolean {
  // Version, time and author alone are not enough: one person's two writers racing from the same
  // version can commit in the same millisecond, and the loser must hear "conflict", not "saved".
  return (
    stored.version === written.version &&
    stored.updatedAt === written.updatedAt &&
    stored.updatedBy === written.updatedBy &&
    stored.deletedAt === written.deletedAt &&
    canonicalJson(stored.values) === canonicalJson(written.values)
  );
}

/** A count of zero for every row status. */
export function emptyCounts(): PushResult['counts'] {
  return {
    created: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    conflict: 0,
    invalid: 0,
    forbidden: 0,
    failed: 0,
  };
}

/**
 * The use cases of the records API, in domain terms: read, list, history, change one record,
 * push many, pull changes. Region scoping is enforced here, so every route inherits it.
 */
export class RecordService {
  constructor(
    private readonly store: RecordRepository,
    /** Lets person fields (an action's owner) be checked against the directory. */
    private readonly directory?: DirectoryReader,
    /** Where failures behind a `failed` row are reported, since the row itself says only "push again". */
    private readonly reportFailure: (message: string, error: unknown) => void = () => {},
  ) {}

  async get(definition: RecordDefinition, principal: Principal, id: string): Promise<StoredRecord> {
    const record = await this.store.get(definition.type, id);
    if (!record) throw new NotFoundError(`There is no ${definition.label.toLowerCase()} with id "${id}".`);
    requireRead(principal, definition, placeOfRecord(record));
    if (record.deletedAt) {
      throw new GoneError(
        `This ${definition.label.toLowerCase()} was deleted by ${record.deletedBy} at ${record.deletedAt}; its history is still available.`,
        record,
      );
    }
    return record;
  }

  async history(
    definition: RecordDefinition,
    principal: Principal,
    id: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<HistoryEntry>> {
    const record = await this.store.get(definition.type, id);
    if (!record) throw new NotFoundError(`There is no ${definition.label.toLowerCase()} with id "${id}".`);
    requireRead(principal, definition, placeOfRecord(record));
    return this.store.history(definition.type, id, limit, cursor);
  }

  async list(
    definition: RecordDefinition,
    principal: Principal,
    options: ListOptions,
  ): Promise<Page<StoredRecord>> {
    const { regionId, councilId } = await this.listScope(definition, principal, options);
    return this.store.list({
      type: definition.type,
      regionId,
      councilId,
      // Stored timestamps are UTC; a client's +13:00 offset must compare on the same clock.
      changedSince: options.changedSince ? new Date(options.changedSince).toISOString() : undefined,
      includeDeleted: options.includeDeleted,
      limit: options.limit ?? DEFAULT_LIMIT,
      cursor: options.cursor,
      newestFirst: !options.changedSince,
    });
  }

  /** Changes and tombstones since a cursor, for the add-on and other sync clients. */
  async pull(
    definition: RecordDefinition,
    principal: Principal,
    scope: { regionId?: string; councilId?: string },
    limit: number,
    cursor?: string,
  ) {
    const { regionId, councilId } = await this.listScope(definition, principal, scope);
    return this.store.pull({ type: definition.type, regionId, councilId, limit, cursor });
  }

  /**
   * The one partition a list or pull reads (a council, a region, or national) after checking the
   * caller may read all of it. A mayor's office reads by council; everyone else by region.
   */
  private async listScope(
    definition: RecordDefinition,
    principal: Principal,
    options: { regionId?: string; councilId?: string },
  ): Promise<{ regionId?: string; councilId?: string }> {
    let { regionId, councilId } = options;
    const national = definition.sharedReference || definition.knowledgeBase;
    if (!councilId && !regionId && !national && isCouncilBound(principal)) {
      councilId = defaultCouncil(principal);
    }
    if (councilId) {
      const council = await this.store.get('council', councilId);
      if (!council) throw new BadRequestError(`There is no council with id "${councilId}".`);
      if (regionId && council.regionId !== regionId) {
        throw new BadRequestError(`Council "${councilId}" is not in region "${regionId}".`);
      }
      regionId = council.regionId;
      requireRead(principal, definition, { regionId, councilId });
      return { regionId, councilId };
    }
    regionId ??= national ? undefined : defaultRegion(principal);
    if (regionId) requireRead(principal, definition, { regionId });
    return { regionId };
  }

  /**
   * Applies up to 500 requested changes, each with its own outcome. With `dryRun`, everything is
   * checked exactly as for real and nothing is written.
   */
  async push(
    definition: RecordDefinition,
    principal: Principal,
    requests: ChangeRequest[],
    dryRun: boolean,
  ): Promise<PushResult> {
    // Who is asking may decide alone: then nothing is read, and every row hears why.
    const refusal = identityWriteRefusal(principal, definition);
    if (refusal) {
      const rows = requests.map(
        (request, index): RowOutcome => ({
          index,
          id: typeof request.id === 'string' ? request.id : undefined,
          status: 'forbidden',
          message: refusal,
        }),
      );
      return { dryRun, counts: { ...emptyCounts(), forbidden: rows.length }, rows };
    }
    const lookups = new RequestLookups(this.store, this.directory);
    const planner = new ChangePlanner(definition, principal, lookups);
    const at = new Date().toISOString();

    // Ids first (natural keys come from values), so all current records are read in one go.
    const parsed = requests.map((request) =>
      request.delete ? undefined : planner.parseValues(request.values),
    );
    const ids = requests.map((request, index) =>
      request.delete ? request.id : planner.idFor(request, parsed[index]!.values).id,
    );
    const seen = new Map<string, number>();
    const duplicates = new Set<number>();
    ids.forEach((id, index) => {
      if (!id) return;
      if (seen.has(id)) duplicates.add(index);
      else seen.set(id, index);
    });
    let current: Map<string, StoredRecord>;
    try {
      current = await this.store.getMany(definition.type, [...seen.keys()]);
    } catch (error) {
      this.reportFailure('Reading the records of a push failed', error);
      return this.allFailed(requests, ids, dryRun, error);
    }
    for (const record of current.values()) lookups.remember(record);

    const planned = await Promise.all(
      requests.map((request, index): Promise<PlannedChange> | PlannedChange => {
        if (duplicates.has(index)) {
          return {
            outcome: {
              index,
              id: ids[index],
              status: 'invalid' as const,
              errors: [
                {
                  field: 'id',
                  message: `row ${seen.get(ids[index]!)! + 1} of this push already changes this record; send one change per record`,
                  received: ids[index],
                },
              ],
            },
          };
        }
        // A generated id is fresh; everything else may exist already.
        const existing = ids[index] ? current.get(ids[index]) : undefined;
        const plan = request.delete
          ? planner.plan(index, request, existing, at)
          : planner.plan(index, { ...request, id: ids[index] }, existing, at, parsed[index]);
        // A look-up the database could not answer fails this row, not the whole push.
        return plan.catch((error: unknown) => {
          this.reportFailure('A look-up for a row of a push failed', error);
          return { outcome: unavailable(index, ids[index], error) };
        });
      }),
    );

    const rows = planned.map((p) => p.outcome);
    const toWrite = planned.filter((p) => p.write);
    if (!dryRun && toWrite.length > 0) {
      const results = await this.store.writeAll(toWrite.map((p) => p.write!));
      const conflicted: PlannedChange[] = [];
      const failures: unknown[] = [];
      toWrite.forEach((p, i) => {
        const result = results[i]!;
        if (result.status === 'conflict') {
          conflicted.push(p);
        } else if (result.status === 'failed') {
          failures.push(result.cause);
          p.outcome.status = 'failed';
          p.outcome.message = `This row ${result.reason}.`;
          delete p.outcome.record;
          delete p.outcome.version;
        }
      });
      if (failures.length > 0) {
        this.reportFailure(
          `Saving ${failures.length} ${definition.pluralLabel.toLowerCase()} failed`,
          failures[0],
        );
      }
      if (conflicted.length > 0) {
        const fresh = await this.store.getMany(
          definition.type,
          conflicted.map((p) => p.outcome.id!),
        );
        for (const { outcome, write } of conflicted) {
          const current = fresh.get(outcome.id!);
          // A retried write whose first attempt committed (its answer lost) fails its own
          // condition: the record as stored is exactly this write, so it was saved.
          if (current && isSameWrite(current, write!.record)) continue;
          outcome.status = 'conflict';
          outcome.message = 'someone else changed this record at the same moment; keep yours or take theirs';
          delete outcome.record;
          outcome.current = current;
          outcome.version = current?.version;
        }
      }
    }
    const counts = emptyCounts();
    for (const row of rows) counts[row.status]++;
    return { dryRun, counts, rows };
  }

  private allFailed(
    requests: ChangeRequest[],
    ids: (string | undefined)[],
    dryRun: boolean,
    error: unknown,
  ): PushResult {
    const rows = requests.map((_, index) => unavailable(index, ids[index], error));
    return { dryRun, counts: { ...emptyCounts(), failed: rows.length }, rows };
  }

  /** One change through the same path as a push, turned into an exception when it fails. */
  async change(
    definition: RecordDefinition,
    principal: Principal,
    request: ChangeRequest,
  ): Promise<RowOutcome> {
    const { rows } = await this.push(definition, principal, [request], false);
    const outcome = rows[0]!;
    switch (outcome.status) {
      case 'invalid':
        // A delete carries no values: the only thing wrong with it can be that there is no such record.
        if (request.delete)
          throw new NotFoundError(
            `${capitalised(outcome.errors?.[0]?.message ?? 'there is no such record')}.`,
          );
        throw new ValidationFailedError(outcome.errors ?? []);
      case 'forbidden':
        throw new AccessDeniedError(outcome.message!);
      case 'conflict':
        throw new VersionConflictError(outcome.message!, outcome.current);
      case 'failed':
        throw new UnavailableError(outcome.message!);
      default:
        return outcome;
    }
  }

  /**
   * Refuses, before anything is read, a principal who may write no record of this type at all
   * (for a route that must read the record before changing it, such as a merge patch).
   */
  requireWriter(definition: RecordDefinition, principal: Principal): void {
    const refusal = identityWriteRefusal(principal, definition);
    if (refusal) throw new AccessDeniedError(refusal);
  }

  /** The editable values of a record (without derived fields), for merging a partial update. */
  editableValues(definition: RecordDefinition, record: StoredRecord): Values {
    const values = { ...record.values };
    for (const name of Object.keys(definition.derived ?? {})) delete values[name];
    return values;
  }
}
