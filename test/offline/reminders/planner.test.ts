import { describe, expect, it } from 'vitest';
import { defaultPreferences, type ReminderPreferences } from '../../../functions/reminders/kinds.ts';
import { planReminders, type ReminderPlan, whenDue } from '../../../functions/reminders/planner.ts';
import { reminderDayFor } from '../../../functions/reminders/reminder-day.ts';
import { action, agreement, reminderWorld, stored } from './reminder-world.ts';

/** Who gets which item keys, for compact expectations. */
function whoGetsWhat(plans: ReminderPlan[]): Record<string, string[]> {
  return Object.fromEntries(plans.map((p) => [p.person.email, p.items.map((i) => i.key)]));
}

const everyoneDaily = () => defaultPreferences();

// Wednesday 18 November 2026, New Zealand.
const WEDNESDAY = '2026-11-18';
// Monday 23 November 2026: last week started on Monday 16 November.
const MONDAY = '2026-11-23';

describe('reminders: who gets what (offline, hand-checked)', () => {
  it('should tell action owners about actions due within 7 days or overdue, and nothing else', () => {
    // Prepare
    const world = reminderWorld({
      actions: [
        action('due-in-7', 'canterbury', {
          ownerEmail: 'mere@lec-canterbury.example.nz',
          dueOn: '2026-11-25',
        }),
        action('due-in-8', 'canterbury', {
          ownerEmail: 'mere@lec-canterbury.example.nz',
          dueOn: '2026-11-26',
        }),
        action('overdue', 'canterbury', {
          ownerEmail: 'AROHA@ceg.example.nz',
          dueOn: '2026-10-01',
          status: 'in-progress',
        }),
        action('done', 'canterbury', {
          ownerEmail: 'aroha@ceg.example.nz',
          dueOn: '2026-11-01',
          status: 'done',
          completedOn: '2026-11-02',
        }),
        action('cancelled', 'canterbury', {
          ownerEmail: 'aroha@ceg.example.nz',
          dueOn: '2026-11-01',
          status: 'cancelled',
        }),
        action('words-only', 'canterbury', { owner: 'Mere at the council', dueOn: '2026-11-10' }),
        action('unknown-person', 'canterbury', { ownerEmail: 'nobody@example.nz', dueOn: '2026-11-10' }),
      ],
    });

    // Act
    const plans = planReminders(world, WEDNESDAY, everyoneDaily);

    // Assess
    expect(whoGetsWhat(plans)).toEqual({
      'aroha@ceg.example.nz': ['action:overdue'],
      'mere@lec-canterbury.example.nz': ['action:due-in-7'],
    });
    const [aroha] = plans;
    expect(aroha!.items[0]).toMatchObject({
      title: 'Action overdue (Christchurch Jobs Network)',
      detail: 'Action overdue by 48 days (due Thursday 1 October); status in-progress.',
      link: { page: 'action', id: 'overdue' },
    });
  });

  it('should never tell a person about a record outside their reach', () => {
    // Prepare
    const world = reminderWorld({
      actions: [
        // Sina works in Otago; Ben (no account) reaches only Otago, his adviser record's region.
        action('cant-1', 'canterbury', { ownerEmail: 'sina@ceg.example.nz', dueOn: '2026-11-18' }),
        action('cant-2', 'canterbury', { ownerEmail: 'ben@ceg.example.nz', dueOn: '2026-11-18' }),
        action('otago-1', 'otago', { ownerEmail: 'ben@ceg.example.nz', dueOn: '2026-11-18' }),
        action('otago-2', 'otago', { ownerEmail: 'nat@ceg.example.nz', dueOn: '2026-11-18' }),
      ],
    });

    // Act
    const plans = planReminders(world, WEDNESDAY, everyoneDaily);

    // Assess
    expect(whoGetsWhat(plans)).toEqual({
      'ben@ceg.example.nz': ['action:otago-1'],
      'nat@ceg.example.nz': ['action:otago-2'],
    });
  });

  it('should tell the adviser of an agreement whose review is within 30 days or past', () => {
    // Prepare
    const world = reminderWorld({
      agreements: [
        agreement('in-30', 'aroha', { reviewBy: '2026-12-18' }),
        agreement('in-31', 'aroha', { reviewBy: '2026-12-19' }),
        agreement('past', 'ben', { reviewBy: '2026-11-17', status: 'under-review' }),
        agreement('draft', 'ben', { reviewBy: '2026-11-17', status: 'draft', agreedOn: undefined }),
        agreement('ended', 'ben', { reviewBy: '2026-11-17', status: 'ended' }),
      ],
    });

    // Act
    const plans = planReminders(world, WEDNESDAY, everyoneDaily);

    // Assess
    expect(whoGetsWhat(plans)).toEqual({
      'aroha@ceg.example.nz': ['agreement-review:in-30'],
      'ben@ceg.example.nz': ['agreement-review:past'],
    });
    expect(plans[0]!.items[0]!.detail).toContain('Review due in 30 days (Friday 18 December)');
    expect(plans[1]!.items[0]!.detail).toContain('Review overdue by 1 day (due Tuesday 17 November)');
  });

  it("should tell advisers on Mondays, and only on Mondays, that last week's activities are missing", () => {
    // Prepare
    const world = reminderWorld({
      activities: [
        stored('activity', 'a1', 'otago', {
          adviserId: 'ben',
          councilId: 'dunedin-city',
          weekStarting: '2026-11-16',
          hours: 3,
        }),
        // Aroha's entry is for the week before: last week is still missing.
        stored('activity', 'a2', 'canterbury', {
          adviserId: 'aroha',
          councilId: 'christchurch-city',
          weekStarting: '2026-11-09',
          hours: 2,
        }),
      ],
    });

    // Act
    const monday = planReminders(world, MONDAY, everyoneDaily);
    const tuesday = planReminders(world, '2026-11-24', everyoneDaily);

    // Assess
    // Ben reported; the inactive adviser is not asked.
    expect(whoGetsWhat(monday)).toEqual({ 'aroha@ceg.example.nz': ['activities:aroha:2026-11-16'] });
    expect(monday[0]!.items[0]).toMatchObject({
      title: 'Your activities for the week starting Monday 16 November',
      link: { page: 'record', typePath: 'advisers', id: 'aroha' },
    });
    expect(monday[0]!.items[0]!.detail).toContain('MTFJ Christchurch');
    expect(tuesday).toEqual([]);
  });

  it('should tell regional teams about the quarterly report in the last two weeks of the quarter only', () => {
    // Prepare
    const world = reminderWorld({
      progressReports: [
        stored('progress-report', 'otago-2026-q4', 'otago', {
          regionId: 'otago',
          quarter: '2026-Q4',
          status: 'submitted',
        }),
        stored('progress-report', 'canterbury-2026-q3', 'canterbury', {
          regionId: 'canterbury',
          quarter: '2026-Q3',
          status: 'submitted',
        }),
      ],
    });

    // Act: 31 December minus 13 days: Friday 18 December is the first day of the last two weeks.
    // Quarter ends of other lengths: 30 June (Q2) and 31 March (Q1).
    const dayBefore = planReminders(world, '2026-12-17', everyoneDaily);
    const plans = planReminders(world, '2026-12-18', everyoneDaily);
    const juneFirstDay = planReminders(world, '2026-06-17', everyoneDaily);
    const juneDayBefore = planReminders(world, '2026-06-16', everyoneDaily);
    const marchLastDay = planReminders(world, '2027-03-31', everyoneDaily);

    // Assess
    expect(dayBefore).toEqual([]);
    expect(whoGetsWhat(plans)).toEqual({ 'rangi@ceg.example.nz': ['progress-report:canterbury-2026-q4'] });
    expect(plans[0]!.items[0]).toMatchObject({
      title: 'Canterbury: progress report for 2026-Q4',
      detail:
        'The quarterly report to the national group is due in 13 days (Thursday 31 December) and has not been started.',
      link: { page: 'record', typePath: 'regions', id: 'canterbury' },
    });
    expect(juneFirstDay.length).toBe(2);
    expect(juneDayBefore.length).toBe(0);
    expect(whoGetsWhat(marchLastDay)).toEqual({
      'rangi@ceg.example.nz': ['progress-report:canterbury-2027-q1'],
      'sina@ceg.example.nz': ['progress-report:otago-2027-q1'],
    });
  });

  it('should gather everything for a person into one plan, most urgent first', () => {
    // Prepare
    const world = reminderWorld({
      actions: [
        action('later', 'canterbury', { ownerEmail: 'aroha@ceg.example.nz', dueOn: '2026-11-24' }),
        action('sooner', 'canterbury', { ownerEmail: 'aroha@ceg.example.nz', dueOn: '2026-11-20' }),
      ],
      agreements: [agreement('review', 'aroha', { reviewBy: '2026-11-22' })],
    });

    // Act
    const plans = planReminders(world, WEDNESDAY, everyoneDaily);

    // Assess
    expect(whoGetsWhat(plans)).toEqual({
      'aroha@ceg.example.nz': ['action:sooner', 'agreement-review:review', 'action:later'],
    });
  });

  it('should honour preferences: off never, weekly only in the Monday digest', () => {
    // Prepare
    const world = reminderWorld({
      actions: [action('x', 'canterbury', { ownerEmail: 'aroha@ceg.example.nz', dueOn: '2026-11-20' })],
      agreements: [agreement('r', 'aroha', { reviewBy: '2026-11-30' })],
    });
    const prefs = (overrides: Partial<ReminderPreferences>) => () => ({
      ...defaultPreferences(),
      ...overrides,
    });
    const weekly = prefs({ actions: 'weekly', 'agreement-reviews': 'weekly', 'weekly-activities': 'off' });

    // Act
    const actionsOff = planReminders(world, WEDNESDAY, prefs({ actions: 'off' }));
    const weeklyMidweek = planReminders(world, WEDNESDAY, weekly);
    const digest = planReminders(world, MONDAY, weekly);

    // Assess
    expect(whoGetsWhat(actionsOff)).toEqual({ 'aroha@ceg.example.nz': ['agreement-review:r'] });
    expect(weeklyMidweek).toEqual([]);
    expect(whoGetsWhat(digest)).toEqual({ 'aroha@ceg.example.nz': ['action:x', 'agreement-review:r'] });
    expect(digest[0]!.digestOnly).toBe(true);
  });

  it('should tell each person a sign-off awaits, within their reach', () => {
    // Prepare
    const world = reminderWorld({
      signOffs: [
        {
          key: 'sign-off:communication:c1:ceg',
          regionId: 'canterbury',
          title: 'Communication "Youth jobs expo"',
          detail: 'Awaits CEG agreement before release.',
          link: { page: 'record', typePath: 'communications', id: 'c1' },
          dueOn: '2026-11-18',
          awaiting: ['rangi@ceg.example.nz', 'sina@ceg.example.nz'],
        },
      ],
    });

    // Act
    const plans = planReminders(world, WEDNESDAY, everyoneDaily);

    // Assess
    expect(whoGetsWhat(plans)).toEqual({
      'rangi@ceg.example.nz': ['sign-off:communication:c1:ceg'],
    });
  });
});

