import { runPool } from '../functions/aggregate/task-pool.ts';
import type { Principal } from '../functions/domain/principal.ts';
import type { ChangeRequest } from '../functions/domain/push-rows.ts';
import type { RecordService } from '../functions/domain/record-service.ts';
import type { SignOffService } from '../functions/domain/sign-off-service.ts';
import type { RecordDefinition, Values } from '../functions/records/definition.ts';
import { PARTIES, type Party } from '../functions/records/sign-offs.ts';
import { addCounts, currentRecords, emptyCounts, type LoadCounts, pushRows } from './seed-loader.ts';

/** The Taskforce's counterpart of SEED_PRINCIPAL: it gives the Taskforce's sign-offs in loaded data. */
const SEED_TASKFORCE_PRINCIPAL: Principal = {
  kind: 'user',
  id: 'system:seed-taskforce',
  party: 'taskforce',
  role: 'national',
  regionIds: [],
};

/**
 * Which parties have agreed a loaded row: demo and imported rows say so with the old booleans
 * (`agreedByCeg`…), which are now derived from sign-offs; without them, anything past draft was
 * agreed by both and a draft by CEG, which then awaits the Taskforce.
 */
export function signedParties(
  definition: RecordDefinition,
  values: Values,
): { signedBy: Party[]; values: Values } {
  const spec = definition.signOff!;
  const rest = { ...values };
  const flagged = PARTIES.some((p) => spec.flags[p].name in values);
  const parties = flagged
    ? PARTIES.filter((p) => values[spec.flags[p].name] === true)
    : values.status === 'draft'
      ? (['ceg'] as Party[])
      : [...PARTIES];
  for (const party of PARTIES) delete rest[spec.flags[party].name];
  return { signedBy: parties, values: rest };
}

/**
 * Loads rows of a type that takes sign-offs the way people would make them: new records are
 * created in draft, signed by the parties that agreed them, then given their final status (a
 * status such as released needs both sign-offs first). Rows whose record exists already are
 * pushed as they are, so loading twice changes nothing.
 */
export async function pushSignedRows(
  service: RecordService,
  signOffs: SignOffService,
  principal: Principal,
  definition: RecordDefinition,
  rows: { id: string; values: Values; signedBy?: readonly Party[] }[],
): Promise<LoadCounts> {
  const existing = await currentRecords(service, definition, principal);
  const counts = emptyCounts();
  const fresh = rows
    .filter((r) => !existing.has(r.id))
    .map((r) => ({ id: r.id, ...signedParties(definition, r.values) }));
  const known: ChangeRequest[] = rows
    .filter((r) => existing.has(r.id))
    .map((r) => ({ id: r.id, values: signedParties(definition, r.values).values }));
  if (known.length > 0) {
    addCounts(counts, await pushRows(service, principal, definition, known, { replaceOwnRecords: true }));
  }
  if (fresh.length === 0) return counts;

  const drafts = fresh.map((r) => ({ id: r.id, values: { ...r.values, status: 'draft' } }));
  addCounts(counts, await pushRows(service, principal, definition, drafts));
  const signers: Record<Party, Principal> = { ceg: principal, taskforce: SEED_TASKFORCE_PRINCIPAL };
  // Each row's steps in order; rows side by side, as many people would.
  await runPool(
    fresh.map((row) => async () => {
      for (const party of row.signedBy) {
        const record = await service.get(definition, principal, row.id);
        await signOffs.give(definition, signers[party], row.id, { version: record.version });
      }
      for (const missing of PARTIES.filter((p) => !row.signedBy.includes(p))) {
        const record = await service.get(definition, principal, row.id);
        if (record.signOffs?.[missing]?.state !== 'awaiting') {
          await signOffs.request(definition, principal, row.id, { party: missing });
        }
      }
    }),
    8,
  );
  // The final values (status, dates) on top of the sign-offs; unrelated to the signed text.
  const finals = await Promise.all(
    fresh.map(async (r) => ({
      id: r.id,
      baseVersion: (await service.get(definition, principal, r.id)).version,
      values: r.values,
    })),
  );
  const final = await pushRows(service, principal, definition, finals);
  // Rows count once, as created; the final step only sets their status.
  counts.failed += final.failed;
  return counts;
}
