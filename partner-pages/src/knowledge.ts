import { byId, el } from '../../dashboard/src/dom.ts';
import type { KnowledgeResult } from '../../functions/domain/knowledge-index.ts';
import { KNOWLEDGE_TOPICS } from '../../functions/records/knowledge-topics.ts';
import { Session } from './session.ts';
import { signInPanel } from './sign-in-panel.ts';
import { announce } from './status.ts';

/**
 * The knowledge-base page: good practice and joint ventures from every region, searched by words
 * (macrons optional), region, topic and what worked or did not. The filters live in the address,
 * so a search can be shared.
 */

type Result = KnowledgeResult;

const topicLabel = (topic: string) => topic.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());

async function main(): Promise<void> {
  const session = await Session.start();
  const content = byId('content');
  if (!session.signedIn) {
    content.replaceChildren(signInPanel(session, () => location.reload()));
    return;
  }
  const regions = await session.api<{ items: { id: string; values: { name: string } }[] }>(
    '/v1/regions?limit=100',
  );
  const regionName = new Map(regions.items.map((r) => [r.id, r.values.name]));
  const params = new URLSearchParams(location.search);

  const select = (name: string, label: string, options: [string, string][]) => {
    const control = el(
      'select',
      { id: name, name },
      el('option', { value: '' }, 'Any'),
      ...options.map(([value, text]) => el('option', { value, selected: params.get(name) === value }, text)),
    );
    return el('div', { class: 'control' }, el('label', { for: name }, label), control);
  };
  const words = el('input', {
    id: 'q',
    name: 'q',
    type: 'search',
    value: params.get('q') ?? '',
    autocomplete: 'off',
  });
  const form = el(
    'form',
    { class: 'panel search', role: 'search', 'aria-label': 'Search the knowledge base' },
    el('div', { class: 'control wide' }, el('label', { for: 'q' }, 'Words'), words),
    select(
      'region',
      'Region',
      [...regionName].sort((a, b) => a[1].localeCompare(b[1])),
    ),
    select(
      'topic',
      'Topic',
      KNOWLEDGE_TOPICS.map((t) => [t, topicLabel(t)]),
    ),
    select('type', 'Kind', [
      ['practice', 'Practices'],
      ['joint-venture', 'Joint ventures'],
    ]),
    select('lesson', 'Lessons', [
      ['worked', 'Say what worked'],
      ['did-not', 'Say what did not work'],
    ]),
    el('button', { type: 'submit', class: 'primary' }, 'Search'),
  );
  const results = el('section', { id: 'results', 'aria-labelledby': 'results-heading' });
  content.replaceChildren(form, results);

  const run = async () => {
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form))
      if (String(value).trim()) query.set(name, String(value).trim());
    history.replaceState(null, '', query.size ? `?${query}` : location.pathname);
    query.set('limit', '50');
    try {
      const result = await session.api<Result>(`/v1/knowledge-base?${query}`);
      render(result);
    } catch (error) {
      announce((error as Error).message, 'error');
    }
  };

  const render = (result: Result) => {
    const heading = el(
      'h2',
      { id: 'results-heading', tabindex: '-1' },
      result.total === 1 ? '1 match' : `${result.total} matches`,
    );
    const byRegion = Object.entries(result.facets.regions)
      .sort((a, b) => b[1] - a[1])
      .map(([id, n]) => `${regionName.get(id) ?? id} ${n}`)
      .join(', ');
    results.replaceChildren(
      heading,
      byRegion ? el('p', { class: 'muted' }, `By region: ${byRegion}`) : '',
      el(
        'ul',
        { class: 'entries' },
        ...result.items.map((entry) =>
          el(
            'li',
            {},
            el(
              'article',
              { class: 'entry' },
              el('h3', {}, entry.title),
              el(
                'p',
                { class: 'muted' },
                [
                  regionName.get(entry.regionId) ?? entry.regionId,
                  entry.topic ? topicLabel(entry.topic) : undefined,
                  entry.type === 'practice' ? 'Practice' : 'Joint venture',
                ]
                  .filter(Boolean)
                  .join(' · '),
              ),
              entry.summary ? el('p', {}, entry.summary) : null,
              entry.whatWorked ? el('p', {}, el('strong', {}, 'What worked: '), entry.whatWorked) : null,
              entry.whatDidNot ? el('p', {}, el('strong', {}, 'What did not: '), entry.whatDidNot) : null,
            ),
          ),
        ),
      ),
    );
    announce(heading.textContent ?? '');
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  for (const control of form.querySelectorAll('select')) control.addEventListener('change', () => void run());
  await run();
}

main().catch((error: unknown) => announce(`The page could not start: ${(error as Error).message}`, 'error'));
