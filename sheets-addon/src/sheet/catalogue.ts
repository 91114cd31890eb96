import type { ChangeRequest } from '../../../functions/domain/push-rows.ts';
import type {
  FieldDescription,
  StoredRecord,
  TypeDescription,
  Values,
} from '../../../functions/records/definition.ts';

export type { PushResult, RowOutcome } from '../../../functions/domain/push-rows.ts';
/**
 * The record types (`GET /v1/types`) and the sync routes' records and row outcomes, as the API
 * sends them. They are the server's own types, read with `import type`: esbuild drops type-only
 * imports, so none of the server's code goes into the add-on's bundle, yet a change to a field
 * description, a record or a row outcome that the add-on does not follow fails `npm run
 * typecheck` instead of a sheet. The server modules named here are therefore type-checked with
 * the add-on's settings too (ES2020, no Node types); keep them free of newer library calls.
 */
export type {
  FieldDescription,
  FieldError,
  TypeDescription,
  Values,
} from '../../../functions/records/definition.ts';
export type { FieldKind } from '../../../functions/records/fields.ts';

/** A record as the sync routes return it. */
export type ApiRecord = StoredRecord;

/** One requested change in a push, with the values read from the row. */
export type PushRow = Omit<ChangeRequest, 'values'> & { values?: Values };

/** Fields a person may type into (derived fields are set by the server and refused on input). */
export function editableFields(type: TypeDescription): FieldDescription[] {
  return type.fields.filter((f) => !f.derived);
}

/** Keeps only the editable fields of a record's values, for sending back. */
export function editableValues(type: TypeDescription, values: Values): Values {
  const out: Values = {};
  for (const field of editableFields(type)) {
    if (values[field.name] !== undefined) out[field.name] = values[field.name];
  }
  return out;
}
