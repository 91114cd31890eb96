import { editableFields, type TypeDescription, type Values } from './catalogue.ts';
import { displayValue } from './cell-values.ts';
import type { PushCandidate } from './push-plan.ts';
import { canonicalJson } from './row-state.ts';

/**
 * What a push will send, field by field, for the preview: each new record's values, and each
 * changed record's fields as "old → new" (a cleared value says so). The preview's plan also gets
 * a token, a hash of the exact requests, so that "Push now" can send exactly what was previewed
 * or say that the sheet changed since.
 */

export interface FieldChange {
  field: string;
  title: string;
  /** The value at the last sync, as shown ("(empty)" for none); absent for a new record. */
  from?: string;
  /** The value to be sent, as shown, or "(cleared)". */
  to: string;
}

export interface RecordChange {
  tab: string;
  /** Sheet row (1-based, header included). */
  row: number;
  id?: string;
  kind: PushCandidate['kind'];
  fields: FieldChange[];
}

function comparable(value: unknown): string {
  return value === undefined || value === null || value === '' ? '' : canonicalJson(value);
}

/** One candidate's changes, in the preview's words. */
export function recordChange(type: TypeDescription, candidate: PushCandidate): RecordChange {
  const sent: Values = candidate.request.values ?? {};
  const before: Values = candidate.kind === 'new' ? {} : (candidate.row.synced?.values ?? {});
  const fields: FieldChange[] = [];
  for (const field of editableFields(type)) {
    const now = comparable(sent[field.name]);
    const then = comparable(before[field.name]);
    if (now === then) continue;
    const to = now === '' ? '(cleared)' : displayValue(sent[field.name]);
    fields.push(
      candidate.kind === 'new'
        ? { field: field.name, title: field.title, to }
        : { field: field.name, title: field.title, from: displayValue(before[field.name]), to },
    );
  }
  return {
    tab: type.pluralLabel,
    row: candidate.row.index + 2,
    ...(candidate.request.id ? { id: candidate.request.id } : {}),
    kind: candidate.kind,
    fields,
  };
}

/**
 * A short hash of the exact requests a push would send (two 32-bit FNV-1a lanes): equal plans
 * give equal tokens, and any change to an id, a version or a value changes it.
 */
export function planToken(plan: readonly { type: string; requests: readonly unknown[] }[]): string {
  const text = canonicalJson(plan);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x5bd1e995) >>> 0;
    b = (b ^ (b >>> 15)) >>> 0;
  }
  return `${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}
