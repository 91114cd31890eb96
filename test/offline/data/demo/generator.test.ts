import { describe, expect, it } from 'vitest';
import { addDays, mondayOf, quartersBefore } from '../../../../data/demo/calendar.ts';
import { generateDemoData } from '../../../../data/demo/generator.ts';
import { Random } from '../../../../data/demo/random.ts';
import { referenceData } from '../../../../data/reference.ts';
import type { SeedRow } from '../../../../data/seed-loader.ts';
import { definitionForType, RECORD_DEFINITIONS } from '../../../../functions/records/registry.ts';

const TODAY = '2026-03-18'; // a Wednesday
// Act, shared by every test below that reads `rows`: one generation, checked many ways (each such
// test is its Assess).
const rows = generateDemoData({ seed: 2001, today: TODAY });

const ofType = (type: string) => rows.filter((r) => r.type === type);
const byId = (type: string) => new Map(ofType(type).map((r) => [r.id, r]));
const v = (row: SeedRow) => row.values as Record<string, any>;

describe('demo data generator: deterministic', () => {
  it('should make the same rows from the same seed and day', () => {
    // Act
    const again = generateDemoData({ seed: 2001, today: TODAY });

    // Assess
    expect(again).toEqual(rows);
  });

  it('should make other rows from another seed', () => {
    // Act
    const other = generateDemoData({ seed: 7, today: TODAY });

    // Assess
    expect(other).not.toEqual(rows);
  });

  it('should draw the same numbers from the same PRNG seed', () => {
    // Prepare
    const a = new Random(42);
    const b = new Random(42);

    // Act
    const drawn = Array.from({ length: 5 }, () => a.next());
    const again = Array.from({ length: 5 }, () => b.next());

    // Assess
    expect(again).toEqual(drawn);
    expect(drawn.every((n) => n >= 0 && n < 1)).toBe(true);
    expect(new Set(drawn).size).toBe(5);
  });
});

describe('demo data generator: valid against the record definitions', () => {
  it('should produce rows of every record type in the registry', () => {
    // Assess
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(RECORD_DEFINITIONS.map((d) => d.type)));
  });

  it('should pass every schema unchanged and every value-only check', () => {
    // Assess
    const problems: string[] = [];
    for (const row of rows) {
      const definition = definitionForType(row.type)!;
      const parsed = definition.schema.safeParse(row.values);
      if (!parsed.success) problems.push(`${row.type} ${row.id}: ${parsed.error.message}`);
      else if (JSON.stringify(parsed.data) !== JSON.stringify(row.values))
        problems.push(`${row.type} ${row.id}: changed by parsing`);
      else
        problems.push(
          ...(definition.refine?.(parsed.data) ?? []).map(
            (e) => `${row.type} ${row.id}: ${e.field} ${e.message}`,
          ),
        );
    }
    expect(problems).toEqual([]);
  });

  it('should give unique ids, natural ids where the type has them', () => {
    // Assess
    expect(new Set(rows.map((r) => `${r.type}#${r.id}`)).size).toBe(rows.length);
    for (const row of rows) {
      const natural = definitionForType(row.type)!.naturalId?.(row.values as never);
      if (natural) expect(row.id).toBe(natural);
      expect(row.id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/);
    }
  });

  it('should refer only to records in the demo or reference data', () => {
    // Assess
    const known = new Set(rows.map((r) => `${r.type}#${r.id}`));
    for (const r of referenceData().regions) known.add(`region#${r.id}`);
    for (const c of referenceData().councils) known.add(`council#${c.id}`);
    const dangling: string[] = [];
    for (const row of rows) {
      for (const field of definitionForType(row.type)!.fields.filter(
        (f) => (f.kind === 'reference' || f.kind === 'references') && !f.derived,
      )) {
        const value = row.values[field.name];
        for (const id of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
          if (!known.has(`${field.refType}#${id}`))
            dangling.push(`${row.type} ${row.id}.${field.name} → ${id}`);
        }
      }
    }
    expect(dangling).toEqual([]);
  });

  it("should give actions owners the system can remind: their group's member contacts, or words", () => {
    // Assess
    const contacts = new Set(
      rows
        .filter((r) => r.type === 'membership')
        .map((r) => `${r.values.lecGroupId}#${r.values.representativeEmail}`),
    );
    const actions = rows.filter((r) => r.type === 'action');
    const owned = actions.filter((a) => a.values.ownerEmail !== undefined);
    expect(owned.length).toBeGreaterThan(actions.length / 2);
    expect(owned.filter((a) => !contacts.has(`${a.values.lecGroupId}#${a.values.ownerEmail}`))).toEqual([]);
    expect(actions.filter((a) => a.values.ownerEmail === undefined && a.values.owner === undefined)).toEqual(
      [],
    );
  });
});

