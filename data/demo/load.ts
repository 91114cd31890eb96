import type { Principal } from '../../functions/domain/principal.ts';
import type { RecordService } from '../../functions/domain/record-service.ts';
import type { SignOffService } from '../../functions/domain/sign-off-service.ts';
import { definitionForType } from '../../functions/records/registry.ts';
import { addCounts, emptyCounts, type LoadCounts, pushRows, type SeedRow } from '../seed-loader.ts';
import { pushSignedRows } from '../seed-sign-offs.ts';
import { DEMO_LOAD_ORDER } from './generator.ts';

export interface DemoLoadReport {
  total: LoadCounts;
  byType: Record<string, LoadCounts>;
}

/**
 * Loads demo rows (as `SEED_PRINCIPAL`, normally) type by type in dependency order, in chunks
 * of 500, through `RecordService.push`. Throws a `SeedLoadError` with the row errors if any row is refused.
 * Loading the same rows again changes nothing (every row `unchanged`). Demo rows may amend what
 * the reference data loaded (Taskforce membership on councils); records someone else has
 * changed since are never overwritten.
 */
export async function loadDemoData(
  service: RecordService,
  principal: Principal,
  rows: readonly SeedRow[],
  signOffs: SignOffService,
  options: { onType?: (type: string, counts: LoadCounts) => void } = {},
): Promise<DemoLoadReport> {
  const order: readonly string[] = DEMO_LOAD_ORDER;
  const strays = [...new Set(rows.map((r) => r.type))].filter((type) => !order.includes(type));
  if (strays.length > 0) throw new Error(`demo rows of unknown type: ${strays.join(', ')}`);
  const report: DemoLoadReport = { total: emptyCounts(), byType: {} };
  for (const type of order) {
    const ofType = rows.filter((r) => r.type === type);
    if (ofType.length === 0) continue;
    const definition = definitionForType(type)!;
    const requests = ofType.map((r) =>
      definition.naturalId ? { values: r.values } : { id: r.id, values: r.values },
    );
    const counts = definition.signOff
      ? await pushSignedRows(service, signOffs, principal, definition, ofType)
      : await pushRows(service, principal, definition, requests, { replaceOwnRecords: true });
    report.byType[type] = counts;
    options.onType?.(type, counts);
    addCounts(report.total, counts);
  }
  return report;
}
