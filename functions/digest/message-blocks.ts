import { escapeHtml } from '../html/escape-html.ts';

/**
 * An email written once as blocks and rendered twice, as plain text and as HTML, so the two say
 * exactly the same words and links (mail clients show either; screen readers read the HTML).
 */
export type Block =
  | { kind: 'heading'; text: string; id?: string }
  | { kind: 'paragraph'; text: string; link?: { text: string; url: string } }
  | { kind: 'item'; id?: string; title: string; url: string; lines: string[]; badge?: string }
  | { kind: 'rule' };

export function renderText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        out.push('', block.text, '='.repeat(Math.min(block.text.length, 72)), '');
        break;
      case 'paragraph':
        out.push(block.link ? `${block.text} ${block.link.text}: ${block.link.url}` : block.text, '');
        break;
      case 'item':
        out.push(`* ${block.badge ? `[${block.badge}] ` : ''}${block.title}`);
        for (const line of block.lines) out.push(`  ${line}`);
        out.push(`  ${block.url}`, '');
        break;
      case 'rule':
        out.push('--', '');
        break;
    }
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

const STYLE = {
  body: 'font-family:Arial,Helvetica,sans-serif;line-height:1.45;color:#1b1b1b;max-width:40em;margin:0 auto;padding:1em',
  h2: 'font-size:1.15em;margin:1.4em 0 .4em;color:#0b4f6c',
  badge:
    'display:inline-block;background:#0b4f6c;color:#fff;font-size:.8em;padding:0 .35em;border-radius:3px',
  small: 'color:#444',
};

/** The HTML body's content (no document shell), also what the web version shows. */
export function renderHtmlContent(blocks: readonly Block[]): string {
  const out: string[] = [];
  let inList = false;
  const closeList = () => {
    if (inList) out.push('</ul>');
    inList = false;
  };
  for (const block of blocks) {
    if (block.kind !== 'item') closeList();
    switch (block.kind) {
      case 'heading':
        out.push(
          `<h2${block.id ? ` id="${escapeHtml(block.id)}"` : ''} style="${STYLE.h2}">${escapeHtml(block.text)}</h2>`,
        );
        break;
      case 'paragraph':
        out.push(
          `<p>${escapeHtml(block.text)}${block.link ? ` <a href="${escapeHtml(block.link.url)}">${escapeHtml(block.link.text)}</a>` : ''}</p>`,
        );
        break;
      case 'item':
        if (!inList) out.push('<ul>');
        inList = true;
        out.push(
          `<li${block.id ? ` id="${escapeHtml(block.id)}"` : ''}>${block.badge ? `<span style="${STYLE.badge}">${escapeHtml(block.badge)}</span> ` : ''}<a href="${escapeHtml(block.url)}">${escapeHtml(block.title)}</a>${block.lines.map((l) => `<br>${escapeHtml(l)}`).join('')}</li>`,
        );
        break;
      case 'rule':
        out.push('<hr>');
        break;
    }
  }
  closeList();
  return out.join('\n');
}

export function renderHtmlDocument(title: string, blocks: readonly Block[]): string {
  return `<!doctype html><html lang="en-NZ"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body style="${STYLE.body}">${renderHtmlContent(blocks)}</body></html>`;
}
