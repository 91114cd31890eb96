import { signedParties } from '../../data/seed-sign-offs.ts';
import { definitionForPath } from '../../functions/records/registry.ts';
import { PARTIES, type Party } from '../../functions/records/sign-offs.ts';
import type { Harness } from './harness.ts';

/** A token per party that may sign anything (national people of each party). */
export type SignerTokens = Record<Party, string>;

async function expectOk(what: string, response: { status: number; body: unknown }) {
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`setup: ${what} gave ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body as any;
}

/** Agrees a record's current text for each party named, as that party's signer. */
export async function agree(
  h: Harness,
  signers: SignerTokens,
  path: string,
  id: string,
  parties: readonly Party[] = PARTIES,
) {
  let record: any;
  for (const party of parties) {
    const current = await expectOk(
      `GET ${path}/${id}`,
      await h.request('GET', `/v1/${path}/${id}`, { token: signers[party] }),
    );
    record = await expectOk(
      `agree ${path}/${id} as ${party}`,
      await h.request('POST', `/v1/${path}/${id}/sign-offs/agree`, {
        token: signers[party],
        body: { version: current.version },
      }),
    );
  }
  return record;
}

/**
 * Creates records of a type that takes sign-offs as people would: in draft, agreed by the parties
 * the old booleans name (or, without them, both past draft and CEG in draft), then given their
 * final values. Returns nothing; fails loudly if any step is refused.
 */
export async function pushSignedRows(
  h: Harness,
  writer: string,
  signers: SignerTokens,
  path: string,
  rows: { id: string; values: Record<string, unknown> }[],
) {
  const definition = definitionForPath(path)!;
  const prepared = rows.map((r) => ({ id: r.id, ...signedParties(definition, r.values) }));
  const drafts = await h.request('POST', `/v1/sync/${path}`, {
    token: writer,
    body: { rows: prepared.map((r) => ({ id: r.id, values: { ...r.values, status: 'draft' } })) },
  });
  const refused = (drafts.body?.rows ?? []).filter((r: { status: string }) => r.status !== 'created');
  if (drafts.status !== 200 || refused.length > 0) {
    throw new Error(`setup: pushing draft ${path} gave ${drafts.status}: ${JSON.stringify(refused)}`);
  }
  for (const row of prepared) {
    await agree(h, signers, path, row.id, row.signedBy);
    const current = await expectOk(
      `GET ${path}/${row.id}`,
      await h.request('GET', `/v1/${path}/${row.id}`, { token: writer }),
    );
    const final = await h.request('PUT', `/v1/${path}/${row.id}`, {
      token: writer,
      body: row.values,
      headers: { 'if-match': `"${current.version}"` },
    });
    await expectOk(`final PUT ${path}/${row.id}`, final);
  }
}
