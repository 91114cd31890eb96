import { defaultPreferences, type PreferencesChange, type ReminderPreferences } from './kinds.ts';
import type { PreferenceStore, SentLog } from './ports.ts';

/** The sent log in memory, with the same all-or-nothing claim as the DynamoDB one (offline tests). */
export class InMemorySentLog implements SentLog {
  private readonly days = new Map<string, { items: string[]; messageId?: string }>();

  async claim(email: string, day: string, itemKeys: readonly string[]): Promise<boolean> {
    const key = `${email.toLowerCase()}#${day}`;
    if (this.days.has(key)) return false;
    this.days.set(key, { items: [...itemKeys] });
    return true;
  }

  async markSent(email: string, day: string, messageId: string): Promise<void> {
    const entry = this.days.get(`${email.toLowerCase()}#${day}`);
    if (entry) entry.messageId = messageId;
  }

  async release(email: string, day: string): Promise<void> {
    this.days.delete(`${email.toLowerCase()}#${day}`);
  }

  async sentItems(email: string, day: string): Promise<string[]> {
    const entry = this.days.get(`${email.toLowerCase()}#${day}`);
    return entry?.messageId ? [...entry.items] : [];
  }
}

/** Preferences in memory (offline tests). */
export class InMemoryPreferenceStore implements PreferenceStore {
  private readonly stored = new Map<string, ReminderPreferences>();

  async get(email: string): Promise<ReminderPreferences> {
    return { ...(this.stored.get(email.toLowerCase()) ?? defaultPreferences()) };
  }

  async getMany(emails: readonly string[]): Promise<Map<string, ReminderPreferences>> {
    return new Map(await Promise.all(emails.map(async (e) => [e, await this.get(e)] as const)));
  }

  async update(email: string, change: PreferencesChange): Promise<ReminderPreferences> {
    const next = { ...(await this.get(email)) };
    for (const [kind, cadence] of Object.entries(change)) {
      if (cadence) next[kind as keyof ReminderPreferences] = cadence;
    }
    this.stored.set(email.toLowerCase(), next);
    return { ...next };
  }
}
