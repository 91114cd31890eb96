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
  const reason = (error instanceof UnavailableError && error.reason) || (error as Error)?.name || 'error';
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
   *
   * Rows that create a record under an id of the client's (or a fresh one) are planned without
   * reading the record first: their write is conditional on the record not existing, so should it
   * exist after all, the write fails alone and the row goes the normal way (read, plan, write), as
   * does such a row whose plan came to anything but a write. Outcomes are therefore exactly those
   * of reading every row first; a push of new rows just needs no read.
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
    // Creates under a client's id or a fresh one: a natural id names a record that may well exist
    // (reference data loaded again), and a dry run must say what would happen without writing.
    const unread = new Set<number>();
    if (!dryRun) {
      requests.forEach((request, index) => {
        const values = parsed[index]?.values;
        if (request.delete || request.baseVersion !== undefined || duplicates.has(index) || !values) return;
        if (!definition.naturalId?.(values as never)) unread.add(index);
      });
    }
    let current: Map<string, StoredRecord>;
    try {
      const toRead = [...seen].filter(([, index]) => !unread.has(index)).map(([id]) => id);
      current = toRead.length > 0 ? await this.store.getMany(definition.type, toRead) : new Map();
    } catch (error) {
      this.reportFailure('Reading the records of a push failed', error);
      return this.allFailed(requests, ids, dryRun, error);
    }
    for (const record of current.values()) lookups.remember(record);

    const plan = (
      index: number,
      existing: StoredRecord | undefined,
    ): Promise<PlannedChange> | PlannedChange => {
      const request = requests[index]!;
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
      const change = request.delete
        ? planner.plan(index, request, existing, at)
        : planner.plan(index, { ...request, id: ids[index] }, existing, at, parsed[index]);
      // A look-up the database could not answer fails this row, not the whole push.
      return change.catch((error: unknown) => {
        this.reportFailure('A look-up for a row of a push failed', error);
        return { outcome: unavailable(index, ids[index], error) };
      });
    };

    const planned = await Promise.all(
      requests.map((_, index) =>
        plan(index, unread.has(index) || !ids[index] ? undefined : current.get(ids[index])),
      ),
    );
    // Planned without its record and not a write (refused, say): plan it again with the record.
    const again = [...unread].filter(
      (index) => !planned[index]!.write && planned[index]!.outcome.status !== 'failed',
    );
    if (!dryRun) {
      const existed = await this.write(
        definition,
        planned.filter((p) => p.write),
        (p) => unread.has(p.outcome.index),
      );
      again.push(...existed);
    }
    if (again.length > 0) await this.planAgain(again, plan, planned, ids, definition, lookups);
    const rows = planned.map((p) => p.outcome);
    const counts = emptyCounts();
    for (const row of rows) counts[row.status]++;
    return { dryRun, counts, rows };
  }

  /** The normal way for rows first planned without their record: read them, plan again, write. */
  private async planAgain(
    indices: number[],
    plan: (index: number, existing: StoredRecord | undefined) => Promise<PlannedChange> | PlannedChange,
    planned: PlannedChange[],
    ids: (string | undefined)[],
    definition: RecordDefinition,
    lookups: RequestLookups,
  ): Promise<void> {
    let fresh: Map<string, StoredRecord>;
    try {
      fresh = await this.store.getMany(
        definition.type,
        indices.map((index) => ids[index]!),
      );
    } catch (error) {
      this.reportFailure('Reading the records of a push failed', error);
      for (const index of indices) planned[index] = { outcome: unavailable(index, ids[index], error) };
      return;
    }
    for (const record of fresh.values()) lookups.remember(record);
    const replanned = await Promise.all(indices.map((index) => plan(index, fresh.get(ids[index]!))));
    indices.forEach((index, i) => {
      planned[index] = replanned[i]!;
    });
    await this.write(
      definition,
      replanned.filter((p) => p.write),
      () => false,
    );
  }

  /**
   * Stores planned changes and settles each outcome: failed, saved, or in conflict with a change
   * made meanwhile. A change written without reading its record (`unread`) that finds the record
   * exists is handed back by index, to go the normal way. A retried write whose first attempt
   * committed (its answer lost) fails its own condition; the record as stored is then exactly this
   * write, and it is reported saved.
   */
  private async write(
    definition: RecordDefinition,
    toWrite: PlannedChange[],
    unread: (p: PlannedChange) => boolean,
  ): Promise<number[]> {
    if (toWrite.length === 0) return [];
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
        p.outcome.message = `This row ${result.reason}; nothing was changed for this row. Push again.`;
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
    if (conflicted.length === 0) return [];
    const fresh = await this.store.getMany(
      definition.type,
      conflicted.map((p) => p.outcome.id!),
    );
    const existed: number[] = [];
    for (const p of conflicted) {
      const { outcome, write } = p;
      const current = fresh.get(outcome.id!);
      if (current && isSameWrite(current, write!.record)) continue;
      if (unread(p)) {
        existed.push(outcome.index);
        continue;
      }
      outcome.status = 'conflict';
      outcome.message = 'someone else changed this record at the same moment; keep yours or take theirs';
      delete outcome.record;
      outcome.current = current;
      outcome.version = current?.version;
    }
    return existed;
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
        // Not the push's row wording ("push again"): this is one change, sent by itself.
        throw new UnavailableError('The database did not answer.', {
          dependency: 'database',
        });
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
