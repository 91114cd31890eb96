import { ulid } from 'ulid';
import type { FieldError, RecordDefinition, StoredRecord, Values } from '../records/definition.ts';
import { fieldErrorsFromZod } from '../records/field-errors.ts';
import { definitionForType } from '../records/registry.ts';
import { requireReferencesExist } from '../records/rules.ts';
import { signOffChanges, statusRefusal, voidChangedSignOffs } from '../records/sign-offs.ts';
import { canonicalJson } from './canonical-json.ts';
import type { RequestLookups } from './lookups.ts';
import { canRead, type Principal, type RecordPlace, writeRefusal } from './principal.ts';
import type { ChangeRequest, RowOutcome } from './push-rows.ts';
import type { ChangeOp, FieldChange, PendingWrite } from './record-repository.ts';

/** A planned change: either already decided (invalid, unchanged, …) or a write to attempt. */
export interface PlannedChange {
  outcome: RowOutcome;
  write?: PendingWrite;
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

export function diffValues(before: Values | undefined, after: Values | undefined): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of [...fields].sort()) {
    const from = before?.[field];
    const to = after?.[field];
    if (canonicalJson(from) !== canonicalJson(to)) changes.push({ field, from, to });
  }
  return changes;
}

function referenceFields(definition: RecordDefinition) {
  return definition.fields
    .filter((f) => !f.derived && (f.kind === 'reference' || f.kind === 'references'))
    .map((f) => ({ name: f.name, refType: f.refType!, many: f.kind === 'references' }));
}

/**
 * Decides what each requested change means against the stored record: validation, the domain
 * rules, region scoping, derived fields, and the version check that makes lost updates
 * impossible. Identical values are `unchanged`, so a retried request never makes a second version.
 */
export class ChangePlanner {
  private readonly checkReferences: ReturnType<typeof requireReferencesExist>;
  private readonly checkReachableReferences: ReturnType<typeof requireReferencesExist>;

  constructor(
    private readonly definition: RecordDefinition,
    private readonly principal: Principal,
    private readonly lookups: RequestLookups,
  ) {
    // The shared-scope field names a record of another region on purpose (a buddy pair's second
    // group); every other reference must be one the writer can read.
    const shared = definition.sharedScope?.field;
    this.checkReferences = requireReferencesExist(
      referenceFields(definition).filter((f) => f.name === shared),
    );
    this.checkReachableReferences = requireReferencesExist(
      referenceFields(definition).filter((f) => f.name !== shared),
    );
  }

