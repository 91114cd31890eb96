import type { FieldError, StoredRecord } from '../records/definition.ts';

/**
 * What went wrong, in the domain's terms. The API turns each code into a status and a problem
 * type in one place (functions/api/problem.ts); the domain knows nothing of HTTP.
 */
export type DomainErrorCode =
  | 'invalid-record'
  | 'bad-request'
  | 'bad-cursor'
  | 'not-found'
  | 'deleted'
  | 'version-conflict'
  | 'version-required'
  | 'forbidden'
  | 'unauthenticated'
  | 'unavailable';

/** A domain failure with a code; the original error, when there is one, is kept as `cause`. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  constructor(
    readonly errors: FieldError[],
    message = 'Some fields need fixing before this can be saved.',
  ) {
    super('invalid-record', message);
  }
}

export class BadRequestError extends DomainError {
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super('bad-request', message);
  }
}

/** A paging cursor this system did not issue for this query; the client should start again. */
export class BadCursorError extends DomainError {
  constructor(reason: string) {
    super(
      'bad-cursor',
      `The cursor is not one this API issued for this request (${reason}). Start again without a cursor.`,
    );
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super('not-found', message);
  }
}

export class GoneError extends DomainError {
  constructor(
    message: string,
    readonly record: StoredRecord,
  ) {
    super('deleted', message);
  }
}

export class VersionConflictError extends DomainError {
  constructor(
    message: string,
    readonly current: StoredRecord | undefined,
  ) {
    super('version-conflict', message);
  }
}

export class PreconditionRequiredError extends DomainError {
  constructor(message: string) {
    super('version-required', message);
  }
}

export class AccessDeniedError extends DomainError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('unauthenticated', message, options);
  }
}

/**
 * The store (or another part the domain depends on) did not answer, or a part is not set up on
 * this server. `dependency` names the part that did not answer, so the answer can say what could
 * not be done; `reason` is its short code (ECONNREFUSED, ThrottlingException), never a message,
 * which can carry an address.
 */
export class UnavailableError extends DomainError {
  readonly dependency?: string;
  readonly reason?: string;

  constructor(message: string, options?: { cause?: unknown; dependency?: string; reason?: string }) {
    super('unavailable', message, options);
    this.dependency = options?.dependency;
    this.reason = options?.reason;
  }
}
