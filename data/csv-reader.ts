/**
 * A small, strict CSV reader for the reference files shipped in `data/` (RFC 4180: commas,
 * double-quoted fields with "" for a quote, CRLF or LF line ends). Strict because these files
 * are facts the whole system builds on: a stray quote or a short row is an error with its line
 * number, never a silently shifted column.
 */

/** Raised for malformed CSV; the message names the source, the line and what was wrong. */
export class CsvFormatError extends Error {
  constructor(source: string, line: number, problem: string) {
    super(`${source}, line ${line}: ${problem}`);
    this.name = 'CsvFormatError';
  }
}

/** Splits CSV text into rows of fields, keeping each row's starting line for error messages. */
export function parseCsvRows(text: string, source = 'CSV'): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  // A byte-order mark is what spreadsheet programs put at the start of a UTF-8 export.
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let quoted = false;
  let fieldStarted = false;

  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    // A blank line (one empty field) is skipped; a row of empty fields is data.
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: rowLine, fields });
    fields = [];
  };

  while (i < input.length) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = input[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvFormatError(source, line, `unexpected ${JSON.stringify(next)} after a closing quote`);
        }
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (fieldStarted)
        throw new CsvFormatError(source, line, 'a quote inside an unquoted field; quote the whole field');
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === ',') {
      endField();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
      continue;
    }
    field += ch;
    fieldStarted = true;
    i++;
  }
  if (quoted) throw new CsvFormatError(source, rowLine, 'a quoted field is not closed');
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

/**
 * Reads CSV with a header row into objects keyed by the header. The header must be exactly
 * `columns` (in order), and every row must have that many fields.
 */
export function readCsv<const C extends readonly string[]>(
  text: string,
  columns: C,
  source = 'CSV',
): { line: number; row: Record<C[number], string> }[] {
  const [header, ...rows] = parseCsvRows(text, source);
  if (!header)
    throw new CsvFormatError(source, 1, `the file is empty; expected the header ${columns.join(',')}`);
  if (header.fields.join(',') !== columns.join(',')) {
    throw new CsvFormatError(
      source,
      header.line,
      `expected the header ${columns.join(',')}, got ${header.fields.join(',')}`,
    );
  }
  return rows.map(({ line, fields }) => {
    if (fields.length !== columns.length) {
      throw new CsvFormatError(
        source,
        line,
        `expected ${columns.length} fields (${columns.join(', ')}), got ${fields.length}`,
      );
    }
    const row = Object.fromEntries(columns.map((name, index) => [name, fields[index]!])) as Record<
      C[number],
      string
    >;
    return { line, row };
  });
}
