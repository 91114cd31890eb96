import type { StoredRecord, Values } from '../records/definition.ts';
import { action as actionDefinition } from '../records/types/action.ts';
import { DomainError, VersionConflictError } from './errors.ts';
import { normaliseEmail } from './people.ts';
import type { Principal } from './principal.ts';
import type { RecordRepository } from './record-repository.ts';
import type { RecordService } from './record-service.ts';

/** The statuses an owner may set from the emailed link. */
export const OWNER_STATUSES = ['in-progress', 'done'] as const;
export type OwnerStatus = (typeof OWNER_STATUSES)[number];

/** The longest progress note one visit adds (the notes field keeps at most 5000 characters). */
export const MAX_OWNER_NOTE = 1000;

/** Why an action link cannot be used any more, in words for its holder. */
export class ActionLinkRefusedError extends DomainError {
  constructor(
    message: string,
    readonly reason: 'gone' | 'not-owner' | 'closed',
  ) {
    super(reason === 'gone' ? 'deleted' : 'forbidden', message);
  }
}

/** What the owner's page shows: the action and the name of its group, nothing else. */
export interface OwnedAction {
  action: StoredRecord;
  groupName: string;
  /** Who to ask when something is wrong: the group's co-ordinator, when the group names one. */
  coordinator?: string;
}

export interface OwnerUpdate {
  status: OwnerStatus;
  note?: string;
  /** The version the page showed: a change since is a conflict, never an overwrite. */
  version: number;
}

/** The history names the person and how they acted. */
export function byEmailedLink(email: string): string {
  return `${normaliseEmail(email)} (by emailed link)`;
}

/**
 * What the owner of an action can do from the signed link in their reminder: read that action
 * and its group's name, and set it in progress or done with a progress note. Nothing else is
 * read, and the change goes through the records' own write path (validation, rules, the version
 * check and a history entry), made as the person "by emailed link" with reach over that action's
 * region only.
 */
export class ActionOwnerService {
  constructor(
    private readonly store: RecordRepository,
    private readonly records: RecordService,
  ) {}

  async open(actionId: string, email: string): Promise<OwnedAction> {
    const action = await this.store.get(actionDefinition.type, actionId);
    const group = action ? await this.store.get('lec-group', action.values.lecGroupId as string) : undefined;
    const groupName = (group?.values.name as string | undefined) ?? 'your LEC group';
    const coordinator = group?.values.coordinatorName as string | undefined;
    const ask = coordinator
      ? `${coordinator}, the co-ordinator of ${groupName}`
      : `the co-ordinator of ${groupName}`;
    if (!action || action.deletedAt) {
      throw new ActionLinkRefusedError(
        `This action is no longer in Partnership Records: it was removed${action?.deletedAt ? ` on ${action.deletedAt.slice(0, 10)}` : ''}. Ask ${ask} if it should still be done.`,
        'gone',
      );
    }
    const owner = action.values.ownerEmail as string | undefined;
    if (!owner || normaliseEmail(owner) !== normaliseEmail(email)) {
      throw new ActionLinkRefusedError(
        `This action is no longer yours: its owner was changed after this link was sent to ${normaliseEmail(email)}. Ask ${ask} if that is a mistake.`,
        'not-owner',
      );
    }
    return { action, groupName, ...(coordinator ? { coordinator } : {}) };
  }

  /**
   * Sets the status and adds the note. A stale version is a VersionConflictError carrying the
   * action as it is now, so the page can explain what changed.
   */
  async update(actionId: string, email: string, update: OwnerUpdate, today: string): Promise<OwnedAction> {
    const { action, groupName, coordinator } = await this.open(actionId, email);
    if (action.values.status === 'cancelled') {
      throw new ActionLinkRefusedError(
        `This action was cancelled, so it cannot be updated from the link. Ask the co-ordinator of ${groupName} if it should be reopened.`,
        'closed',
      );
    }
    if (update.version !== action.version) {
      throw new VersionConflictError(
        `This action was changed by ${action.updatedBy} at ${action.updatedAt} (now version ${action.version}) after you opened the page at version ${update.version}.`,
        action,
      );
    }
    const values: Values = this.records.editableValues(actionDefinition, action);
    values.status = update.status;
    if (update.status === 'done') values.completedOn ??= today;
    else delete values.completedOn;
    const note = update.note?.trim();
    if (note) {
      const line = `${today} ${normaliseEmail(email)}: ${note}`;
      values.notes = values.notes ? `${values.notes as string}\n${line}` : line;
    }
    const outcome = await this.records.change(actionDefinition, linkPrincipal(email, action), {
      id: action.id,
      baseVersion: update.version,
      values,
    });
    return { action: outcome.record ?? action, groupName, ...(coordinator ? { coordinator } : {}) };
  }
}

/**
 * The one writer an action link stands for: the owner, named "by emailed link", reaching only
 * the action's own region. The service decides which fields change, so the reach never shows.
 */
function linkPrincipal(email: string, action: StoredRecord): Principal {
  return {
    kind: 'user',
    id: byEmailedLink(email),
    role: 'adviser',
    party: 'ceg',
    regionIds: [action.regionId],
  };
}
