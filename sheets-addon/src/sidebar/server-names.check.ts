/**
 * Type-checked by `npm run typecheck` and never bundled: proof that the sidebar cannot call a
 * server function that `main.ts` does not export, nor call one with the wrong arguments.
 */
import { call } from './server.ts';

export function checks(): void {
  // @ts-expect-error: main.ts has no function of that name (a renamed export fails the same way).
  void call('pushEverythingNow');
  // @ts-expect-error: resolveConflict takes a choice, a type and an id.
  void call('resolveConflict', 'both', 'activity', 'a1');
  void call('resolveConflict', 'mine', 'activity', 'a1');
}
