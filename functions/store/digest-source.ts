import type { SnapshotReader } from '../aggregate/snapshot-files.ts';
import type { DigestMember, DigestWorld, KnowledgeItem, RegionFigures } from '../digest/digest-world.ts';
import type { DigestSource } from '../digest/ports.ts';
import type { RecordRepository } from '../domain/record-repository.ts';
import { eventViewOf } from '../events/event-view.ts';
import type { StoredRecord } from '../records/definition.ts';
import type { DigestFrequency } from '../records/types/lec-group.ts';
import { consentsToDigest } from '../records/types/membership.ts';

const PAGE_SIZE = 1000;

function lines(text: unknown): string[] {
  return typeof text === 'string'
    ? text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Loads what the digest planner reads, nationally, through the by-type index (queries, never
 * scans), once per run whatever the number of members; and the region figures of the latest
 * dashboard snapshot, when there is one.
 */
export class StoreDigestSource implements DigestSource {
  constructor(
    private readonly store: RecordRepository,
    private readonly snapshots?: SnapshotReader,
  ) {}

  private async all(type: string): Promise<StoredRecord[]> {
    const records: StoredRecord[] = [];
    for await (const page of this.store.pages(type, undefined, PAGE_SIZE)) {
      for (const record of page) if (!record.deletedAt) records.push(record);
    }
    return records;
  }

  async load(_today: string): Promise<DigestWorld> {
    const [
      groups,
      memberships,
      organisations,
      regions,
      practices,
      ventures,
      events,
      actions,
      profiles,
      snapshot,
    ] = await Promise.all([
      this.all('lec-group'),
      this.all('membership'),
      this.all('organisation'),
      this.all('region'),
      this.all('practice'),
      this.all('joint-venture'),
      this.all('event'),
      this.all('action'),
      this.all('employment-profile'),
      this.snapshots?.latest().catch(() => undefined),
    ]);
    const organisationNames = new Map(organisations.map((o) => [o.id, String(o.values.name)]));
    const members: DigestMember[] = memberships.flatMap((m) => {
      const email = str(m.values.representativeEmail)?.toLowerCase();
      if (!email) return [];
      return [
        {
          membershipId: m.id,
          groupId: String(m.values.lecGroupId),
          email,
          name: str(m.values.representative),
          organisationName: organisationNames.get(String(m.values.organisationId)),
          consentOn: str(m.values.digestConsentOn),
          consentHow: str(m.values.digestConsentHow),
          consentWithdrawnOn: str(m.values.digestConsentWithdrawnOn),
          consenting: consentsToDigest(m.values as Parameters<typeof consentsToDigest>[0]),
        },
      ];
    });
    const knowledge: KnowledgeItem[] = [
      ...practices.map((p) => ({
        type: 'practice' as const,
        id: p.id,
        regionId: p.regionId,
        title: String(p.values.title),
        summary: str(p.values.summary),
        whatWorked: str(p.values.whatWorked),
        whatDidNot: str(p.values.whatDidNot),
        createdAt: p.createdAt,
      })),
      ...ventures.map((j) => ({
        type: 'joint-venture' as const,
        id: j.id,
        regionId: j.regionId,
        title: String(j.values.name),
        status: str(j.values.status),
        outcomes: str(j.values.outcomes),
        createdAt: j.createdAt,
      })),
    ];
    const figures = new Map<string, RegionFigures>();
    // A region shows its newest published profile, as the public site does.
    for (const p of profiles
      .filter((p) => p.values.published === true)
      .sort((a, b) => String(a.values.publishedOn ?? '').localeCompare(String(b.values.publishedOn ?? '')))) {
      figures.set(p.regionId, {
        profile: {
          title: String(p.values.title),
          keyFigures: lines(p.values.keyFigures),
          publishedOn: str(p.values.publishedOn),
          updatedAt: p.updatedAt,
        },
      });
    }
    if (snapshot) {
      for (const [regionId, f] of Object.entries(snapshot.byRegion)) {
        const latest = [...f.indicators.periods].reverse().find((p) => p.councilsReporting > 0);
        figures.set(regionId, {
          ...figures.get(regionId),
          dashboard: {
            date: snapshot.date,
            indicators: latest,
            peopleIntoWorkOrTraining: f.strategies.peopleIntoWorkOrTraining,
            youngPeopleIntoWorkOrTraining: f.strategies.youngPeopleIntoWorkOrTraining,
            openActions: f.actions.open,
            overdueActions: f.actions.overdue,
          },
        });
      }
    }
    return {
      groups: groups.map((g) => ({
        id: g.id,
        regionId: g.regionId,
        name: String(g.values.name),
        frequency: (str(g.values.digestFrequency) ?? 'monthly') as DigestFrequency,
        coordinatorName: str(g.values.coordinatorName),
        coordinatorEmail: str(g.values.coordinatorEmail),
      })),
      regions: new Map(
        regions.map((r) => [
          r.id,
          { id: r.id, name: String(r.values.name), teamEmail: str(r.values.regionalTeamEmail) },
        ]),
      ),
      members,
      knowledge,
      events: events.map(eventViewOf),
      actions: actions.map((a) => ({
        id: a.id,
        groupId: String(a.values.lecGroupId),
        title: String(a.values.title),
        owner: str(a.values.owner) ?? str(a.values.ownerEmail) ?? 'not named yet',
        ownerEmail: str(a.values.ownerEmail),
        dueOn: String(a.values.dueOn),
        status: String(a.values.status),
        updatedAt: a.updatedAt,
      })),
      figures,
    };
  }
}
