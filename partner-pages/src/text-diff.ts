import { diffWords } from 'diff';
import { el } from '../../dashboard/src/dom.ts';

/** What changed between two texts, word by word: removed words struck through, added ones marked. */
export function textDiff(before: unknown, after: unknown): HTMLElement {
  const parts = diffWords(
    before === undefined ? '' : String(before),
    after === undefined ? '' : String(after),
  );
  return el(
    'p',
    { class: 'diff' },
    ...parts.map((part) =>
      part.added
        ? el(
            'ins',
            {},
            el('span', { class: 'visually-hidden' }, '[added: '),
            part.value,
            el('span', { class: 'visually-hidden' }, ']'),
          )
        : part.removed
          ? el(
              'del',
              {},
              el('span', { class: 'visually-hidden' }, '[removed: '),
              part.value,
              el('span', { class: 'visually-hidden' }, ']'),
            )
          : part.value,
    ),
  );
}
