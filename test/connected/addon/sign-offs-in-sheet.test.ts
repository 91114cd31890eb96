import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, values } from '../../support/factories.ts';
import { type AddonWorld, startAddonWorld } from './addon-world.ts';

/**
 * How the add-on shows sign-offs: the derived, read-only columns (Agreed by CEG, Agreed by the
 * mayor) and the status follow the sign-offs given on the server, after a pull.
 */
let w: AddonWorld;

beforeAll(async () => {
  w = await startAddonWorld();
}, 120_000);
afterAll(() => w?.close());

describe('sign-offs in the adviser’s sheet', () => {
  it('should show an agreement agreed by the mayor after a pull, in protected columns', async () => {
    // Prepare: the adviser agreed a draft for CEG; the mayor has not yet.
    const draft = await post(
      w.api,
      w.seeded.tokens.adviser,
      'agreements',
      values.agreement('christchurch-city', w.seeded.adviserId, 'draft'),
    );
    const ceg = await w.api.request('POST', `/v1/agreements/${draft.id}/sign-offs/agree`, {
      token: w.seeded.tokens.adviser,
      body: { version: draft.version },
    });
    const session = w.open('adviser');
    w.configure(session, ['agreement']);
    session.call('pullNow');
    const sheet = session.spreadsheet.tab('Agreements');
    const row = sheet.rowWhere('Id', draft.id);
    expect(sheet.at(row, 'Agreed by CEG').value).toBe(true);
    expect(sheet.at(row, 'Agreed by the mayor').value).toBe(false);
    expect(sheet.at(row, 'Status').value).toBe('draft');
    expect(sheet.isProtected(sheet.column('Agreed by the mayor'))).toBe(true);

    // Act: the mayor's office agrees, and the adviser pulls.
    const mayor = await w.api.request('POST', `/v1/agreements/${draft.id}/sign-offs/agree`, {
      token: w.seeded.tokens.mayor,
      body: { version: ceg.body.version },
    });
    session.call('pullNow');

    // Assess
    expect(mayor.status).toBe(200);
    const after = sheet.rowWhere('Id', draft.id);
    expect(sheet.at(after, 'Agreed by the mayor').value).toBe(true);
    expect(sheet.at(after, 'Status').value).toBe('agreed');
    expect(sheet.at(after, 'Version').value).toBe(mayor.body.version);
  });
});
