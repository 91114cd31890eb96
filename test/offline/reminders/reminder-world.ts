import { mergePeople } from '../../../functions/domain/people.ts';
import type { StoredRecord, Values } from '../../../functions/records/definition.ts';
import type { PendingSignOff, ReminderWorld } from '../../../functions/reminders/planner.ts';

/** A stored record as the store would return it, for offline tests. */
export function stored(type: string, id: string, regionId: string, values: Values): StoredRecord {
  return {
    id,
    type,
    regionId,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'test',
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'test',
    values,
  };
}

/**
 * A small hand-checked world in two regions (Canterbury, Otago):
 * - Aroha (aroha@ceg.example.nz): adviser in Canterbury for Christchurch City, with a directory
 *   account for Canterbury.
 * - Ben (ben@ceg.example.nz): adviser in Otago for Dunedin City, no directory account.
 * - Rangi (rangi@ceg.example.nz): regional team, Canterbury. Sina (sina@ceg.example.nz): regional, Otago.
 * - Nat (nat@ceg.example.nz): national.
 * - Mere (mere@lec-canterbury.example.nz): a member organisation's contact in Canterbury's LEC group.
 */
export function reminderWorld(
  parts: {
    actions?: StoredRecord[];
    agreements?: StoredRecord[];
    activities?: StoredRecord[];
    progressReports?: StoredRecord[];
    signOffs?: PendingSignOff[];
  } = {},
): ReminderWorld {
  const advisers = [
    stored('adviser', 'aroha', 'canterbury', {
      name: 'Aroha Tane',
      email: 'Aroha@ceg.example.nz',
      regionId: 'canterbury',
      councilIds: ['christchurch-city'],
      active: true,
    }),
    stored('adviser', 'ben', 'otago', {
      name: 'Ben Smith',
      email: 'ben@ceg.example.nz',
      regionId: 'otago',
      councilIds: ['dunedin-city'],
      active: true,
    }),
    stored('adviser', 'left', 'otago', {
      name: 'Left Already',
      email: 'left@ceg.example.nz',
      regionId: 'otago',
      councilIds: ['dunedin-city'],
      active: false,
    }),
  ];
  const people = mergePeople({
    directory: [
      { email: 'aroha@ceg.example.nz', role: 'adviser', regionIds: ['canterbury'] },
      { email: 'rangi@ceg.example.nz', name: 'Rangi Parata', role: 'regional', regionIds: ['canterbury'] },
      { email: 'sina@ceg.example.nz', name: 'Sina Fale', role: 'regional', regionIds: ['otago'] },
      { email: 'nat@ceg.example.nz', name: 'Nat Ional', role: 'national', regionIds: [] },
    ],
    advisers,
    contacts: [{ email: 'mere@lec-canterbury.example.nz', name: 'Mere Tipene', regionId: 'canterbury' }],
  });
  return {
    people,
    lecGroupNames: new Map([
      ['lec-canterbury', 'Christchurch Jobs Network'],
      ['lec-otago', 'Dunedin Employment Forum'],
    ]),
    councilNames: new Map([
      ['christchurch-city', 'Christchurch City'],
      ['dunedin-city', 'Dunedin City'],
    ]),
    regionNames: new Map([
      ['canterbury', 'Canterbury'],
      ['otago', 'Otago'],
    ]),
    advisers,
    actions: parts.actions ?? [],
    agreements: parts.agreements ?? [],
    activities: parts.activities ?? [],
    progressReports: parts.progressReports ?? [],
    signOffs: parts.signOffs ?? [],
  };
}

export function action(id: string, group: 'canterbury' | 'otago', values: Values): StoredRecord {
  return stored('action', id, group, {
    lecGroupId: `lec-${group}`,
    title: `Action ${id}`,
    status: 'open',
    ...values,
  });
}

export function agreement(id: string, adviser: 'aroha' | 'ben', values: Values): StoredRecord {
  const regionId = adviser === 'aroha' ? 'canterbury' : 'otago';
  return stored('agreement', id, regionId, {
    councilId: adviser === 'aroha' ? 'christchurch-city' : 'dunedin-city',
    adviserId: adviser,
    expectations: 'Monthly meetings',
    status: 'agreed',
    agreedOn: '2025-12-01',
    ...values,
  });
}
