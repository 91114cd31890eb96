import { byId } from '../../dashboard/src/dom.ts';

/** Says something in the page's live status line (read out by screen readers). */
export function announce(message: string, kind: 'info' | 'error' = 'info'): void {
  const status = byId('status');
  status.className = kind === 'error' ? 'notice error' : 'notice';
  status.textContent = message;
}
