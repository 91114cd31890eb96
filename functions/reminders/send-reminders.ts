import type { SitePages } from '../links/site-pages.ts';
import type { Mailer } from '../mail/outgoing-email.ts';
import { composeReminderEmail } from './message.ts';
import { planReminders, type ReminderPlan } from './planner.ts';
import type { PreferenceStore, ReminderSource, SentLog } from './ports.ts';

/**
 * DynamoDB writes at most 100 items in one transaction; one is the day's marker. Longer lists are
 * cut, most urgent first, with a line saying how many more there are.
 */
const MAX_ITEMS_PER_EMAIL = 60;

export interface ReminderDependencies {
  source: ReminderSource;
  preferences: PreferenceStore;
  sentLog: SentLog;
  mailer: Mailer;
  /** Where every link of the email points: record pages, signed action pages, the settings page. */
  pages: SitePages;
  now?: () => Date;
}

export interface ReminderRunSummary {
  day: string;
  /** People with something to be told today, after their preferences. */
  planned: number;
  sent: number;
  /** People whose email of the day had already been sent (or claimed) by an earlier run. */
  alreadySent: number;
  failed: { email: string; reason: string }[];
}

/**
 * The daily job: plans who needs what today, then for each person claims the day in the sent log
 * (a conditional write) before handing the email to the transport. A second run on the same day,
 * or a retried invocation, finds the claim and sends nothing; a transport failure gives the claim
 * back, so the retry sends that person's email once.
 */
export async function sendReminders(deps: ReminderDependencies, day: string): Promise<ReminderRunSummary> {
  const now = deps.now ?? (() => new Date());
  const world = await deps.source.load(day);
  const preferences = await deps.preferences.getMany([...world.people.keys()]);
  const plans = planReminders(world, day, (email) => preferences.get(email)!);
  const summary: ReminderRunSummary = { day, planned: plans.length, sent: 0, alreadySent: 0, failed: [] };
  for (const plan of plans) {
    try {
      const outcome = await sendOne(deps, plan, day, now);
      if (outcome === 'sent') summary.sent++;
      else summary.alreadySent++;
    } catch (error) {
      summary.failed.push({ email: plan.person.email, reason: (error as Error).message ?? String(error) });
    }
  }
  return summary;
}

async function sendOne(
  deps: ReminderDependencies,
  plan: ReminderPlan,
  day: string,
  now: () => Date,
): Promise<'sent' | 'already-sent'> {
  const items = plan.items.slice(0, MAX_ITEMS_PER_EMAIL);
  const more = plan.items.length - items.length;
  const keys = items.map((i) => i.key);
  if (!(await deps.sentLog.claim(plan.person.email, day, keys, now().toISOString()))) return 'already-sent';
  const at = now();
  const urls = new Map(
    await Promise.all(
      items.map(async (item) => [item, await deps.pages.urlFor(item.link, plan.person.email, at)] as const),
    ),
  );
  const email = composeReminderEmail({ ...plan, items }, day, {
    urlOf: (item) => urls.get(item)!,
    settingsUrl: await deps.pages.settings(plan.person.email, 'reminders', at),
    notShown: more,
  });
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send(email));
  } catch (error) {
    await deps.sentLog.release(plan.person.email, day, keys);
    throw error;
  }
  await deps.sentLog.markSent(plan.person.email, day, messageId, now().toISOString());
  return 'sent';
}
