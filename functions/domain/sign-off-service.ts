import type { RecordDefinition, StoredRecord, Values } from '../records/definition.ts';
import {
  changedSignedFields,
  PARTIES,
  PARTY_NAMES,
  type Party,
  type SignOffSpec,
  type SignOffState,
  type SignOffs,
  signedText,
  signOffChanges,
} from '../records/sign-offs.ts';
import { diffValues } from './change-planner.ts';
import {
  AccessDeniedError,
  BadRequestError,
  GoneError,
  NotFoundError,
  UnavailableError,
  VersionConflictError,
} from './errors.ts';
import { RequestLookups } from './lookups.ts';
import { type Principal, partyOf, requireRead, signOffRefusal } from './principal.ts';
import type { ChangeOp, HistoryEntry, RecordRepository } from './record-repository.ts';
import { placeOfRecord } from './record-service.ts';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_COMMENT = 2000;

export interface SignOffRequest {
  party: Party;
  /** A person of that party asked by name (email); anyone of the party with reach may still sign. */
  requestedOf?: string;
  comment?: string;
}

export interface SignOffResponse {
  /** The version whose text the person read and answers to. */
  version: number;
  comment?: string;
}

function checkComment(comment: unknown, required: boolean): string | undefined {
  if (comment === undefined || comment === null || comment === '') {
    if (required) {
      throw new BadRequestError('Say why not yet in a comment, so the other party knows what to change.', [
        { field: 'comment', message: 'write a comment' },
      ]);
    }
    return undefined;
  }
  if (typeof comment !== 'string' || comment.length > MAX_COMMENT) {
    throw new BadRequestError(`A comment is text of at most ${MAX_COMMENT} characters.`, [
      { field: 'comment', message: `expected text of at most ${MAX_COMMENT} characters`, received: comment },
    ]);
  }
  return comment.trim() || undefined;
}

/**
 * The sign-off use cases: request a party's sign-off, give it to the text one read, say "not
 * yet" with a comment, withdraw it. Each is a change of the record (a new version with a history
 * entry), conditional on the version read, so a sign-off can never attach to text nobody saw.
 */
export class SignOffService {
  constructor(private readonly store: RecordRepository) {}

  async request(
    definition: RecordDefinition,
    principal: Principal,
    id: string,
    request: SignOffRequest,
  ): Promise<StoredRecord> {
    const { record, spec } = await this.load(definition, principal, id);
    if (principal.kind !== 'user' || principal.role === 'viewer') {
      throw new AccessDeniedError('Only a person who works on this record can request a sign-off.');
    }
    if (!PARTIES.includes(request.party)) {
      throw new BadRequestError('Name the party whose sign-off you request: "ceg" or "taskforce".', [
        { field: 'party', message: 'expected ceg or taskforce', received: request.party },
      ]);
    }
    const requestedOf = request.requestedOf?.trim().toLowerCase() || undefined;
    if (requestedOf !== undefined && !EMAIL_RE.test(requestedOf)) {
      throw new BadRequestError('requestedOf is the email address of the person asked to sign.', [
        {
          field: 'requestedOf',
          message: 'expected an email address like mayor@council.govt.nz',
          received: request.requestedOf,
        },
      ]);
    }
    const comment = checkComment(request.comment, false);
    const state = record.signOffs?.[request.party];
    if (state?.state === 'given') {
      throw new BadRequestError(
        `${PARTY_NAMES[request.party]} has already agreed the current text (${state.given?.by}, ${state.given?.at}).`,
      );
    }
    const at = new Date().toISOString();
    const next: SignOffState = {
      ...(state ?? {}),
      party: request.party,
      state: 'awaiting',
      requestedBy: principal.id,
      requestedAt: at,
      ...(requestedOf ? { requestedOf } : {}),
      ...(comment ? { requestComment: comment } : {}),
    };
    if (!requestedOf) delete next.requestedOf;
    if (!comment) delete next.requestComment;
    return this.write(
      definition,
      spec,
      principal,
      record,
      { ...record.signOffs, [request.party]: next },
      at,
      {
        op: 'sign-off-requested',
      },
    );
  }

