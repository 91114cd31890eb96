/// <reference types="google-apps-script" />

type Protection = GoogleAppsScript.Spreadsheet.Protection;
type DeveloperMetadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

/** A protected range: warning-only or not, with the description set-up gives it. */
export class FakeProtection
  implements
    Pick<Protection, 'setDescription' | 'getDescription' | 'setWarningOnly' | 'isWarningOnly' | 'remove'>
{
  private description = '';
  private warningOnly = false;

  constructor(
    readonly owner: { protections: unknown[] },
    readonly area: { row: number; column: number; numRows: number; numColumns: number },
  ) {}

  setDescription(description: string): Protection {
    this.description = description;
    return this as unknown as Protection;
  }

  getDescription(): string {
    return this.description;
  }

  setWarningOnly(warningOnly: boolean): Protection {
    this.warningOnly = warningOnly;
    return this as unknown as Protection;
  }

  isWarningOnly(): boolean {
    return this.warningOnly;
  }

  remove(): void {
    this.owner.protections.splice(this.owner.protections.indexOf(this), 1);
  }
}

export class FakeDeveloperMetadata implements Pick<DeveloperMetadata, 'getKey' | 'getValue'> {
  constructor(
    private readonly key: string,
    private readonly value: string | null,
  ) {}

  getKey(): string {
    return this.key;
  }

  getValue(): string | null {
    return this.value;
  }
}

/**
 * Developer metadata on a whole column, as `Range.addDeveloperMetadata` makes it on a column
 * range: it moves with the column when columns are inserted before it and keeps its place when
 * the header is renamed (Sheets' documented behaviour for column-located metadata).
 */
export class FakeColumnMetadata {
  constructor(
    readonly key: string,
    readonly value: string | null,
    public column: number,
  ) {}

  getKey(): string {
    return this.key;
  }

  getValue(): string | null {
    return this.value;
  }

  getLocation() {
    return {
      getLocationType: () => 'COLUMN',
      getColumn: () => ({ getColumn: () => this.column }),
    };
  }
}
