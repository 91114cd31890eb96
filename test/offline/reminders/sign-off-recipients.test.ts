import { describe, expect, it } from 'vitest';
import { mergePeople } from '../../../functions/domain/people.ts';
import type { AwaitingSignOff } from '../../../functions/domain/sign-off-queries.ts';
import { pendingSignOffs, signOffRecipients } from '../../../functions/reminders/sign-off-recipients.ts';

const people = mergePeople({
  directory: [
    { email: 'rangi@ceg.example.nz', role: 'regional', regionIds: ['canterbury'] },
    { email: 'view@ceg.example.nz', role: 'viewer', regionIds: ['canterbury'] },
    { email: 'nat@ceg.example.nz', role: 'national', regionIds: [] },
    {
      email: 'mayor@ccc.example.nz',
      role: 'council',
      regionIds: ['canterbury'],
      party: 'taskforce',
      councilIds: ['christchurch-city'],
    },
    { email: 'eo@mtfj.example.nz', role: 'national', regionIds: [], party: 'taskforce' },
  ],
  advisers: [],
  contacts: [],
});

const awaiting = (overrides: Partial<AwaitingSignOff>): AwaitingSignOff => ({
  type: 'communication',
  path: 'communications',
  id: 'c1',
  title: 'Youth jobs expo',
  regionId: 'canterbury',
  party: 'ceg',
  version: 2,
  updatedAt: '2026-11-16T20:00:00.000Z',
  ...overrides,
});

describe('who is told about a sign-off', () => {
  it('should tell the person it was asked of by name, and no one else', () => {
    // Act
    const recipients = signOffRecipients(awaiting({ requestedOf: 'Nat@ceg.example.nz' }), people.values());

    // Assess
    expect(recipients).toEqual(['nat@ceg.example.nz']);
  });

  it("should tell the party's nearest signers: the regional team, not viewers, not national staff", () => {
    // Act
    const recipients = signOffRecipients(awaiting({}), people.values());

    // Assess
    expect(recipients).toEqual(['rangi@ceg.example.nz']);
  });

  it('should tell national people of the party when it has nobody in the region', () => {
    // Act: nobody of CEG works in Otago.
    const recipients = signOffRecipients(awaiting({ regionId: 'otago' }), people.values());

    // Assess
    expect(recipients).toEqual(['nat@ceg.example.nz']);
  });

  it("should tell a council's mayor's office for the Taskforce, and the Executive Officer where there is none", () => {
    // Prepare
    const agreement = awaiting({
      type: 'agreement',
      path: 'agreements',
      party: 'taskforce',
      councilId: 'christchurch-city',
    });

    // Act
    const withMayor = signOffRecipients(agreement, people.values());
    const withoutMayor = signOffRecipients({ ...agreement, councilId: 'selwyn-district' }, people.values());

    // Assess
    expect(withMayor).toEqual(['mayor@ccc.example.nz']);
    expect(withoutMayor).toEqual(['eo@mtfj.example.nz']);
  });

  it('should say what awaits whom, in plain words, with the New Zealand date it was asked', () => {
    // Act
    const [item] = pendingSignOffs(
      [
        awaiting({
          requestedBy: 'nat@ceg.example.nz',
          requestedAt: '2026-11-16T20:00:00.000Z',
          requestComment: 'Before Friday',
        }),
      ],
      people.values(),
    );

    // Assess
    expect(item).toMatchObject({
      key: 'sign-off:communication:c1:ceg',
      title: 'Communication: Youth jobs expo',
      detail:
        'Awaits the sign-off of the Community Employment Group, asked by nat@ceg.example.nz on 2026-11-17. Note: Before Friday',
      link: { page: 'record', typePath: 'communications', id: 'c1' },
      dueOn: '2026-11-17',
      awaiting: ['rangi@ceg.example.nz'],
    });
  });
});
