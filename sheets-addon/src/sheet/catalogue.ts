/**
 * The record types as the API describes them (`GET /v1/types`). The add-on is a client of the
 * HTTP API, so it keeps its own copy of these shapes rather than importing the server's code:
 * the sheet follows whatever definitions the server publishes.
 */

export type FieldKind =
  | 'text'
  | 'longText'
  | 'email'
  | 'url'
  | 'date'
  | 'quarter'
  | 'integer'
  | 'decimal'
  | 'money'
  | 'boolean'
  | 'enum'
  | 'reference'
  | 'references';

export interface FieldDescription {
  name: string;
  title: string;
  help: string;
  kind: FieldKind;
  refType?: string;
  options?: readonly string[];
  required: boolean;
  derived: boolean;
}

export interface TypeDescription {
  type: string;
  path: string;
  label: string;
  pluralLabel: string;
  description: string;
  /** Ids come from the values (one per council and quarter, say), so the add-on must not invent them. */
  naturalId: boolean;
  writableBy: readonly string[];
  fields: FieldDescription[];
}

export type Values = Record<string, unknown>;

/** A record as the sync routes return it. */
export interface ApiRecord {
  id: string;
  type: string;
  regionId: string;
  councilId?: string;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  deletedAt?: string;
  deletedBy?: string;
  values: Values;
}

export type RowStatus =
  | 'created'
  | 'updated'
  | 'deleted'
  | 'unchanged'
  | 'conflict'
  | 'invalid'
  | 'forbidden'
  | 'failed';

export interface FieldError {
  field: string;
  message: string;
  received?: unknown;
}

/** One row's outcome from `POST /v1/sync/{path}`. */
export interface RowOutcome {
  index: number;
  id?: string;
  status: RowStatus;
  version?: number;
  record?: ApiRecord;
  current?: ApiRecord;
  errors?: FieldError[];
  message?: string;
}

/** One requested change in a push. */
export interface PushRow {
  id?: string;
  baseVersion?: number;
  values?: Values;
  delete?: boolean;
}

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
