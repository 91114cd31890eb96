/** A small element builder: text always goes in as text, never as HTML. */
export type Child = Node | string | number | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no element with id "${id}"`);
  return element as T;
}

/** A table with a caption, column headers and rows; the first column heads each row. */
export function dataTable(
  caption: string,
  columns: string[],
  rows: Child[][],
  options: { numeric?: number[] } = {},
): HTMLTableElement {
  const numeric = new Set(options.numeric ?? []);
  // `stack`: on a phone each row becomes a card, every cell labelled with its column (styles.css).
  return el(
    'table',
    { class: 'stack' },
    el('caption', {}, caption),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...columns.map((c, i) => el('th', { scope: 'col', class: numeric.has(i) ? 'num' : undefined }, c)),
      ),
    ),
    el(
      'tbody',
      {},
      ...rows.map((row) =>
        el(
          'tr',
          {},
          ...row.map((cell, i) =>
            i === 0
              ? el('th', { scope: 'row', 'data-label': columns[0] }, cell)
              : el('td', { class: numeric.has(i) ? 'num' : undefined, 'data-label': columns[i] }, cell),
          ),
        ),
      ),
    ),
  );
}

/**
 * A box that scrolls sideways when its table is wider than the screen: focusable and named, so
 * keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
export function scrollRegion(label: string, ...children: Child[]): HTMLElement {
  const region = el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label });
  fill(region, ...children);
  return region;
}

/** Replaces an element's content. */
export function fill(target: HTMLElement, ...children: Child[]): void {
  target.replaceChildren();
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    target.append(child instanceof Node ? child : String(child));
  }
}
