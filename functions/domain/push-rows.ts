import type { FieldError, StoredRecord } from '../records/definition.ts';

/**
 * What a push (`POST /v1/sync/{path}`) asks for and answers, row by row. The Sheets add-on reads
 * these same types (`import type`), so this module imports types only and nothing that the
 * add-on's stricter compiler settings (ES2020, Apps Script) would refuse.
 */

/** One change a client asks for: a create, an update from a version it read, or a delete. */
export interface ChangeRequest {
  id?: string;
  baseVersion?: number;
  values?: unknown;
  delete?: boolean;
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

/** The outcome of one requested change, as the API reports it. */
export interface RowOutcome {
  index: number;
  id?: string;
  status: RowStatus;
  version?: number;
  record?: StoredRecord;
  /** For conflicts: the record as it now stands on the server. */
  current?: StoredRecord;
  errors?: FieldError[];
  message?: string;
}

export interface PushResult {
  dryRun: boolean;
  counts: Record<RowOutcome['status'], number>;
  rows: RowOutcome[];
}
