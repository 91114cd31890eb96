/// <reference types="google-apps-script" />
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatInZone } from './sheet-input.ts';

type Properties = GoogleAppsScript.Properties.Properties;
type Lock = GoogleAppsScript.Lock.Lock;
type Trigger = GoogleAppsScript.Script.Trigger;

/** Apps Script's quotas: 9 KB per property value, 500 KB per store. */
const VALUE_LIMIT = 9 * 1024;
const STORE_LIMIT = 500 * 1024;

/** A property store with Apps Script's size limits, so the add-on cannot quietly outgrow them. */
export class FakeProperties
  implements Pick<Properties, 'getProperty' | 'setProperty' | 'deleteProperty' | 'getProperties'>
{
  readonly values = new Map<string, string>();

  getProperty(key: string): string | null {
    return this.values.get(key) ?? null;
  }

  setProperty(key: string, value: string): Properties {
    if (Buffer.byteLength(value) > VALUE_LIMIT)
      throw new Error(`Exception: Argument too large: value (${key} is ${Buffer.byteLength(value)} bytes)`);
    this.values.set(key, value);
    const total = [...this.values].reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
    if (total > STORE_LIMIT) throw new Error('Exception: You have exceeded the property storage quota.');
    return this as unknown as Properties;
  }

  deleteProperty(key: string): Properties {
    this.values.delete(key);
    return this as unknown as Properties;
  }

  getProperties(): { [key: string]: string } {
    return Object.fromEntries(this.values);
  }
}

/** The lock of one document, shared by everyone's executions on it. */
export class DocumentLock {
  holder: string | null = null;
  acquisitions = 0;
}

class FakeLock implements Pick<Lock, 'tryLock' | 'releaseLock' | 'hasLock'> {
  constructor(
    private readonly lock: DocumentLock,
    private readonly execution: string,
  ) {}

  tryLock(_timeoutInMillis: number): boolean {
    // Code in one execution is synchronous: a lock held by another execution stays held.
    if (this.lock.holder !== null && this.lock.holder !== this.execution) return false;
    this.lock.holder = this.execution;
    this.lock.acquisitions++;
    return true;
  }

  releaseLock(): void {
    if (this.lock.holder === this.execution) this.lock.holder = null;
  }

  hasLock(): boolean {
    return this.lock.holder === this.execution;
  }
}

/** LockService; `getDocumentLock()` is null without a document, as Google documents. */
export function fakeLockService(
  lock: DocumentLock | null,
  execution: string,
): Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock'> {
  return {
    getDocumentLock: () =>
      lock ? (new FakeLock(lock, execution) as unknown as Lock) : (null as unknown as Lock),
  };
}

class FakeTrigger implements Pick<Trigger, 'getHandlerFunction' | 'getUniqueId' | 'getTriggerSourceId'> {
  constructor(
    private readonly handler: string,
    private readonly id: string,
    readonly everyHours: number,
    /** The spreadsheet that was open when the trigger was made. */
    readonly documentId: string | null,
  ) {}

  getHandlerFunction(): string {
    return this.handler;
  }

  getUniqueId(): string {
    return this.id;
  }

  getTriggerSourceId(): string {
    return this.documentId ?? '';
  }
}

/**
 * ScriptApp for one person: their identity token and their triggers for the add-on, across every
 * spreadsheet they use it in. Where Google is silent the fake is strict: `getUserTriggers(ss)`
 * returns only the triggers made in that spreadsheet (or, with `clockTriggersTiedToDocument`
 * false, no clock trigger at all), `create()` refuses a second clock trigger in one document
 * (Google's "one trigger of each type, per user and per document" for add-ons), and the token
 * can be null.
 */
