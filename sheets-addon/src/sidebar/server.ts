/**
 * The sidebar's calls to the add-on's server functions, typed by `main.ts` itself: each name is
 * one of its exports and each call takes that function's parameters and resolves to its result.
 * A renamed or retyped export in `main.ts` therefore fails `npm run typecheck` here instead of
 * failing in a spreadsheet. `import type` keeps every byte of the server out of the sidebar.
 */
import type * as Server from '../main.ts';

type ServerFunctions = typeof Server;

/** The exports of `main.ts` that google.script.run can call (all of them are functions). */
export type ServerName = {
  [K in keyof ServerFunctions]: ServerFunctions[K] extends (...args: never[]) => unknown ? K : never;
}[keyof ServerFunctions];

export type ServerArgs<K extends ServerName> = Parameters<ServerFunctions[K]>;
export type ServerResult<K extends ServerName> = ReturnType<ServerFunctions[K]>;

/** What Google puts in the sidebar's page: a runner that calls a server function by name. */
interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: Error) => void): ScriptRunner;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRunner } };

/** Calls a server function of `main.ts` through google.script.run, as a promise. */
export function call<K extends ServerName>(name: K, ...args: ServerArgs<K>): Promise<ServerResult<K>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ServerResult<K>))
      .withFailureHandler(reject);
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}
