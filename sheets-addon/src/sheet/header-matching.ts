import { editableFields, type FieldDescription, type TypeDescription } from './catalogue.ts';

/**
 * Adopting a team's own tab: each of its headers is matched to a field (by title, by the API's
 * field name, or by a close match the person confirms or changes). The choice is stored as a
 * mapping from the team's header to the field; their headers are never rewritten.
 */

export type MatchKind = 'title' | 'name' | 'close' | 'none';

export interface HeaderMatch {
  /** 0-based column position. */
  index: number;
  header: string;
  /** The field's API name, or undefined: the column stays the team's own. */
  field?: string;
  how: MatchKind;
}

/**
 * The stored mapping of an adopted tab, by folded header text, so that the team may move their
 * columns: `fields` maps a header to a field; `own` lists headers that look like a field but
 * were kept as the team's own.
 */
export interface ColumnMapping {
  fields: Record<string, string>;
  own: string[];
}

/** Case, spacing and accents do not matter in headers. */
export function foldHeader(header: unknown): string {
  return String(header ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

function words(text: string): string[] {
  return foldHeader(text)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3);
}

/** Words people use for a kind of column when they do not use our titles. */
const KIND_WORDS: Partial<Record<FieldDescription['kind'], string[]>> = {
  date: ['date', 'when', 'day'],
  longText: ['notes', 'note', 'comments', 'comment', 'description', 'details'],
  decimal: ['hrs'],
};

/** A close match: a shared word or a prefix ("Hrs" is not, "Council name" is), or the only field of a kind the header names. */
function closeness(header: string, field: FieldDescription, type: TypeDescription): number {
  const h = words(header);
  const f = [...words(field.title), ...words(field.name.replace(/([a-z])([A-Z])/g, '$1 $2'))];
  if (h.some((w) => f.includes(w))) return 2;
  if (h.some((w) => f.some((g) => g.startsWith(w) || w.startsWith(g)))) return 1.5;
  const kindWords = KIND_WORDS[field.kind] ?? [];
  const onlyOfKind = editableFields(type).filter((g) => g.kind === field.kind).length === 1;
  if (onlyOfKind && h.some((w) => kindWords.includes(w))) return 1;
  return 0;
}

/** Proposes a field for each header: exact titles and names first, then the closest remaining field. */
export function proposeMatches(headers: readonly unknown[], type: TypeDescription): HeaderMatch[] {
  const fields = editableFields(type);
  const taken = new Set<string>();
  const matches: HeaderMatch[] = headers.map((header, index) => ({
    index,
    header: String(header ?? '').trim(),
    how: 'none' as MatchKind,
  }));
  for (const match of matches) {
    const key = foldHeader(match.header);
    if (!key) continue;
    const byTitle = fields.find((f) => !taken.has(f.name) && foldHeader(f.title) === key);
    const byName = fields.find((f) => !taken.has(f.name) && foldHeader(f.name) === key);
    const found = byTitle ?? byName;
    if (found) {
      taken.add(found.name);
      Object.assign(match, { field: found.name, how: byTitle ? 'title' : 'name' });
    }
  }
  for (const match of matches) {
    if (match.field || !match.header) continue;
    let best: { field: FieldDescription; score: number } | undefined;
    for (const field of fields) {
      if (taken.has(field.name)) continue;
      const score = closeness(match.header, field, type);
      if (score > 0 && (!best || score > best.score)) best = { field, score };
    }
    if (best) {
      taken.add(best.field.name);
      Object.assign(match, { field: best.field.name, how: 'close' });
    }
  }
  return matches;
}

/** Checks the person's choices and turns them into the mapping to store; problems in words. */
export function mappingFromChoices(
  headers: readonly unknown[],
  choices: Readonly<Record<number, string>>,
  type: TypeDescription,
): { mapping: ColumnMapping; problems: string[] } {
  const mapping: ColumnMapping = { fields: {}, own: [] };
  const problems: string[] = [];
  const usedBy = new Map<string, string>();
  headers.forEach((raw, index) => {
    const header = String(raw ?? '').trim();
    const key = foldHeader(header);
    if (!key) return;
    const fieldName = choices[index] ?? '';
    if (!fieldName) {
      const looksLikeOurs = type.fields.some(
        (f) => foldHeader(f.title) === key || foldHeader(f.name) === key,
      );
      if (looksLikeOurs) mapping.own.push(key);
      return;
    }
    const field = type.fields.find((f) => f.name === fieldName);
    if (!field) problems.push(`"${header}": ${type.pluralLabel} have no field "${fieldName}".`);
    else if (field.derived)
      problems.push(`"${header}": ${field.title} is set by the system and cannot come from your sheet.`);
    else if (usedBy.has(field.name))
      problems.push(
        `"${usedBy.get(field.name)}" and "${header}" are both matched to ${field.title}; choose one.`,
      );
    else if (mapping.fields[key] !== undefined)
      problems.push(`Two columns are headed "${header}"; rename one of them first.`);
    else {
      usedBy.set(field.name, header);
      mapping.fields[key] = field.name;
    }
  });
  return { mapping, problems };
}
