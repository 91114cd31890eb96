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

/** Builds the add-on from source into a temporary folder, as `npm run addon:build` does into dist/. */
export async function buildForTest(): Promise<BuildResult & { code: string }> {
  const result = await buildAddon({ outDir: mkdtempSync(join(tmpdir(), 'addon-dist-')) });
  return { ...result, code: readFileSync(result.codePath, 'utf8') };
}

/** A spreadsheet file and what is shared by everyone who opens it: document properties and lock. */
export interface SharedDocument {
  spreadsheet: FakeSpreadsheet;
  properties: FakeProperties;
  lock: DocumentLock;
}

export function newDocument(timeZone = 'Pacific/Auckland'): SharedDocument {
  return {
    spreadsheet: new FakeSpreadsheet(randomUUID(), timeZone),
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
  readonly fetch = new FakeUrlFetchApp();
  readonly scriptApp: FakeScriptApp;
  readonly userProperties = new FakeProperties();
  executions = 0;

  constructor(
    private readonly build: { code: string; outDir: string },
    readonly document: SharedDocument,
    readonly email: string,
    token: string,
  ) {
    this.app = new FakeSpreadsheetApp(document.spreadsheet);
    this.scriptApp = new FakeScriptApp(() => token);
  }

  get ui(): FakeUi {
    return this.app.ui;
  }

  get spreadsheet(): FakeSpreadsheet {
    return this.document.spreadsheet;
  }

  /** Runs a top-level function of the add-on, as a menu, trigger or google.script.run would. */
  call<T = unknown>(name: string, ...args: unknown[]): T {
    this.executions++;
    const execution = `${this.email}#${this.executions}`;
    const context = vm.createContext({
      SpreadsheetApp: this.app,
      UrlFetchApp: this.fetch,
      PropertiesService: {
        getDocumentProperties: () => this.document.properties,
        getUserProperties: () => this.userProperties,
      },
      LockService: fakeLockService(this.document.lock, execution),
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
