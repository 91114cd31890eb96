/** A problem the person can fix, shown as it is (in the sidebar, a dialog or the sync log). */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/**
 * Google ran the add-on without the document it needs (no active spreadsheet, document
 * properties or document lock), as it may for a time-driven trigger. Nothing was done.
 */
export class NoDocumentContextError extends UserFacingError {
  constructor(message: string) {
    super(message);
    this.name = 'NoDocumentContextError';
  }
}
