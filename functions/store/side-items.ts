import type { AwaitingItem } from '../domain/record-repository.ts';
import type { StoredRecord } from '../records/definition.ts';
import { PARTIES, type Party } from '../records/sign-offs.ts';
import { changeSortKey, councilPartition, recordPk, regionPartition } from './keys.ts';

/**
 * Items written beside a record's current item, in the same transaction, so that two questions
 * are answered by index queries rather than scans:
 *
 * - "what awaits party P here?": one awaiting item per open sign-off (sk `AWAIT#<party>`), indexed
 *   on the same three indexes as records under the pseudo-type `awaiting-<party>` (by region, by
 *   council, nationally). It disappears when the party signs or the record is deleted.
 * - "which buddy pairs involve my region?": a share item (sk `SHARE`) holding a copy of a record
 *   that a second region shares, indexed by region only under the record's own type, so the
 *   second region's lists and pulls find it like its own records.
 */
const AWAIT_PREFIX = 'AWAIT#';
const SHARE_SK = 'SHARE';

export function awaitingType(party: Party): string {
  return `awaiting-${party}`;
}

type Item = Record<string, unknown>;
export type SideWrite = { put: Item } | { delete: { pk: string; sk: string } };

function isOpen(record: StoredRecord | undefined, party: Party): boolean {
  return !!record && !record.deletedAt && record.signOffs?.[party]?.state === 'awaiting';
}

function awaitingItem(record: StoredRecord, party: Party): Item {
  const state = record.signOffs![party]!;
  const type = awaitingType(party);
  const sk = changeSortKey(state.requestedAt ?? record.updatedAt, `${record.type}#${record.id}`);
  const item: AwaitingItem = {
    recordType: record.type,
    recordId: record.id,
    party,
    regionId: record.regionId,
    ...(record.councilId ? { councilId: record.councilId } : {}),
    version: record.version,
    updatedAt: record.updatedAt,
    values: record.values,
    signOff: state,
  };
  return {
    pk: recordPk(record.type, record.id),
    sk: `${AWAIT_PREFIX}${party}`,
    ...item,
    gsi1pk: regionPartition(type, record.regionId),
    gsi1sk: sk,
    gsi3pk: type,
    gsi3sk: sk,
    ...(record.councilId ? { gsi2pk: councilPartition(type, record.councilId), gsi2sk: sk } : {}),
  };
}

/** The side items to put or delete when `record` replaces `previous`. */
export function sideWrites(record: StoredRecord, previous: StoredRecord | undefined): SideWrite[] {
  const pk = recordPk(record.type, record.id);
  const writes: SideWrite[] = [];
  if (record.signOffs || previous?.signOffs) {
    for (const party of PARTIES) {
      if (isOpen(record, party)) writes.push({ put: awaitingItem(record, party) });
      else if (isOpen(previous, party)) writes.push({ delete: { pk, sk: `${AWAIT_PREFIX}${party}` } });
    }
  }
  if (record.sharedRegionId) {
    writes.push({
      put: {
        pk,
        sk: SHARE_SK,
        ...record,
        gsi1pk: regionPartition(record.type, record.sharedRegionId),
        gsi1sk: changeSortKey(record.updatedAt, record.id),
      },
    });
  } else if (previous?.sharedRegionId) {
    writes.push({ delete: { pk, sk: SHARE_SK } });
  }
  return writes;
}