  /** Parses and checks values alone: the schema and the value-only rules. */
  parseValues(input: unknown): { values?: Values; errors: FieldError[] } {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      return {
        errors: [{ field: 'values', message: 'expected an object of field values', received: input }],
      };
    }
    const parsed = this.definition.schema.safeParse(input);
    if (!parsed.success) return { errors: fieldErrorsFromZod(this.definition, parsed.error, input) };
    const values = parsed.data as Values;
    return { values, errors: this.definition.refine?.(values) ?? [] };
  }

  /** The id a new record gets: its natural key, the client's id, or a fresh ULID. */
  idFor(request: ChangeRequest, values: Values | undefined): { id?: string; error?: FieldError } {
    const natural = values && this.definition.naturalId?.(values as never);
    if (natural) {
      if (request.id && request.id !== natural) {
        return {
          error: {
            field: 'id',
            message: `${this.definition.label.toLowerCase()} ids come from their values; this one must be "${natural}"`,
            received: request.id,
          },
        };
      }
      return { id: natural };
    }
    if (request.id !== undefined) {
      if (typeof request.id !== 'string' || !ID_RE.test(request.id)) {
        return {
          error: {
            field: 'id',
            message: 'expected an id of letters, digits, "-" or "_" (at most 100), such as a UUID',
            received: request.id,
          },
        };
      }
      return { id: request.id };
    }
    return { id: values ? ulid() : undefined };
  }

  /** Plans one change; `parsed` is the row's already-parsed values when the caller has them. */
  async plan(
    index: number,
    request: ChangeRequest,
    current: StoredRecord | undefined,
    at: string,
    parsed = this.parseValues(request.values),
  ): Promise<PlannedChange> {
    if (request.delete) return this.planDelete(index, request, current, at);
    const { id, error } = this.idFor(request, parsed.values);
    const errors = [...(error ? [error] : []), ...parsed.errors];
    if (!parsed.values || errors.length > 0) return { outcome: { index, id, status: 'invalid', errors } };
    const values = parsed.values;
    const recordId = id!;

    // Access before look-ups: what can be refused without reading other records is refused first,
    // and references are checked only among records the writer may read, so an answer never tells
    // whether a record exists in a region the writer cannot see.
    const knownPlaces = [
      ...(current && !current.deletedAt ? [placeOfStored(current)] : []),
      ...this.placeWithoutLookups(recordId, values),
    ];
    for (const where of knownPlaces) {
      const refusal = writeRefusal(this.principal, this.definition, where);
      if (refusal) return { outcome: { index, id: recordId, status: 'forbidden', message: refusal } };
    }
    const referenceErrors = [
      ...(await this.checkReachableReferences(values, this.readableLookups(current))),
      ...(await this.checkReferences(values, this.lookups)),
    ];
    if (referenceErrors.length > 0)
      return { outcome: { index, id: recordId, status: 'invalid', errors: referenceErrors } };

    const place = await this.placeOf(recordId, values);
    const { regionId, councilId, sharedRegionId } = place;
    // Moving a record needs reach where it was and where it goes.
    for (const where of current && !current.deletedAt ? [place, placeOfStored(current)] : [place]) {
      const refusal = writeRefusal(this.principal, this.definition, where);
      if (refusal) return { outcome: { index, id: recordId, status: 'forbidden', message: refusal } };
    }

    const ruleErrors = (
      await Promise.all(this.definition.rules.map((rule) => rule(values, this.lookups, current)))
    ).flat();
    if (ruleErrors.length > 0)
      return { outcome: { index, id: recordId, status: 'invalid', errors: ruleErrors } };

    const live = current && !current.deletedAt ? current : undefined;
    // A change to signed text voids the sign-offs given to it; a status needing both is then refused.
    const spec = this.definition.signOff;
    const signOffs = spec
      ? voidChangedSignOffs(spec, current?.signOffs, values, this.principal.id, at)
      : undefined;
    if (spec) {
      const refusal = statusRefusal(spec, this.definition.label.toLowerCase(), values, signOffs);
      if (refusal.length > 0) return { outcome: { index, id: recordId, status: 'invalid', errors: refusal } };
    }

    const stored = { ...values };
    for (const [name, derived] of Object.entries(this.definition.derived ?? {})) {
      stored[name] = await derived.derive(values as never, this.lookups, signOffs);
    }

    if (
      live &&
      canonicalJson(live.values) === canonicalJson(stored) &&
      live.regionId === regionId &&
      live.sharedRegionId === sharedRegionId
    ) {
      return { outcome: { index, id: recordId, status: 'unchanged', version: live.version, record: live } };
    }
    const conflict = this.versionConflict(index, recordId, request, current);
    if (conflict) return conflict;

    const op: ChangeOp = !current ? 'created' : current.deletedAt ? 'restored' : 'updated';
    const version = (current?.version ?? 0) + 1;
    const record: StoredRecord = {
      id: recordId,
      type: this.definition.type,
      regionId,
      ...(councilId ? { councilId } : {}),
      ...(sharedRegionId && sharedRegionId !== regionId ? { sharedRegionId } : {}),
      version,
      createdAt: current?.createdAt ?? at,
      createdBy: current?.createdBy ?? this.principal.id,
      updatedAt: at,
      updatedBy: this.principal.id,
      values: stored,
      ...(signOffs ? { signOffs } : {}),
    };
    return {
      outcome: { index, id: recordId, status: op === 'updated' ? 'updated' : 'created', version, record },
      write: {
        record,
        previous: current,
        expectedVersion: current ? current.version : null,
        history: {
          version,
          op,
          at,
          by: this.principal.id,
          changes: [...diffValues(live?.values, stored), ...signOffChanges(live?.signOffs, signOffs)],
          record,
        },
      },
    };
  }

  private versionConflict(
    index: number,
    id: string,
    request: ChangeRequest,
    current: StoredRecord | undefined,
  ): PlannedChange | undefined {
    const label = this.definition.label.toLowerCase();
    if (!current) {
      if (request.baseVersion === undefined) return undefined;
      return {
        outcome: {
          index,
          id,
          status: 'invalid',
          errors: [
            {
              field: 'baseVersion',
              message: `there is no ${label} with id "${id}" to update; leave out baseVersion to create it`,
              received: request.baseVersion,
            },
          ],
        },
      };
    }
    if (request.baseVersion === current.version) return undefined;
    const message =
      request.baseVersion === undefined
        ? `a ${label} with id "${id}" already exists (version ${current.version}); pull it and edit that version`
        : current.deletedAt
          ? `this ${label} was deleted by ${current.deletedBy} at ${current.deletedAt} after you read version ${request.baseVersion}`
          : `this ${label} was changed by ${current.updatedBy} at ${current.updatedAt} (now version ${current.version}) after you read version ${request.baseVersion}; keep yours or take theirs`;
    return { outcome: { index, id, status: 'conflict', version: current.version, current, message } };
  }

  private planDelete(
    index: number,
    request: ChangeRequest,
    current: StoredRecord | undefined,
    at: string,
  ): PlannedChange {
    const label = this.definition.label.toLowerCase();
    const id = request.id;
    if (!id || !current) {
      return {
        outcome: {
          index,
          id,
          status: 'invalid',
          errors: [
            { field: 'id', message: `there is no ${label} with id "${id ?? ''}" to delete`, received: id },
          ],
        },
      };
    }
    const refusal = writeRefusal(this.principal, this.definition, placeOfStored(current));
    if (refusal) return { outcome: { index, id, status: 'forbidden', message: refusal } };
    // Deleting what is already deleted is a retry, not a second change.
    if (current.deletedAt)
      return { outcome: { index, id, status: 'unchanged', version: current.version, record: current } };
    if (request.baseVersion !== current.version) {
      return {
        outcome: {
          index,
          id,
          status: 'conflict',
          version: current.version,
          current,
          message:
            request.baseVersion === undefined
              ? `say which version of this ${label} you are deleting (it is at version ${current.version})`
              : `this ${label} was changed by ${current.updatedBy} at ${current.updatedAt} (now version ${current.version}) after you read version ${request.baseVersion}`,
        },
      };
    }
    const version = current.version + 1;
    const record: StoredRecord = {
      ...current,
      version,
      updatedAt: at,
      updatedBy: this.principal.id,
      deletedAt: at,
      deletedBy: this.principal.id,
    };
    return {
      outcome: { index, id, status: 'deleted', version, record },
      write: {
        record,
        previous: current,
        expectedVersion: current.version,
        history: { version, op: 'deleted', at, by: this.principal.id, changes: [], record },
      },
    };
  }

  /** The record's place when its values alone say it (a region named directly, or a region itself). */
  private placeWithoutLookups(id: string, values: Values): RecordPlace[] {
    const { scope, councilField } = this.definition;
    if (scope === 'self') return [{ regionId: id }];
    const field = this.definition.fields.find((f) => f.name === scope.field)!;
    if (field.refType !== 'region') return [];
    const councilId = councilField ? (values[councilField] as string | undefined) : undefined;
    return [{ regionId: values[scope.field] as string, councilId }];
  }

  /**
   * The request's look-ups, blind to records the writer may not read (shared reference data is
   * readable by all). References the record already holds stay visible: whoever may change a
   * record may keep what it points to (a buddy pair shared into the writer's region).
   */
  private readableLookups(current: StoredRecord | undefined): RequestLookups {
    const lookups = this.lookups;
    const principal = this.principal;
    const held = new Set(
      Object.values(current && !current.deletedAt ? current.values : {}).flatMap((v) =>
        Array.isArray(v) ? v : [v],
      ),
    );
    return Object.assign(Object.create(lookups) as RequestLookups, {
      async get(type: string, id: string) {
        const found = await lookups.get(type, id);
        const definition = definitionForType(type);
        if (!found || !definition || held.has(id)) return found;
        return canRead(principal, definition, placeOfStored(found)) ? found : undefined;
      },
    });
  }

  /**
   * Where a record belongs: its region, directly or through the record its scope field names,
   * and the region of the record its shared-scope field names (a buddy pair's second group).
   */
  private async placeOf(id: string, values: Values): Promise<RecordPlace> {
    const shared = this.definition.sharedScope;
    const own = await this.ownPlaceOf(id, values);
    if (!shared) return own;
    const partner = await this.ownPlaceOfReference(shared.field, values);
    return partner.regionId === own.regionId ? own : { ...own, sharedRegionId: partner.regionId };
  }

  private async ownPlaceOfReference(field: string, values: Values): Promise<RecordPlace> {
    const description = this.definition.fields.find((f) => f.name === field)!;
    const target = values[field] as string;
    if (description.refType === 'region') return { regionId: target };
    // References were checked before, so the record exists.
    const parent = await this.lookups.get(description.refType!, target);
    return { regionId: parent!.regionId, councilId: parent!.councilId };
  }

  private async ownPlaceOf(id: string, values: Values): Promise<RecordPlace> {
    const { scope, councilField } = this.definition;
    if (scope === 'self') return { regionId: id };
    const target = values[scope.field] as string;
    const field = this.definition.fields.find((f) => f.name === scope.field)!;
    const councilId = councilField ? (values[councilField] as string | undefined) : undefined;
    if (field.refType === 'region') return { regionId: target, councilId };
    const parent = await this.lookups.get(field.refType!, target);
    // References were checked just before, so the parent exists.
    return {
      regionId: parent!.regionId,
      councilId: councilId ?? (field.refType === 'council' ? target : parent!.councilId),
    };
  }
}

function placeOfStored(record: StoredRecord): RecordPlace {
  return { regionId: record.regionId, councilId: record.councilId, sharedRegionId: record.sharedRegionId };
}
