import type { FieldError, StoredRecord } from '../records/definition.ts';

/** Domain failures, each mapped to one problem+json status by the API. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly title: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  constructor(
    readonly errors: FieldError[],
    message = 'Some fields need fixing before this can be saved.',
  ) {
    super(message, 422, 'The record is not valid');
  }
}

export class BadRequestError extends DomainError {
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message, 400, 'The request could not be understood');
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super(message, 404, 'Not found');
  }
}

export class GoneError extends DomainError {
  constructor(
    message: string,
    readonly record: StoredRecord,
  ) {
    super(message, 410, 'The record was deleted');
  }
}

export class VersionConflictError extends DomainError {
  constructor(
    message: string,
    readonly current: StoredRecord | undefined,
  ) {
    super(message, 409, 'The record changed since you read it');
  }
}

export class PreconditionRequiredError extends DomainError {
  constructor(message: string) {
    super(message, 428, 'Say which version you are changing');
  }
}

export class AccessDeniedError extends DomainError {
  constructor(message: string) {
    super(message, 403, 'Not allowed');
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message: string) {
    super(message, 401, 'Sign-in needed');
  }
}
