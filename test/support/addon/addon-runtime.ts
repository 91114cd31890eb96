/// <reference types="google-apps-script" />
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { type BuildResult, buildAddon } from '../../../sheets-addon/build.ts';
import {
  DocumentLock,
  FakeProperties,
  FakeScriptApp,
  fakeHtmlService,
  fakeLockService,
  fakeSession,
  fakeUtilities,
} from './services.ts';
import { FakeSpreadsheet, FakeSpreadsheetApp } from './spreadsheet.ts';
import type { FakeUi } from './ui.ts';
import { FakeUrlFetchApp } from './url-fetch.ts';

/**
 * Builds the add-on from source into a temporary folder, as `npm run addon:build` does into dist/.
 * With an http://localhost origin it is a local test build whose manifest allows that origin.
 */
export async function buildForTest(apiOrigin?: string): Promise<BuildResult & { code: string }> {
  const result = await buildAddon({
    outDir: mkdtempSync(join(tmpdir(), 'addon-dist-')),
    apiOrigin,
    local: apiOrigin?.startsWith('http://') ?? false,
  });
  return { ...result, code: readFileSync(result.codePath, 'utf8') };
}

/** The built manifest, as Google reads it from the pushed project. */
function builtManifest(outDir: string): { urlFetchWhitelist?: string[]; oauthScopes?: string[] } {
  return JSON.parse(readFileSync(join(outDir, 'appsscript.json'), 'utf8'));
}

/**
 * What belongs to a person rather than to one spreadsheet: their user properties and their
 * triggers for the add-on (Google keeps both per user and per script).
 */
export class Person {
  readonly userProperties = new FakeProperties();
  readonly scriptApp: FakeScriptApp;
  /** What `ScriptApp.getIdentityToken()` gives; null is what Google may return. */
  identityToken: string | null;

  constructor(
    readonly email: string,
    token: string,
  ) {
    this.identityToken = token;
    this.scriptApp = new FakeScriptApp(() => this.identityToken);
  }
}

/** A spreadsheet file and what is shared by everyone who opens it: document properties and lock. */
export interface SharedDocument {
  spreadsheet: FakeSpreadsheet;
  properties: FakeProperties;
  lock: DocumentLock;
}

export function newDocument(timeZone = 'Pacific/Auckland', locale = 'en_NZ'): SharedDocument {
  return {
    spreadsheet: new FakeSpreadsheet(randomUUID(), timeZone, locale),
    properties: new FakeProperties(),
    lock: new DocumentLock(),
  };
}

/**
 * One person using the add-on in one spreadsheet. Every `call` is a fresh Apps Script
 * execution: the built Code.js runs in a new `node:vm` context whose globals are the fakes, and
 * arguments and results cross as JSON, as they do through google.script.run.
 */
export class AddonSession {
  readonly app: FakeSpreadsheetApp;
  readonly fetch: FakeUrlFetchApp;
  readonly person: Person;
  /** Makes `LockService.getDocumentLock()` return null in this person's executions. */
  noDocumentLock = false;
  executions = 0;
  /** The plan of the last preview of each scope, as the sidebar holds it until "Push now". */
  private readonly previewed = new Map<string, string>();

  constructor(
    private readonly build: { code: string; outDir: string },
    readonly document: SharedDocument,
    readonly email: string,
    token: string,
    person?: Person,
  ) {
    const shipped = builtManifest(build.outDir);
    this.app = new FakeSpreadsheetApp(document.spreadsheet, undefined, shipped.oauthScopes ?? []);
    this.fetch = new FakeUrlFetchApp(shipped.urlFetchWhitelist);
    this.person = person ?? new Person(email, token);
  }

  get scriptApp(): FakeScriptApp {
    return this.person.scriptApp;
  }

  get userProperties(): FakeProperties {
    return this.person.userProperties;
  }

  get ui(): FakeUi {
    return this.app.ui;
  }

  get spreadsheet(): FakeSpreadsheet {
    return this.document.spreadsheet;
  }

  /**
   * Runs a top-level function of the add-on, as a menu, trigger or google.script.run would.
   * `confirmPush` called without a plan token is "Push now" in the sidebar: it sends the plan of
   * the last preview of that scope, previewing first (a separate execution) if there was none.
   */
  call<T = unknown>(name: string, ...args: unknown[]): T {
    if (name === 'confirmPush' && args.length < 2) {
      const scope = args[0] ?? null;
      const key = JSON.stringify(scope);
      const token =
        this.previewed.get(key) ??
        this.execute<{ planToken?: string }>('previewPush', [scope], true).planToken ??
        '';
      this.previewed.delete(key);
      return this.execute<T>(name, [scope, token], true);
    }
    const result = this.execute<T>(name, args, true);
    if (name === 'previewPush') {
      const token = (result as { planToken?: string }).planToken;
      const key = JSON.stringify(args[0] ?? null);
      if (token) this.previewed.set(key, token);
      else this.previewed.delete(key);
    }
    return result;
  }

  /**
   * Fires one of this person's time-driven triggers, as Google would. With `inDocument` false
   * (the pessimistic side, since Google does not document it) the execution has no active
   * spreadsheet, no document properties and no document lock.
   */
  fireTrigger(triggerId: string, options: { inDocument: boolean }): void {
    const trigger = this.scriptApp.trigger(triggerId);
    if (!trigger) throw new Error(`${this.email} has no trigger ${triggerId}`);
    if (options.inDocument && trigger.documentId !== this.document.spreadsheet.id)
      throw new Error('Fire the trigger from the session of the spreadsheet it was made in');
    const now = new Date();
    this.execute(
      trigger.getHandlerFunction(),
      [{ authMode: 'FULL', triggerUid: triggerId, hour: now.getUTCHours() }],
      options.inDocument,
    );
  }

  private execute<T>(name: string, args: unknown[], inDocument: boolean): T {
    this.executions++;
    const execution = `${this.email}#${this.executions}`;
    this.app.inDocument = inDocument;
    this.scriptApp.currentDocumentId = inDocument ? this.document.spreadsheet.id : null;
    const context = vm.createContext({
      SpreadsheetApp: this.app,
      UrlFetchApp: this.fetch,
      PropertiesService: {
        // "When document properties are not available this method returns null."
        getDocumentProperties: () => (inDocument ? this.document.properties : null),
        getUserProperties: () => this.userProperties,
      },
      LockService: fakeLockService(inDocument && !this.noDocumentLock ? this.document.lock : null, execution),
      ScriptApp: this.scriptApp,
      Utilities: fakeUtilities,
      HtmlService: fakeHtmlService(this.build.outDir),
      Session: fakeSession(this.email, this.document.spreadsheet.timeZone),
      console,
    });
    vm.runInContext(this.build.code, context, { filename: 'Code.js' });
    const fn = context[name] as ((...a: unknown[]) => unknown) | undefined;
    if (typeof fn !== 'function') throw new Error(`The built add-on has no top-level function ${name}`);
    const result = fn(
      ...args.map((a) => (a === undefined ? undefined : vm.runInContext(`(${JSON.stringify(a)})`, context))),
    );
    return (result === undefined ? undefined : JSON.parse(JSON.stringify(result))) as T;
  }

  /** Requests sent to the API so far. */
  get requests(): number {
    return this.fetch.sent.length;
  }

  close(): Promise<number> {
    return this.fetch.close();
  }
}
