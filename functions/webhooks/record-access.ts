import type { ChangeEvent } from '../domain/change-events.ts';
import { openRecordTypes } from '../domain/change-feed.ts';
import { canRead, type Principal } from '../domain/principal.ts';
import type { UserDirectory } from '../domain/user-directory.ts';
import { definitionForType, RECORD_DEFINITIONS } from '../records/registry.ts';
import type { ChangeAccess } from './ports.ts';

/** Whether a principal may read the record a change event is about: the records' own rule (canRead). */
export function mayReadChange(principal: Principal, event: ChangeEvent): boolean {
  const definition = definitionForType(event.recordType);
  return (
    !!definition &&
    canRead(principal, definition, {
      regionId: event.regionId,
      councilId: event.councilId,
      sharedRegionId: event.sharedRegionId,
    })
  );
}

/** A change's record as the API addresses it: `<base>/v1/needs/<id>`. */
export function recordUrlOf(apiBaseUrl: string, event: ChangeEvent): string {
  const definition = definitionForType(event.recordType);
  return `${apiBaseUrl}/v1/${definition?.path ?? event.recordType}/${encodeURIComponent(event.recordId)}`;
}

/**
 * The records' own access rules (canRead, the definitions) for change events and endpoints: a
 * machine client as the user directory now has it, so a client whose regions were narrowed stops
 * receiving the others' changes at once (within the directory's cache).
 */
export class RecordChangeAccess implements ChangeAccess {
  private readonly open = openRecordTypes(RECORD_DEFINITIONS);

  constructor(
    private readonly directory: UserDirectory,
    /** The API's base address the thin bodies link to (`https://api.example.nz`), no trailing slash. */
    private readonly apiBaseUrl: string,
  ) {}

  async clientPrincipal(clientId: string): Promise<Principal | undefined> {
    const entry = await this.directory.find('client', clientId);
    if (!entry) return undefined;
    return {
      kind: 'client',
      id: clientId,
      role: entry.role,
      regionIds: entry.regionIds,
      ...(entry.councilIds ? { councilIds: entry.councilIds } : {}),
    };
  }

  mayRead(principal: Principal, event: ChangeEvent): boolean {
    return mayReadChange(principal, event);
  }

  mayReadType(principal: Principal, recordType: string): boolean {
    const definition = definitionForType(recordType);
    if (!definition) return false;
    // Some place within the principal's reach (or none at all, for a type everyone may read).
    const places = [
      { regionId: '' },
      ...principal.regionIds.map((regionId) => ({ regionId })),
      ...(principal.councilIds ?? []).map((councilId) => ({ regionId: '', councilId })),
    ];
    return places.some((place) => canRead(principal, definition, place));
  }

  openRecordTypes(): readonly string[] {
    return this.open;
  }

  recordTypes(): readonly string[] {
    return RECORD_DEFINITIONS.map((d) => d.type);
  }

  recordUrl(event: ChangeEvent): string {
    return recordUrlOf(this.apiBaseUrl, event);
  }
}
