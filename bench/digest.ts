import { InMemoryDigestSentLog, InMemoryDigestUnsubscribes } from '../functions/digest/in-memory.ts';
import type { DigestDependencies } from '../functions/digest/send-digests.ts';
import { sendDigests } from '../functions/digest/send-digests.ts';
import { digestLinkSigner, digestPages } from '../functions/digest/site-links.ts';
import type { RecordRepository } from '../functions/domain/record-repository.ts';
import { SignedLinks } from '../functions/links/signed-links.ts';
import { SitePages } from '../functions/links/site-pages.ts';
import type { Mailer, OutgoingEmail } from '../functions/mail/outgoing-email.ts';
import type { StoredRecord } from '../functions/records/definition.ts';
import { StoreDigestSource } from '../functions/store/digest-source.ts';
import { MemoryRecordStore } from '../functions/store/memory-record-store.ts';

/**
 * `npm run bench:digest`: the LEC digest run for 1,000 and 10,000 consenting members (groups of
 * 25 across 16 regions, with a knowledge base, events and actions), on the in-memory store so
 * that the job's own work is what is measured: reading the records, planning, composing each
 * email in text and HTML, signing each member's links and handing it to a transport that keeps
 * it. Against two baselines in the same run:
 * - reading the records once (the source's load alone): the floor under any run;
 * - a digest built per member, each reading the records itself (what "read once per group, not
 *   per member" avoids), measured on a sample of members and given per member.
 * The store's reads are counted (queries and records), which is the property that holds in the
 * cloud whatever the machine's load: they must not grow with the number of members.
 */

const SIZES = (process.env.BENCH_DIGEST_MEMBERS ?? '1000,10000').split(',').map(Number);
const PER_GROUP = 25;
const REGIONS = Array.from({ length: 16 }, (_, i) => `region-${String(i + 1).padStart(2, '0')}`);
const TODAY = '2026-12-02';
const AT = '2026-11-20T01:00:00.000Z';
const NAIVE_SAMPLE = 100;

/** Counts what the job asks of the store: queries (pages of an index) and records read. */
class CountingStore {
  queries = 0;
  records = 0;
  constructor(private readonly inner: RecordRepository) {}
  asRepository(): RecordRepository {
    const inner = this.inner;
    return new Proxy(inner, {
      get: (target, name, receiver) => {
        if (name === 'pages') {
          const counter = this;
          return async function* (type: string, regionId?: string, pageSize?: number) {
            for await (const page of inner.pages(type, regionId, pageSize)) {
              counter.queries++;
              counter.records += page.length;
              yield page;
            }
          };
        }
        return Reflect.get(target, name, receiver);
      },
    });
  }
  reset() {
    this.queries = 0;
    this.records = 0;
  }
}

/** Keeps each email as a transport would take it, and says it went. */
class KeepingMailer implements Mailer {
  sent = 0;
  bytes = 0;
  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    this.sent++;
    this.bytes += email.text.length + (email.html?.length ?? 0);
    return { messageId: `bench-${this.sent}` };
  }
}

function record(type: string, id: string, regionId: string, values: Record<string, unknown>): StoredRecord {
  return {
    id,
    type,
    regionId,
    version: 1,
    createdAt: AT,
    createdBy: 'bench@example.org',
    updatedAt: AT,
    updatedBy: 'bench@example.org',
    values,
  };
}

/** A national world with `members` consenting members; the same records on every run. */
function world(members: number): StoredRecord[] {
  const records: StoredRecord[] = [];
  for (const [r, regionId] of REGIONS.entries()) {
    records.push(
      record('region', regionId, regionId, {
        name: `Region ${r + 1}`,
        cegRegion: true,
        regionalTeamEmail: `team@${regionId}.example.nz`,
      }),
    );
    records.push(
      record('employment-profile', `${regionId}-profile`, regionId, {
        regionId,
        title: `Region ${r + 1} employment profile`,
        keyFigures: 'Unemployment 4.1%\nYouth not in work or training 11%',
        published: true,
        publishedOn: '2026-11-25',
      }),
    );
  }
  for (let i = 0; i < 200; i++) {
    const regionId = REGIONS[i % REGIONS.length]!;
    records.push(
      record('practice', `practice-${i}`, regionId, {
        regionId,
        title: `Practice ${i}`,
        summary: 'Weekly job clubs at the marae.',
        whatWorked: 'Whānau came together.',
        whatDidNot: 'Evening sessions.',
      }),
    );
  }
  const groups = Math.ceil(members / PER_GROUP);
  for (let g = 0; g < groups; g++) {
    const regionId = REGIONS[g % REGIONS.length]!;
    const groupId = `group-${g}`;
    records.push(
      record('lec-group', groupId, regionId, {
        regionId,
        name: `LEC group ${g}`,
        coordinatorName: `Co-ordinator ${g}`,
        coordinatorEmail: `coordinator@${groupId}.example.nz`,
      }),
    );
    for (let e = 0; e < 4; e++) {
      records.push(
        record('event', `${groupId}-event-${e}`, regionId, {
          regionId,
          ...(e % 2 === 0 ? { lecGroupId: groupId } : {}),
          kind: 'roadshow',
          title: `Event ${e} of group ${g}`,
          heldOn: `2026-12-${String(5 + e * 5).padStart(2, '0')}`,
          startsAt: '10:00',
          openToPublic: e % 2 === 1,
        }),
      );
    }
    for (let a = 0; a < 3; a++) {
      records.push(
        record('action', `${groupId}-action-${a}`, regionId, {
          lecGroupId: groupId,
          title: `Action ${a} of group ${g}`,
          ownerEmail: `member-${g * PER_GROUP + a}@example.nz`,
          dueOn: '2026-12-20',
          status: 'open',
        }),
      );
    }
  }
  for (let m = 0; m < members; m++) {
    const g = Math.floor(m / PER_GROUP);
    const regionId = REGIONS[g % REGIONS.length]!;
    records.push(record('organisation', `org-${m}`, regionId, { regionId, name: `Organisation ${m}` }));
    records.push(
      record('membership', `group-${g}--org-${m}`, regionId, {
        lecGroupId: `group-${g}`,
        organisationId: `org-${m}`,
        representative: `Member ${m}`,
        representativeEmail: `member-${m}@example.nz`,
        digestConsentOn: '2026-10-01',
        digestConsentHow: 'form',
      }),
    );
  }
  return records;
}

