import { describe, expect, it } from 'vitest';
import { parseUsersCommand, UsageError } from '../../../local/users-cli.ts';

describe('users CLI: reading the command line', () => {
  it('should read add, remove and show for people and machine clients', () => {
    // Act
    const add = parseUsersCommand([
      'add',
      'a@b.nz',
      '--role',
      'regional',
      '--regions',
      'otago,southland',
      '--name',
      'A B',
    ]);
    const addClient = parseUsersCommand(['add-client', 'council-site', '--role=viewer', '--regions=nelson']);
    const addMayor = parseUsersCommand([
      'add',
      'mayor@ccc.govt.nz',
      '--party',
      'taskforce',
      '--role',
      'council',
      '--councils',
      'christchurch-city',
    ]);
    const remove = parseUsersCommand(['remove', 'a@b.nz']);
    const showClient = parseUsersCommand(['show-client', 'council-site']);
    const nothing = parseUsersCommand([]);

    // Assess
    expect(add).toEqual({
      action: 'add',
      kind: 'user',
      key: 'a@b.nz',
      role: 'regional',
      regionIds: ['otago', 'southland'],
      name: 'A B',
    });
    expect(addClient).toMatchObject({ kind: 'client', role: 'viewer' });
    expect(addMayor).toEqual({
      action: 'add',
      kind: 'user',
      key: 'mayor@ccc.govt.nz',
      party: 'taskforce',
      role: 'council',
      regionIds: ['canterbury'],
      councilIds: ['christchurch-city'],
    });
    expect(remove).toEqual({
      action: 'remove',
      kind: 'user',
      key: 'a@b.nz',
    });
    expect(showClient).toEqual({
      action: 'show',
      kind: 'client',
      key: 'council-site',
    });
    expect(nothing).toEqual({ action: 'help' });
  });

  it.each([
    [['promote', 'a@b.nz'], 'Unknown command "promote".'],
    [['add', 'not-an-email', '--role', 'viewer'], '"not-an-email" is not an email address.'],
    [['add', 'a@b.nz'], 'add needs --role (national, regional, adviser, viewer, council).'],
    [
      ['add', 'a@b.nz', '--role', 'mayor'],
      '--role must be one of national, regional, adviser, viewer, council, not "mayor".',
    ],
    [
      ['add', 'a@b.nz', '--role', 'council', '--councils', 'christchurch-city'],
      "CEG people are national or regional or adviser or viewer, not council (add --party taskforce for a mayor's office).",
    ],
    [
      ['add', 'a@b.nz', '--party', 'taskforce', '--role', 'council'],
      "A mayor's office (role council) needs --councils",
    ],
    [
      ['add', 'a@b.nz', '--role', 'adviser'],
      'An adviser needs --regions (one or more, separated by commas).',
    ],
    [
      ['add', 'a@b.nz', '--role', 'adviser', '--regions', 'cantebury'],
      'Unknown region "cantebury"; regions are: northland,',
    ],
    [['show', 'a@b.nz', '--role', 'viewer'], 'show takes no options.'],
  ])('should refuse %j with a message saying what to type', (argv, message) => {
    // Act
    const parsing = () => parseUsersCommand(argv);

    // Assess
    expect(parsing).toThrow(UsageError);
    expect(parsing).toThrow(message);
  });
});