  /** Gives the principal's party's sign-off to the text of the version they read. */
  async give(
    definition: RecordDefinition,
    principal: Principal,
    id: string,
    response: SignOffResponse,
  ): Promise<StoredRecord> {
    const { record, spec } = await this.load(definition, principal, id);
    const party = this.requireSigner(principal, record);
    const comment = checkComment(response.comment, false);
    await this.requireSameText(definition, spec, record, response.version);
    const state = record.signOffs?.[party];
    if (state?.state === 'given') return record;
    const at = new Date().toISOString();
    const { notYet: _notYet, reopened: _reopened, ...kept } = state ?? ({} as Partial<SignOffState>);
    const signOffs: SignOffs = {
      ...record.signOffs,
      [party]: {
        ...kept,
        party,
        state: 'given',
        given: {
          by: principal.id,
          at,
          version: response.version,
          text: signedText(spec, record.values),
          ...(comment ? { comment } : {}),
        },
      },
    };
    // The other party is now awaited, unless it is already (or has agreed).
    const other = PARTIES.find((p) => p !== party)!;
    if (!signOffs[other]) {
      signOffs[other] = { party: other, state: 'awaiting', requestedBy: principal.id, requestedAt: at };
    }
    return this.write(definition, spec, principal, record, signOffs, at, { op: 'signed-off' });
  }

  /** "Not yet": the party is still awaited, and the comment says what needs to change. */
  async notYet(
    definition: RecordDefinition,
    principal: Principal,
    id: string,
    response: SignOffResponse,
  ): Promise<StoredRecord> {
    const { record, spec } = await this.load(definition, principal, id);
    const party = this.requireSigner(principal, record);
    const comment = checkComment(response.comment, true)!;
    await this.requireSameText(definition, spec, record, response.version);
    const state = record.signOffs?.[party];
    if (state?.state === 'given') {
      throw new BadRequestError(
        `${PARTY_NAMES[party]} has agreed the current text; withdraw that sign-off (with a comment) instead.`,
      );
    }
    const at = new Date().toISOString();
    const signOffs: SignOffs = {
      ...record.signOffs,
      [party]: {
        ...(state ?? { party }),
        party,
        state: 'awaiting',
        notYet: { by: principal.id, at, comment },
      },
    };
    return this.write(definition, spec, principal, record, signOffs, at, { op: 'sign-off-not-yet' });
  }

  /** Withdraws the principal's party's sign-off; the party is awaited again. */
  async withdraw(
    definition: RecordDefinition,
    principal: Principal,
    id: string,
    response: { comment?: string; version?: number },
  ): Promise<StoredRecord> {
    const { record, spec } = await this.load(definition, principal, id);
    const party = this.requireSigner(principal, record);
    const comment = checkComment(response.comment, false);
    const state = record.signOffs?.[party];
    if (state?.state !== 'given' || !state.given) {
      throw new BadRequestError(
        `${PARTY_NAMES[party]} has not agreed the current text, so there is nothing to withdraw.`,
      );
    }
    const status = record.values.status as string | undefined;
    let values = record.values;
    if (status && spec.needsBoth.includes(status)) {
      const fallback = spec.onWithdrawn?.[status];
      if (!fallback) {
        throw new BadRequestError(
          `This ${definition.label.toLowerCase()} is already "${status}", so its sign-offs can no longer be withdrawn.`,
        );
      }
      // A status that needs both parties cannot outlive a withdrawn sign-off.
      values = { ...values, status: fallback };
    }
    const at = new Date().toISOString();
    const { given, notYet: _notYet, ...rest } = state;
    const signOffs: SignOffs = {
      ...record.signOffs,
      [party]: {
        ...rest,
        state: 'awaiting',
        lastGiven: given,
        reopened: { reason: 'withdrawn', by: principal.id, at, ...(comment ? { comment } : {}) },
      },
    };
    return this.write(definition, spec, principal, record, signOffs, at, {
      op: 'sign-off-withdrawn',
      values,
    });
  }

