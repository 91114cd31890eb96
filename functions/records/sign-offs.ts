import type { FieldError, Values } from './definition.ts';
import { boolean as booleanField, type FieldMeta, fieldMeta } from './fields.ts';

/**
 * Sign-offs: the two parties' recorded consent to a record's text. The source documents ask for
 * it three times: the mayor and the adviser agree the expectations (agreements), both parties
 * agree communications before release, each party confirms publicity acknowledges the other.
 *
 * A sign-off belongs to the record (a system field, like `version`), so giving one is a change
 * of the record with its own history entry, a sheet sees it after a pull, and a change to a
 * signed field can void it in the same write.
 */

/** The two parties of the partnership. */
export const PARTIES = ['ceg', 'taskforce'] as const;
export type Party = (typeof PARTIES)[number];

export const PARTY_NAMES: Record<Party, string> = {
  ceg: 'the Community Employment Group',
  taskforce: 'the Mayors Taskforce for Jobs',
};

export const PARTY_SHORT_NAMES = { ceg: 'CEG', taskforce: 'Taskforce' } as const satisfies Record<
  Party,
  string
>;

/** What a party agreed to: the record version and the signed fields' values at that version. */
export interface GivenSignOff {
  by: string;
  at: string;
  version: number;
  /** The signed fields as they were when agreed; a later change to any of them voids the sign-off. */
  text: Values;
  comment?: string;
}

/** One party's sign-off on one record. */
export interface SignOffState {
  party: Party;
  /** `awaiting` until a member of the party agrees the current text; `given` once they have. */
  state: 'awaiting' | 'given';
  requestedBy?: string;
  requestedAt?: string;
  /** A named person asked to sign (email); anyone of the party with reach may still sign. */
  requestedOf?: string;
  requestComment?: string;
  /** The current consent, while `state` is `given`. */
  given?: GivenSignOff;
  /** The most recent consent, kept after it is voided or withdrawn so people can see what changed since. */
  lastGiven?: GivenSignOff;
  /** Why the party is awaited again: the signed text changed, or the sign-off was withdrawn. */
  reopened?: { reason: 'changed' | 'withdrawn'; by: string; at: string; fields?: string[]; comment?: string };
  /** "Not yet", with a comment: the party is still awaited, and says why. */
  notYet?: { by: string; at: string; comment: string };
}

export type SignOffs = Partial<Record<Party, SignOffState>>;

/**
 * How a record type takes sign-offs; declared once on its definition. `Flag` is the names of the
 * two derived flags, kept as literals so the values a record stores can be typed with them.
 */
export interface SignOffSpec<Flag extends string = string> {
  /** The fields whose text the parties sign; a change to any of them voids a given sign-off. */
  signedFields: readonly string[];
  /** Statuses that need both parties' current sign-offs (agreed, released, published). */
  needsBoth: readonly string[];
  /** The derived booleans that show each party's sign-off (kept for the add-on and API consumers). */
  flags: Record<Party, { name: Flag; title: string; help: string }>;
  /** What signing means for this type, in a sentence for people (the sign-off page, refusals). */
  meaning: string;
  /** A field naming the record for people (the sign-off page's list). */
  titleField: string;
  /** When both parties have agreed and the record is in one of these statuses, it moves to `to`. */
  onBothAgreed?: { from: readonly string[]; to: string; dateField?: string };
  /** A status needing both that falls back when a sign-off is withdrawn; absent statuses refuse withdrawal. */
  onWithdrawn?: Record<string, string>;
}

