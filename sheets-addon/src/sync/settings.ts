import type { TypeDescription } from '../sheet/catalogue.ts';
import { apiAddressProblems, type BuildFacts } from './api-address.ts';

/**
 * What the add-on keeps in the document's properties: settings, the record types as last read
 * from the API, pull cursors and the progress of a running sync. No secrets: the API is called
 * with the user's own Google identity token.
 */

/** Document properties, as a plain key-value store (PropertiesService in Apps Script). */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export interface Settings {
  /** The API's base URL, without a trailing slash. */
  apiUrl: string;
  /** The region pulled; empty for national staff pulling every region. */
  regionId: string;
  /** Record types with a tab in this spreadsheet, by type name. */
  types: string[];
  /** Pull every hour with a time trigger. */
  hourlyPull: boolean;
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'SettingsError';
  }
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** A region the settings form offers: its id (what is saved and pulled) and its name (what is shown). */
export interface RegionChoice {
  id: string;
  name: string;
}

/**
 * The regions a person may pull, from the API's region records and who the directory says they
 * are: national staff every region, everyone else the regions the directory gives them. Sorted by
 * name, as people look for them.
 */
export function regionChoices(
  me: { role: string; regionIds: readonly string[] },
  regions: readonly { id: string; values: Record<string, unknown> }[],
): RegionChoice[] {
  const mine = new Set(me.regionIds);
  return regions
    .filter((r) => me.role === 'national' || mine.has(r.id))
    .map((r) => ({
      id: r.id,
      name: typeof r.values.name === 'string' && r.values.name ? r.values.name : r.id,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-NZ'));
}

/**
 * Checks the chosen region against the real list (the form offers only those, but a form is
 * only a form): a region the person cannot pull would fail every pull, so it is refused here,
 * naming the ones they can choose.
 */
export function checkRegion(settings: Settings, choices: readonly RegionChoice[]): Settings {
  if (!settings.regionId || choices.some((c) => c.id === settings.regionId)) return settings;
  const names = choices.map((c) => `${c.name} (${c.id})`).join(', ');
  throw new SettingsError([
    choices.length === 0
      ? `"${settings.regionId}" is not a region you can pull: the user directory gives you no region, so leave Region on "All regions you can see", or ask your Partnership Records administrator.`
      : `"${settings.regionId}" is not a region you can pull. Choose one from the list (${names}), or "All regions you can see".`,
  ]);
}

/**
 * Checks settings from the sidebar form against what this build may fetch; problems are listed
 * in words, not codes.
 */
export function validateSettings(input: unknown, build: BuildFacts): Settings {
  const raw = (input ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  const apiUrl = String(raw.apiUrl ?? '')
    .trim()
    .replace(/\/+$/, '');
  const match = /^(https?):\/\/([^/:?#]+)(:\d+)?(\/[^?#]*)?$/.exec(apiUrl);
  if (!match) problems.push('The API address must be a web address like https://records.example.nz.');
  else if (match[1] === 'http' && !LOCAL_HOSTS.has(match[2]!)) {
    problems.push('The API address must start with https:// (plain http is only for a local test server).');
  } else problems.push(...apiAddressProblems(apiUrl, build));
  const regionId = String(raw.regionId ?? '').trim();
  if (regionId && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(regionId))
    problems.push(`"${regionId}" is not a region id (like canterbury).`);
  const types = Array.isArray(raw.types) ? raw.types.map((t) => String(t).trim()).filter(Boolean) : [];
  if (types.length === 0) problems.push('Choose at least one record type to keep in this spreadsheet.');
  if (problems.length > 0) throw new SettingsError(problems);
  return { apiUrl, regionId, types: [...new Set(types)], hourlyPull: raw.hourlyPull === true };
}

const KEYS = {
  settings: 'settings',
  type: (type: string) => `type:${type}`,
  cursor: (type: string) => `cursor:${type}`,
  progress: 'progress',
  lastRun: 'lastRun',
  pending: 'pendingSidebarAction',
} as const;

/** A pull cursor remembers the region it belongs to: changing region starts again from scratch. */
interface StoredCursor {
  regionId: string;
  cursor: string;
}

export interface Progress {
  action: string;
  done: number;
  total: number;
  message: string;
  updatedAt: string;
}

/** The last run's outcome, for the sidebar's status line. */
export interface LastRun {
  action: string;
  at: string;
  ok: boolean;
  summary: string;
}

/** Typed access to the document's properties. */
export class DocumentState {
  constructor(private readonly store: KeyValueStore) {}

  settings(): Settings | undefined {
    const raw = this.store.get(KEYS.settings);
    return raw ? (JSON.parse(raw) as Settings) : undefined;
  }

  saveSettings(settings: Settings): void {
    const previous = this.settings();
    this.store.set(KEYS.settings, JSON.stringify(settings));
    if (previous && (previous.regionId !== settings.regionId || previous.apiUrl !== settings.apiUrl)) {
      for (const type of previous.types) this.store.delete(KEYS.cursor(type));
    }
  }

  /** The record type as last read from the API; set-up stores it, so pushes need no extra request. */
  type(type: string): TypeDescription | undefined {
    const raw = this.store.get(KEYS.type(type));
    return raw ? (JSON.parse(raw) as TypeDescription) : undefined;
  }

  saveType(description: TypeDescription): void {
    this.store.set(KEYS.type(description.type), JSON.stringify(description));
  }

  cursor(type: string, regionId: string): string | undefined {
    const raw = this.store.get(KEYS.cursor(type));
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as StoredCursor;
    return stored.regionId === regionId ? stored.cursor : undefined;
  }

  saveCursor(type: string, regionId: string, cursor: string): void {
    this.store.set(KEYS.cursor(type), JSON.stringify({ regionId, cursor } satisfies StoredCursor));
  }

  forgetCursor(type: string): void {
    this.store.delete(KEYS.cursor(type));
  }

  progress(): Progress | undefined {
    const raw = this.store.get(KEYS.progress);
    return raw ? (JSON.parse(raw) as Progress) : undefined;
  }

  saveProgress(progress: Progress | undefined): void {
    if (progress) this.store.set(KEYS.progress, JSON.stringify(progress));
    else this.store.delete(KEYS.progress);
  }

  lastRun(): LastRun | undefined {
    const raw = this.store.get(KEYS.lastRun);
    return raw ? (JSON.parse(raw) as LastRun) : undefined;
  }

  saveLastRun(run: LastRun): void {
    this.store.set(KEYS.lastRun, JSON.stringify(run));
  }

  /** What the sidebar should do when it opens (a menu item asked for a push preview, say). */
  takePendingAction(): unknown {
    const raw = this.store.get(KEYS.pending);
    if (!raw) return undefined;
    this.store.delete(KEYS.pending);
    return JSON.parse(raw);
  }

  setPendingAction(action: unknown): void {
    this.store.set(KEYS.pending, JSON.stringify(action));
  }
}