async function seeded(members: number): Promise<MemoryRecordStore> {
  const store = new MemoryRecordStore();
  const records = world(members);
  await store.writeAll(
    records.map((r) => ({
      record: r,
      expectedVersion: null,
      history: { version: 1, op: 'created', at: AT, by: r.updatedBy, changes: [], record: r },
    })),
  );
  return store;
}

function dependencies(store: RecordRepository, mailer: Mailer): DigestDependencies {
  const sitePages = new SitePages({
    siteUrl: 'https://partners.example.nz',
    linkPagesUrl: 'https://api.example.nz',
    links: new SignedLinks('bench-link-secret-bench-link-secret'),
  });
  return {
    source: new StoreDigestSource(store),
    sentLog: new InMemoryDigestSentLog(),
    unsubscribes: new InMemoryDigestUnsubscribes(),
    mailer,
    links: digestLinkSigner(sitePages),
    pages: digestPages('https://partners.example.nz', 'https://services.example.nz'),
  };
}

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

console.log(
  `LEC digest run, in-memory store, groups of ${PER_GROUP} (node ${process.version}, ${new Date().toISOString()})\n`,
);
console.log(
  '| members | groups | run (ms) | per member (ms) | read once (ms) | run / read once | queries | records read | per-member baseline (ms per member, reads per member) | run / per-member baseline |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const members of SIZES) {
  const store = await seeded(members);
  const counting = new CountingStore(store);
  const repository = counting.asRepository();

  // Baseline 1: the records read once, as the run reads them.
  const source = new StoreDigestSource(repository);
  await source.load(TODAY); // warm-up
  counting.reset();
  const readOnce = await time(() => source.load(TODAY));

  // Ours: the whole run.
  counting.reset();
  const mailer = new KeepingMailer();
  const run = await time(() => sendDigests(dependencies(repository, mailer), TODAY));
  const { queries, records } = counting;
  if (run.result.sent !== members || mailer.sent !== members)
    throw new Error(`expected ${members} digests, sent ${run.result.sent}`);

  // Baseline 2: each member's digest read for them alone (a sample, per member).
  counting.reset();
  const world = await source.load(TODAY);
  const sample = world.members.slice(0, NAIVE_SAMPLE);
  counting.reset();
  const naive = await time(async () => {
    for (const member of sample) {
      const one = new KeepingMailer();
      const alone: DigestDependencies = {
        ...dependencies(repository, one),
        source: {
          // Reads everything, then keeps only this member: a per-member job.
          load: async (today) => {
            const all = await new StoreDigestSource(repository).load(today);
            return {
              ...all,
              members: all.members.filter((m) => m.groupId === member.groupId && m.email === member.email),
            };
          },
        },
      };
      await sendDigests(alone, TODAY);
    }
  });
  const naivePerMember = naive.ms / sample.length;
  const naiveReads = counting.queries / sample.length;
  const perMember = run.ms / members;
  console.log(
    `| ${members.toLocaleString('en-NZ')} | ${Math.ceil(members / PER_GROUP)} | ${run.ms.toFixed(0)} | ${perMember.toFixed(2)} | ${readOnce.ms.toFixed(0)} | ${(run.ms / readOnce.ms).toFixed(1)}× | ${queries} | ${records.toLocaleString('en-NZ')} | ${naivePerMember.toFixed(1)} ms, ${naiveReads.toFixed(0)} queries | ${((perMember / naivePerMember) * 100).toFixed(1)}% |`,
  );
}