/** The signed fields' current values, the text a sign-off is given to. */
export function signedText(spec: SignOffSpec, values: Values): Values {
  const text: Values = {};
  for (const field of spec.signedFields) if (values[field] !== undefined) text[field] = values[field];
  return text;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The signed fields whose values differ between two versions of a record's values. */
export function changedSignedFields(spec: SignOffSpec, before: Values, after: Values): string[] {
  return spec.signedFields.filter((field) => !same(before[field], after[field]));
}

/**
 * The sign-offs after a change of values: a given sign-off whose signed text changed is voided
 * (the party is awaited again, with its last consent kept for the diff); others are kept.
 */
export function voidChangedSignOffs(
  spec: SignOffSpec,
  signOffs: SignOffs | undefined,
  after: Values,
  by: string,
  at: string,
): SignOffs | undefined {
  if (!signOffs) return undefined;
  const result: SignOffs = {};
  for (const party of PARTIES) {
    const state = signOffs[party];
    if (!state) continue;
    const fields = state.given ? changedSignedFields(spec, state.given.text, after) : [];
    if (state.state === 'given' && state.given && fields.length > 0) {
      const { given, notYet: _notYet, ...rest } = state;
      result[party] = {
        ...rest,
        state: 'awaiting',
        lastGiven: given,
        reopened: { reason: 'changed', by, at, fields },
      };
    } else {
      result[party] = state;
    }
  }
  return result;
}

function isGiven(signOffs: SignOffs | undefined, party: Party): boolean {
  return signOffs?.[party]?.state === 'given';
}

/** The parties whose current sign-off is missing. */
function missingParties(signOffs: SignOffs | undefined): Party[] {
  return PARTIES.filter((party) => !isGiven(signOffs, party));
}

function whoIsAwaited(signOffs: SignOffs | undefined, party: Party): string {
  const asked = signOffs?.[party]?.requestedOf;
  return asked ? `${PARTY_NAMES[party]} (asked of ${asked})` : PARTY_NAMES[party];
}

/** The refusal of a status that needs both parties while a current sign-off is missing. */
export function statusRefusal(
  spec: SignOffSpec,
  label: string,
  values: Values,
  signOffs: SignOffs | undefined,
): FieldError[] {
  const status = values.status as string | undefined;
  if (!status || !spec.needsBoth.includes(status)) return [];
  const missing = missingParties(signOffs);
  if (missing.length === 0) return [];
  const names = missing.map((party) => whoIsAwaited(signOffs, party));
  const voided = missing.some((party) => signOffs?.[party]?.reopened?.reason === 'changed');
  return [
    {
      field: 'status',
      message: `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label} can be "${status}" only when both parties have signed off its current text: ${names.join(' and ')} ${missing.length > 1 ? 'have' : 'has'} not agreed yet${voided ? ' (the text changed after it was agreed, so that agreement no longer counts)' : ''}. Request their sign-off, or keep the status as it was`,
      received: status,
    },
  ];
}

/** Field descriptions of the derived sign-off flags, for a definition's `derived` map. */
export function signOffFlagFields(
  spec: SignOffSpec,
): Record<string, { meta: FieldMeta; fromSignOffs: (signOffs: SignOffs | undefined) => boolean }> {
  const fields: Record<string, { meta: FieldMeta; fromSignOffs: (s: SignOffs | undefined) => boolean }> = {};
  for (const party of PARTIES) {
    const flag = spec.flags[party];
    const meta = fieldMeta(booleanField({ title: flag.title, help: flag.help }))!;
    fields[flag.name] = { meta, fromSignOffs: (signOffs) => isGiven(signOffs, party) };
  }
  return fields;
}

function describeState(state: SignOffState | undefined): string | undefined {
  if (!state) return undefined;
  if (state.state === 'given') return `agreed by ${state.given?.by} (version ${state.given?.version})`;
  if (state.reopened?.reason === 'changed') return 'awaited again: the signed text changed';
  if (state.reopened?.reason === 'withdrawn') return `awaited again: withdrawn by ${state.reopened.by}`;
  return state.requestedOf ? `awaited from ${state.requestedOf}` : 'awaited';
}

/** History lines for sign-off changes, in the same shape as field changes. */
export function signOffChanges(
  before: SignOffs | undefined,
  after: SignOffs | undefined,
): { field: string; from?: unknown; to?: unknown }[] {
  const changes: { field: string; from?: unknown; to?: unknown }[] = [];
  for (const party of PARTIES) {
    const from = describeState(before?.[party]);
    const to = describeState(after?.[party]);
    if (from !== to || JSON.stringify(before?.[party] ?? null) !== JSON.stringify(after?.[party] ?? null)) {
      changes.push({ field: `signOff.${party}`, from, to });
    }
  }
  return changes;
}