describe('demo data generator: the domain rules', () => {
  const members = byId('council');

  it('should make 30 to 36 councils Taskforce members, with a date, in every CEG region', () => {
    // Assess
    expect(members.size).toBeGreaterThanOrEqual(30);
    expect(members.size).toBeLessThanOrEqual(36);
    expect(
      [...members.values()].every((c) => v(c).taskforceMember === true && v(c).memberSince <= TODAY),
    ).toBe(true);
    const regions = new Set([...members.values()].map((c) => v(c).regionId));
    expect(regions.size).toBe(16);
  });

  it('should record agreements, strategies and activities only for member councils (rule 2)', () => {
    // Assess
    for (const type of ['agreement', 'strategy', 'activity']) {
      expect(ofType(type).filter((r) => !members.has(v(r).councilId))).toEqual([]);
    }
  });

  it('should make a strategy active only where the council has an agreed agreement (rule 5)', () => {
    // Assess
    const agreed = new Set(
      ofType('agreement')
        .filter((a) => v(a).status === 'agreed')
        .map((a) => v(a).councilId),
    );
    const active = ofType('strategy').filter((s) => v(s).status === 'active');
    expect(active.length).toBeGreaterThan(20);
    expect(active.filter((s) => !agreed.has(v(s).councilId))).toEqual([]);
  });

  it('should place 1,100 to 1,700 people a year nationally, 10 to 100 a council, young people among them', () => {
    // Assess
    const perCouncil = new Map<string, number>();
    for (const s of ofType('strategy')) {
      const people = v(s).peopleIntoWorkOrTraining as number | undefined;
      if (people === undefined) continue;
      expect(v(s).youngPeopleIntoWorkOrTraining).toBeLessThanOrEqual(people);
      perCouncil.set(v(s).councilId, (perCouncil.get(v(s).councilId) ?? 0) + people);
    }
    const total = [...perCouncil.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(1100);
    expect(total).toBeLessThanOrEqual(1700);
    expect([...perCouncil.values()].every((n) => n >= 10 && n <= 100)).toBe(true);
  });

  it('should report twelve weeks of activities on Mondays, ending the week before today, by advisers of the council', () => {
    // Assess
    const lastWeek = addDays(mondayOf(TODAY), -7);
    const weeks = [...new Set(ofType('activity').map((a) => v(a).weekStarting as string))].sort();
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)).toBe(lastWeek);
    expect(weeks[0]).toBe(addDays(lastWeek, -77));
    const advisers = byId('adviser');
    for (const activity of ofType('activity')) {
      expect(new Date(`${v(activity).weekStarting}T00:00:00Z`).getUTCDay()).toBe(1);
      expect(v(activity).hours).toBeLessThanOrEqual(80);
      expect(Math.round(v(activity).hours * 100)).toBe(v(activity).hours * 100);
      expect(v(advisers.get(v(activity).adviserId)!).councilIds).toContain(v(activity).councilId);
    }
  });

  it('should leave two regions not yet reported for last week', () => {
    // Assess
    const lastWeek = addDays(mondayOf(TODAY), -7);
    const reported = new Set(
      ofType('activity')
        .filter((a) => v(a).weekStarting === lastWeek)
        .map((a) => members.get(v(a).councilId)!.values.regionId),
    );
    expect(reported.size).toBe(14);
  });

  it('should keep about 70 advisers, each with councils of their own region', () => {
    // Assess
    const advisers = ofType('adviser');
    expect(advisers).toHaveLength(70);
    const councils = new Map(referenceData().councils.map((c) => [c.id, c]));
    for (const adviser of advisers) {
      expect(
        v(adviser).councilIds.every((id: string) => councils.get(id)?.regionId === v(adviser).regionId),
      ).toBe(true);
    }
    expect(new Set(advisers.map((a) => v(a).email)).size).toBe(70);
  });

  it('should acknowledge both parties in approved or published publicity about joint strategies, some drafts still waiting (rule 6)', () => {
    // Assess
    const strategies = byId('strategy');
    const joint = ofType('publicity').filter(
      (p) => v(strategies.get(v(p).strategyId)!).jointlySupported === true,
    );
    const acknowledged = (p: SeedRow) => p.signedBy?.length === 2;
    expect(joint.filter((p) => v(p).status !== 'draft' && !acknowledged(p))).toEqual([]);
    expect(joint.filter((p) => v(p).status === 'draft' && !acknowledged(p)).length).toBeGreaterThan(0);
  });

  it('should release communications only when both parties agreed, some drafts awaiting agreement (rule 7)', () => {
    // Assess
    const communications = ofType('communication');
    const agreed = (c: SeedRow) => c.signedBy?.length === 2;
    expect(communications.filter((c) => v(c).status !== 'draft' && !agreed(c))).toEqual([]);
    expect(communications.filter((c) => v(c).status === 'draft' && !agreed(c)).length).toBeGreaterThan(0);
  });

  it('should report each CEG region for each of the last four quarters, and measure every member council (rules 1 and 8)', () => {
    // Assess
    const quarters = quartersBefore(TODAY, 4);
    expect(quarters).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(ofType('progress-report')).toHaveLength(16 * 4);
    expect(ofType('indicator')).toHaveLength(members.size * 4);
    expect(new Set(ofType('indicator').map((i) => v(i).period))).toEqual(new Set(quarters));
  });
});