  private async load(definition: RecordDefinition, principal: Principal, id: string) {
    const spec = definition.signOff;
    if (!spec) {
      throw new NotFoundError(
        `${definition.pluralLabel} do not take sign-offs; agreements, communications and publicity do.`,
      );
    }
    const record = await this.store.get(definition.type, id);
    if (!record) throw new NotFoundError(`There is no ${definition.label.toLowerCase()} with id "${id}".`);
    requireRead(principal, definition, placeOfRecord(record));
    if (record.deletedAt) {
      throw new GoneError(
        `This ${definition.label.toLowerCase()} was deleted; it takes no sign-offs.`,
        record,
      );
    }
    return { record, spec };
  }

  private requireSigner(principal: Principal, record: StoredRecord): Party {
    const party = partyOf(principal);
    const refusal = signOffRefusal(principal, party, placeOfRecord(record));
    if (refusal) throw new AccessDeniedError(refusal);
    return party;
  }

  /** The signer read `version`; refuse if the signed text changed since, whatever else changed. */
  private async requireSameText(
    definition: RecordDefinition,
    spec: SignOffSpec,
    record: StoredRecord,
    version: number,
  ): Promise<void> {
    if (!Number.isInteger(version) || version < 1) {
      throw new BadRequestError('Say which version you read and agree to ("version": 3).', [
        {
          field: 'version',
          message: 'expected the version number of the record you read',
          received: version,
        },
      ]);
    }
    if (version === record.version) return;
    const read =
      version < record.version ? await this.store.version(definition.type, record.id, version) : undefined;
    const changed = read ? changedSignedFields(spec, read.record.values, record.values) : spec.signedFields;
    if (!read || changed.length > 0) {
      throw new VersionConflictError(
        `The text changed after you read version ${version} (${changed.join(', ')} now differ${changed.length === 1 ? 's' : ''}; it is at version ${record.version}). Read it again before you answer.`,
        record,
      );
    }
  }

  private async write(
    definition: RecordDefinition,
    spec: SignOffSpec,
    principal: Principal,
    record: StoredRecord,
    signOffs: SignOffs,
    at: string,
    change: { op: ChangeOp; values?: Values },
  ): Promise<StoredRecord> {
    let values: Values = { ...(change.values ?? record.values) };
    const both = PARTIES.every((p) => signOffs[p]?.state === 'given');
    const advance = spec.onBothAgreed;
    if (both && advance?.from.includes(values.status as string)) {
      const lookups = new RequestLookups(this.store);
      values = {
        ...values,
        status: advance.to,
        ...(advance.dateField ? { [advance.dateField]: lookups.today } : {}),
      };
    }
    const lookups = new RequestLookups(this.store);
    for (const [name, derived] of Object.entries(definition.derived ?? {})) {
      values[name] = await derived.derive(values as never, lookups, signOffs);
    }
    const version = record.version + 1;
    const next: StoredRecord = {
      ...record,
      version,
      updatedAt: at,
      updatedBy: principal.id,
      values,
      signOffs,
    };
    const history: HistoryEntry = {
      version,
      op: change.op,
      at,
      by: principal.id,
      changes: [...diffValues(record.values, values), ...signOffChanges(record.signOffs, signOffs)],
      record: next,
    };
    const [outcome] = await this.store.writeAll([
      { record: next, previous: record, expectedVersion: record.version, history },
    ]);
    if (outcome!.status === 'conflict') {
      throw new VersionConflictError(
        'Someone changed this record at the same moment; read it again and answer once more.',
        await this.store.get(definition.type, record.id),
      );
    }
    if (outcome!.status === 'failed')
      throw new UnavailableError(`The sign-off ${outcome!.reason}.`, {
        cause: outcome!.cause,
        dependency: 'database',
      });
    return next;
  }
}
