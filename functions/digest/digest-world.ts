import type { EventView } from '../events/event-view.ts';
import type { DigestFrequency } from '../records/types/lec-group.ts';

/**
 * What the digest planner reads, read once per run (not per member) by the source adapter or
 * built by hand in tests. Every field is what a digest shows or decides with; nothing else.
 */

export interface DigestGroup {
  id: string;
  regionId: string;
  name: string;
  frequency: DigestFrequency;
  coordinatorName?: string;
  coordinatorEmail?: string;
}

export interface DigestRegion {
  id: string;
  name: string;
  /** The CEG regional team's address, named when the team (not a co-ordinator) authorises. */
  teamEmail?: string;
}

/** A membership of a group with a representative's email, consenting or not (the preview shows both). */
export interface DigestMember {
  membershipId: string;
  groupId: string;
  /** Lower case. */
  email: string;
  name?: string;
  organisationName?: string;
  consentOn?: string;
  consentHow?: string;
  consentWithdrawnOn?: string;
  /** Consent recorded and not withdrawn since (`consentsToDigest`). */
  consenting: boolean;
}

/** Good practice or a joint venture in the national knowledge base. */
export interface KnowledgeItem {
  type: 'practice' | 'joint-venture';
  id: string;
  regionId: string;
  title: string;
  summary?: string;
  whatWorked?: string;
  whatDidNot?: string;
  /** Joint ventures: where it stands and what came of it. */
  status?: string;
  outcomes?: string;
  createdAt: string;
}

/** An event as every reader of events sees it (functions/events/event-view.ts). */
export type DigestEvent = EventView;

export interface DigestAction {
  id: string;
  groupId: string;
  title: string;
  /** The owner in words, or their email when that is all there is. */
  owner: string;
  ownerEmail?: string;
  dueOn: string;
  status: string;
  updatedAt: string;
}

/** The region's labour market: the published profile's key figures and the latest dashboard figures. */
export interface RegionFigures {
  profile?: { title: string; keyFigures: string[]; publishedOn?: string; updatedAt: string };
  dashboard?: {
    date: string;
    /** The latest quarter with indicators: people (and young people) not in work or training. */
    indicators?: { period: string; people: number; youngPeople: number; councilsReporting: number };
    peopleIntoWorkOrTraining: number;
    youngPeopleIntoWorkOrTraining: number;
    openActions: number;
    overdueActions: number;
  };
}

export interface DigestWorld {
  groups: readonly DigestGroup[];
  regions: ReadonlyMap<string, DigestRegion>;
  members: readonly DigestMember[];
  knowledge: readonly KnowledgeItem[];
  events: readonly DigestEvent[];
  actions: readonly DigestAction[];
  figures: ReadonlyMap<string, RegionFigures>;
}
