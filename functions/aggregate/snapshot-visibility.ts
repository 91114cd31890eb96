import type { Snapshot } from './snapshot-schema.ts';

/**
 * A snapshot as a reader limited to some regions may see it: every figure stays (they are counts,
 * and comparing regions is what the national dashboard is for), but the lists, which carry record
 * titles and owners, keep only items of the reader's regions, exactly as the records API would.
 */
export function limitListsToRegions(snapshot: Snapshot, regionIds: readonly string[]): Snapshot {
  const allowed = new Set(regionIds);
  const mine = <T extends { regionId: string }>(items: T[]) =>
    items.filter((item) => allowed.has(item.regionId));
  return {
    ...snapshot,
    lists: {
      overdueActions: mine(snapshot.lists.overdueActions),
      publicityAwaitingAcknowledgement: mine(snapshot.lists.publicityAwaitingAcknowledgement),
      communicationsAwaitingAgreement: mine(snapshot.lists.communicationsAwaitingAgreement),
      // Which regions have reported is region-level status, not record detail: everyone sees it.
      regionsNotReporting: snapshot.lists.regionsNotReporting,
    },
    listsLimitedToRegions: [...allowed].sort(),
  };
}
