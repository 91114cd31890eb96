import type { Values } from '../../functions/records/definition.ts';
import { definitionForType } from '../../functions/records/registry.ts';
import type { CouncilReference, ReferenceData, RegionReference } from '../reference.ts';
import type { SeedRow } from '../seed-loader.ts';
import { signedParties } from '../seed-sign-offs.ts';
import { addDays, daysBetween } from './calendar.ts';
import { PersonNames } from './names.ts';
import type { Random } from './random.ts';

/** A member council of the demo Taskforce, with what later parts of the data need to know. */
export interface MemberCouncil extends CouncilReference {
  memberSince: string;
}

export interface DemoAdviser {
  id: string;
  name: string;
  regionId: string;
  councilIds: string[];
  active: boolean;
}

/**
 * The demo data being built: the reference data it stands on, the rows made so far (by type),
 * and the facts later parts depend on (members, advisers, groups). Each part draws from its
 * own forked random source so that changing one part does not reshuffle the others.
 */
export class DemoWorld {
  private readonly rowsByType = new Map<string, SeedRow[]>();
  readonly members = new Map<string, MemberCouncil>();
  readonly advisers: DemoAdviser[] = [];
  readonly people: PersonNames;

  constructor(
    readonly rng: Random,
    readonly today: string,
    readonly reference: ReferenceData,
    /** The CEG regions being filled (all 16 unless a subset was asked for). */
    readonly regions: RegionReference[],
    /** True when every region is filled, so national totals should hit national figures. */
    readonly national: boolean,
  ) {
    this.people = new PersonNames(rng.fork('people'));
  }

  /** Adds a row; record types with natural ids get theirs from their values. */
  add(type: string, id: string | undefined, values: Values): SeedRow {
    const definition = definitionForType(type);
    if (!definition) throw new Error(`demo data names an unknown record type "${type}"`);
    const natural = definition.naturalId?.(values as never);
    const rowId = natural ?? id;
    if (!rowId) throw new Error(`demo ${type} rows need an id`);
    // Optional fields left undefined are dropped, as the API would store them.
    const clean = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    const row: SeedRow = definition.signOff
      ? { type, id: rowId, ...signedParties(definition, clean) }
      : { type, id: rowId, values: clean };
    const rows = this.rowsByType.get(type) ?? [];
    rows.push(row);
    this.rowsByType.set(type, rows);
    return row;
  }

  of(type: string): readonly SeedRow[] {
    return this.rowsByType.get(type) ?? [];
  }

  councilsIn(regionId: string): CouncilReference[] {
    return this.reference.councils.filter((c) => c.regionId === regionId);
  }

  membersIn(regionId: string): MemberCouncil[] {
    return [...this.members.values()].filter((c) => c.regionId === regionId);
  }

  advisersIn(regionId: string, activeOnly = true): DemoAdviser[] {
    return this.advisers.filter((a) => a.regionId === regionId && (a.active || !activeOnly));
  }

  advisersFor(councilId: string): DemoAdviser[] {
    return this.advisers.filter((a) => a.active && a.councilIds.includes(councilId));
  }

  /** A date between `from` and `to` (both included), drawn from `rng`; `to` when the range is empty. */
  dateBetween(rng: Random, from: string, to: string): string {
    const span = daysBetween(from, to);
    return span <= 0 ? to : addDays(from, rng.int(0, span));
  }

  /** A date `minDays` to `maxDays` before today. */
  daysAgo(rng: Random, minDays: number, maxDays: number): string {
    return addDays(this.today, -rng.int(minDays, maxDays));
  }
}
