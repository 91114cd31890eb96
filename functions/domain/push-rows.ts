import type { FieldError, StoredRecord } from '../records/definition.ts';

/**
 * What a push (`POST /v1/sync/{path}`) asks for and answers, row by row. The Sheets add-on reads
 * these same types (`import type`) and bundles the row limit, so this module imports types only
 * and nothing that the add-on's stricter compiler settings (ES2020, Apps Script) would refuse.
 */

/** The most rows one push may carry; the add-on splits larger pushes into requests of this many. */
export const MAX_PUSH_ROWS = 500;

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