describe('demo data generator: LEC groups at 1999 scale', () => {
  it('should make 42 LEC groups with about 750 memberships, some committed in business plans', () => {
    // Assess
    expect(ofType('lec-group')).toHaveLength(42);
    const memberships = ofType('membership');
    expect(memberships.length).toBeGreaterThanOrEqual(700);
    expect(memberships.length).toBeLessThanOrEqual(800);
    expect(memberships.some((m) => v(m).inBusinessPlan)).toBe(true);
    expect(memberships.filter((m) => v(m).inBusinessPlan && !v(m).seniorCommitment)).toEqual([]);
  });

  it('should leave some actions overdue and publish some employment profiles', () => {
    // Assess
    const overdue = ofType('action').filter(
      (a) => (v(a).status === 'open' || v(a).status === 'in-progress') && v(a).dueOn < TODAY,
    );
    expect(overdue.length).toBeGreaterThan(5);
    const profiles = ofType('employment-profile');
    expect(profiles).toHaveLength(16);
    expect(profiles.some((p) => v(p).published) && profiles.some((p) => !v(p).published)).toBe(true);
  });

  it('should pair co-ordinators with other groups, each group at most once', () => {
    // Assess
    const pairs = ofType('buddy-pair');
    const groups = pairs.flatMap((p) => [v(p).lecGroupId, v(p).buddyLecGroupId]);
    expect(pairs).toHaveLength(21);
    expect(new Set(groups).size).toBe(groups.length);
  });
});

describe('demo data generator: options', () => {
  it('should fill only the regions asked for', () => {
    // Act
    const some = generateDemoData({ today: TODAY, regionIds: ['nelson', 'west-coast'] });

    // Assess
    const regions = new Set(
      some.filter((r) => r.type === 'adviser' || r.type === 'lec-group').map((r) => r.values.regionId),
    );
    expect(regions).toEqual(new Set(['nelson', 'west-coast']));
  });

  it('should refuse an unknown region and a malformed day, saying what to give instead', () => {
    // Act
    const unknownRegion = () => generateDemoData({ today: TODAY, regionIds: ['mordor'] });
    const malformedDay = () => generateDemoData({ today: '18/3/2026' });

    // Assess
    expect(unknownRegion).toThrow('no CEG region with id "mordor"; choose from northland,');
    expect(malformedDay).toThrow('today must be a date like 2026-03-16, got "18/3/2026"');
  });
});
