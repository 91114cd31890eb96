import type { Principal } from '../../functions/domain/principal.ts';
import type { RecordService } from '../../functions/domain/record-service.ts';
import type { SignOffService } from '../../functions/domain/sign-off-service.ts';
import { definitionForType } from '../../functions/records/registry.ts';

/**
 * The local demo's sign-off story: Christchurch City's adviser has revised the expectations the
 * mayor agreed (which voids both sign-offs), agreed the new text for CEG, and asked the mayor's
 * office to agree it. Signed in as the mayor's office, one sees it awaiting, reads what changed
 * since the mayor last agreed, and agrees it; the adviser's sheet shows it agreed after a pull.
 */
export async function prepareSignOffStory(
  service: RecordService,
  signOffs: SignOffService,
  people: { adviser: Principal; mayorEmail: string },
  agreementId = 'agreement-christchurch-city-2',
): Promise<string | undefined> {
  const definition = definitionForType('agreement')!;
  const record = await service.get(definition, people.adviser, agreementId).catch(() => undefined);
  if (record?.signOffs?.taskforce?.state !== 'given') return undefined;
  const values = service.editableValues(definition, record);
  const revised = await service.change(definition, people.adviser, {
    id: agreementId,
    baseVersion: record.version,
    values: {
      ...values,
      expectations: `${values.expectations} From next quarter we also meet the youth council every term, and the adviser reports progress on the 2005 goal to each full council meeting.`,
      status: 'under-review',
    },
  });
  await signOffs.give(definition, people.adviser, agreementId, {
    version: revised.version!,
    comment: 'Revised after our review meeting: youth council added.',
  });
  await signOffs.request(definition, people.adviser, agreementId, {
    party: 'taskforce',
    requestedOf: people.mayorEmail,
    comment: 'Could the mayor agree the revised expectations before the next full council meeting?',
  });
  return agreementId;
}
