import type { Named } from '../../../data/name-matching.ts';
import type { TypeDescription, Values } from './catalogue.ts';

/**
 * How many records an action concerns, of which type and council, in the words of its
 * confirmation: "3 activities (Christchurch City: 2, Selwyn District: 1)". A person with a
 * filter view on (which scripts cannot see) then reads a number larger than the rows they see.
 */
export function recordsInWords(
  type: TypeDescription,
  records: readonly Values[],
  lists: ReadonlyMap<string, readonly Named[]>,
): string {
  const n = records.length;
  const what = `${n} ${n === 1 ? type.label.toLowerCase() : type.pluralLabel.toLowerCase()}`;
  const council = type.fields.find((f) => !f.derived && f.kind === 'reference' && f.refType === 'council');
  if (!council || n === 0) return what;
  const names = new Map((lists.get('council') ?? []).map((c) => [c.id, c.name]));
  const counts = new Map<string, number>();
  for (const values of records) {
    const id = values[council.name];
    const name = typeof id === 'string' && id ? (names.get(id) ?? id) : `no ${council.title.toLowerCase()}`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const parts = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = parts.slice(0, 6).map(([name, count]) => `${name}: ${count}`);
  if (parts.length > shown.length) shown.push(`${parts.length - shown.length} more councils`);
  return `${what} (${shown.join(', ')})`;
}

/** "2 selected rows are hidden by a filter or hidden by hand and are left out." */
export function hiddenInWords(hidden: number): string {
  if (hidden === 0) return '';
  return `${hidden} selected ${hidden === 1 ? 'row is' : 'rows are'} hidden (by a filter or by hand) and left out.`;
}