describe('reminders: New Zealand days and daylight saving', () => {
  // Daylight saving starts on Sunday 27 September 2026: 07:00 is 19:00 UTC the day before until then,
  // 18:00 after. It ends on Sunday 5 April 2026: 07:00 NZST is 19:00 UTC on the Saturday.
  it.each([
    ['2026-09-25T19:00:00Z', '2026-09-26'],
    ['2026-09-26T18:00:00Z', '2026-09-27'],
    ['2026-09-27T18:00:00Z', '2026-09-28'],
    ['2026-04-03T18:00:00Z', '2026-04-04'],
    ['2026-04-04T19:00:00Z', '2026-04-05'],
  ])("should name the run scheduled at %s by the New Zealand day of the schedule's 07:00, %s", (at, day) => {
    // Act
    const named = reminderDayFor({ scheduledTime: at });

    // Assess
    expect(named).toBe(day);
  });

  it('should name a retry hours later by the same day', () => {
    // Act
    const named = reminderDayFor({ scheduledTime: '2026-04-04T19:00:00Z' }, new Date('2026-04-05T09:00:00Z'));

    // Assess
    expect(named).toBe('2026-04-05');
  });

  it('should take the day an event names, and refuse one that is not a real date', () => {
    // Act
    const named = reminderDayFor({ day: '2026-11-23' });
    const misspelt = () => reminderDayFor({ day: '23/11/2026' });

    // Assess
    expect(named).toBe('2026-11-23');
    expect(misspelt).toThrow(/real date like 2026-11-23/);
  });

  it('should count days across the change of clocks as calendar days', () => {
    // Act
    const beforeSpring = whenDue('2026-09-28', '2026-09-26');
    const afterAutumn = whenDue('2026-04-04', '2026-04-06');

    // Assess
    expect(beforeSpring).toBe('due in 2 days (Monday 28 September)');
    expect(afterAutumn).toBe('overdue by 2 days (due Saturday 4 April)');
  });

  it('should look seven calendar days ahead over the start of daylight saving (a 23-hour day)', () => {
    // Prepare
    const world = reminderWorld({
      actions: [action('dst', 'canterbury', { ownerEmail: 'aroha@ceg.example.nz', dueOn: '2026-10-04' })],
    });

    // Act: the regional teams hear about the Q3 report (the last two weeks of September); Aroha about her action.
    const sevenDaysBefore = whoGetsWhat(planReminders(world, '2026-09-27', everyoneDaily));
    const eightDaysBefore = whoGetsWhat(planReminders(world, '2026-09-26', everyoneDaily));

    // Assess
    expect(sevenDaysBefore['aroha@ceg.example.nz']).toEqual(['action:dst']);
    expect(eightDaysBefore['aroha@ceg.example.nz']).toBeUndefined();
  });
});