export class FakeScriptApp
  implements
    Pick<
      GoogleAppsScript.Script.ScriptApp,
      'getIdentityToken' | 'newTrigger' | 'getUserTriggers' | 'getProjectTriggers' | 'deleteTrigger'
    >
{
  readonly triggers: FakeTrigger[] = [];
  /** The spreadsheet open in the current execution (set by the session for each call). */
  currentDocumentId: string | null = null;
  clockTriggersTiedToDocument = true;
  /** Makes the next `create()` throw this message, as Google does when it refuses a trigger. */
  refuseNextCreate: string | undefined;

  constructor(private readonly token: () => string | null) {}

  getIdentityToken(): string {
    return this.token() as string;
  }

  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    let hours = 0;
    const timeBased = {
      everyHours: (n: number) => {
        hours = n;
        return timeBased;
      },
      create: () => {
        if (this.refuseNextCreate) {
          const message = this.refuseNextCreate;
          this.refuseNextCreate = undefined;
          throw new Error(message);
        }
        const documentId = this.currentDocumentId;
        if (this.triggers.some((t) => t.documentId === documentId && t.everyHours > 0))
          throw new Error(
            'Exception: This add-on has created too many time-based triggers in this document for this Google user account.',
          );
        const trigger = new FakeTrigger(functionName, randomUUID(), hours, documentId);
        this.triggers.push(trigger);
        return trigger;
      },
    };
    return { timeBased: () => timeBased } as unknown as GoogleAppsScript.Script.TriggerBuilder;
  }

  getUserTriggers(container: { getId(): string }): Trigger[] {
    if (!this.clockTriggersTiedToDocument) return [];
    return this.triggers.filter((t) => t.documentId === container.getId()) as unknown as Trigger[];
  }

  getProjectTriggers(): Trigger[] {
    return [...this.triggers] as unknown as Trigger[];
  }

  deleteTrigger(trigger: Trigger): void {
    const index = this.triggers.indexOf(trigger as unknown as FakeTrigger);
    if (index >= 0) this.triggers.splice(index, 1);
  }

  trigger(id: string): FakeTrigger | undefined {
    return this.triggers.find((t) => t.getUniqueId() === id);
  }
}

export const fakeUtilities: Pick<GoogleAppsScript.Utilities.Utilities, 'getUuid' | 'formatDate'> = {
  getUuid: () => randomUUID(),
  formatDate: (date: Date, timeZone: string, format: string) => formatInZone(date, timeZone, format),
};

class FakeHtmlOutput {
  title = '';
  width?: number;
  height?: number;

  constructor(readonly content: string) {}

  setTitle(title: string): FakeHtmlOutput {
    this.title = title;
    return this;
  }

  setWidth(width: number): FakeHtmlOutput {
    this.width = width;
    return this;
  }

  setHeight(height: number): FakeHtmlOutput {
    this.height = height;
    return this;
  }

  getContent(): string {
    return this.content;
  }
}

/** HtmlService serving the built files (dist/), as Apps Script serves the pushed project's files. */
export function fakeHtmlService(
  distDir: string,
): Pick<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutputFromFile' | 'createHtmlOutput'> {
  return {
    // A page the add-on writes itself (the digest preview dialog); Google takes the text as it is.
    createHtmlOutput: ((html?: string) =>
      new FakeHtmlOutput(
        String(html ?? ''),
      ) as unknown as GoogleAppsScript.HTML.HtmlOutput) as GoogleAppsScript.HTML.HtmlService['createHtmlOutput'],
    createHtmlOutputFromFile: (filename: string) =>
      new FakeHtmlOutput(
        readFileSync(join(distDir, `${filename}.html`), 'utf8'),
      ) as unknown as GoogleAppsScript.HTML.HtmlOutput,
  };
}

export function fakeSession(
  email: string,
  timeZone: string,
): Pick<GoogleAppsScript.Base.Session, 'getActiveUser' | 'getEffectiveUser' | 'getScriptTimeZone'> {
  const user = { getEmail: () => email } as unknown as GoogleAppsScript.Base.User;
  return { getActiveUser: () => user, getEffectiveUser: () => user, getScriptTimeZone: () => timeZone };
}
