import { byId, el } from '../../dashboard/src/dom.ts';
import { ApiError, type Me, Session } from './session.ts';
import { signInPanel } from './sign-in-panel.ts';
import { announce } from './status.ts';
import { textDiff } from './text-diff.ts';

/**
 * The sign-off page: what awaits me and my party, the text, what changed since my party last
 * agreed, and Agree or Not yet with a comment. One column, large targets: made for a phone.
 */

interface Awaiting {
  type: string;
  path: string;
  id: string;
  title: string;
  councilId?: string;
  regionId: string;
  requestedBy?: string;
  requestedAt?: string;
  requestedOf?: string;
  requestComment?: string;
  notYet?: { by: string; comment: string };
}

interface SignOffView {
  id: string;
  version: number;
  meaning: string;
  signedFields: { name: string; title: string }[];
  text: Record<string, unknown>;
  parties: {
    party: 'ceg' | 'taskforce';
    state: string;
    signOff?: {
      requestedBy?: string;
      requestedOf?: string;
      requestComment?: string;
      given?: { by: string; at: string };
      lastGiven?: { by: string; at: string };
      notYet?: { by: string; comment: string };
      reopened?: { reason: string; by: string };
    };
    sinceLastAgreed: { field: string; agreed?: unknown; now?: unknown }[];
  }[];
}

const PARTY = { ceg: 'CEG', taskforce: 'the Taskforce' } as const;
const KIND: Record<string, string> = {
  agreements: 'Agreement of expectations',
  communications: 'Communication',
  publicity: 'Publicity',
};

const day = (iso?: string) => (iso ? new Date(iso).toLocaleDateString('en-NZ', { dateStyle: 'medium' }) : '');

async function main(): Promise<void> {
  const session = await Session.start();
  const main = byId('content');
  if (!session.signedIn) {
    main.replaceChildren(signInPanel(session, () => void main_()));
    return;
  }
  await main_();

  async function main_(): Promise<void> {
    let me: Me;
    try {
      me = await session.api<Me>('/v1/me');
    } catch (error) {
      announce((error as Error).message, 'error');
      main.replaceChildren(signInPanel(session, () => void main_()));
      return;
    }
    const signOut = el('button', { type: 'button', class: 'link' }, 'Sign out');
    signOut.addEventListener('click', async () => {
      await session.signOut();
      location.reload();
    });
    byId('who').replaceChildren(
      `Signed in as ${me.id} (${me.party === 'taskforce' ? 'Taskforce' : 'CEG'}) `,
      signOut,
    );
    const open = new URLSearchParams(location.search).get('open');
    if (open) await showRecord(me, open);
    else await showLists(me);
  }

  async function showLists(me: Me): Promise<void> {
    const [mine, party] = await Promise.all([
      session.api<{ items: Awaiting[] }>('/v1/sign-offs/awaiting?for=me'),
      session.api<{ items: Awaiting[] }>('/v1/sign-offs/awaiting?for=party'),
    ]);
    const mineKeys = new Set(mine.items.map((i) => `${i.path}/${i.id}`));
    const rest = party.items.filter((i) => !mineKeys.has(`${i.path}/${i.id}`));
    const partyName = PARTY[me.party ?? 'ceg'];
    main.replaceChildren(
      list('asked-of-you', 'Asked of you', mine.items, 'Nothing is waiting for you.'),
      list('awaiting-party', `Awaiting ${partyName}`, rest, `Nothing else is waiting for ${partyName}.`),
    );
  }

  function list(id: string, heading: string, items: Awaiting[], empty: string): HTMLElement {
    return el(
      'section',
      { class: 'panel', 'aria-labelledby': id },
      el('h2', { id }, `${heading} (${items.length})`),
      items.length === 0
        ? el('p', {}, empty)
        : el(
            'ul',
            { class: 'awaiting' },
            ...items.map((item) => {
              const link = el(
                'a',
                { href: `?open=${encodeURIComponent(`${item.path}/${item.id}`)}`, class: 'card' },
                el('span', { class: 'kind' }, KIND[item.path] ?? item.type),
                el('span', { class: 'title' }, item.title),
                el(
                  'span',
                  { class: 'muted' },
                  [
                    item.councilId ?? item.regionId,
                    item.requestedBy ? `asked by ${item.requestedBy} ${day(item.requestedAt)}` : '',
                  ]
                    .filter(Boolean)
                    .join(' · '),
                ),
              );
              return el('li', {}, link);
            }),
          ),
    );
  }

  async function showRecord(me: Me, open: string, message?: string): Promise<void> {
    const [path, id] = open.split('/');
    let view: SignOffView;
    try {
      view = await session.api<SignOffView>(`/v1/${path}/${encodeURIComponent(id ?? '')}/sign-offs`);
    } catch (error) {
      announce((error as Error).message, 'error');
      return;
    }
    const myParty = me.party ?? 'ceg';
    const mine = view.parties.find((p) => p.party === myParty)!;
    const other = view.parties.find((p) => p.party !== myParty)!;
    const back = el('a', { href: location.pathname, class: 'back' }, '← All sign-offs');
    const title = String(view.text[view.signedFields[0]?.name ?? ''] ?? view.id);
    const article = el(
      'article',
      { class: 'panel', 'aria-labelledby': 'record-heading' },
      el('p', { class: 'kind' }, KIND[path ?? ''] ?? path),
      el(
        'h2',
        { id: 'record-heading', tabindex: '-1' },
        title.length > 90 ? `${title.slice(0, 87)}…` : title,
      ),
      el('p', { class: 'meaning' }, view.meaning),
      mine.signOff?.requestComment
        ? el('p', { class: 'request' }, `${mine.signOff.requestedBy} asks: “${mine.signOff.requestComment}”`)
        : null,
      stateLine(myParty, mine, true),
      stateLine(other.party, other, false),
    );
    if (mine.sinceLastAgreed.length > 0) {
      const last = mine.signOff?.given ?? mine.signOff?.lastGiven;
      article.append(
        el(
          'section',
          { class: 'changes', 'aria-labelledby': 'changes-heading' },
          el(
            'h3',
            { id: 'changes-heading' },
            `What changed since ${PARTY[myParty]} agreed on ${day(last?.at)}`,
          ),
          ...mine.sinceLastAgreed.flatMap((change) => [
            el('h4', {}, view.signedFields.find((f) => f.name === change.field)?.title ?? change.field),
            textDiff(change.agreed, change.now),
          ]),
        ),
      );
    }
    article.append(
      el(
        'section',
        { 'aria-labelledby': 'text-heading' },
        el('h3', { id: 'text-heading' }, 'The text to agree'),
        el(
          'dl',
          { class: 'text' },
          ...view.signedFields.flatMap((field) => [
            el('dt', {}, field.title),
            el('dd', {}, view.text[field.name] === undefined ? '—' : String(view.text[field.name])),
          ]),
        ),
      ),
    );
    if (mine.state !== 'given') article.append(answerForm(me, path!, id!, view.version));
    main.replaceChildren(back, article);
    if (message) announce(message);
    byId<HTMLHeadingElement>('record-heading').focus();
  }

  function stateLine(
    party: 'ceg' | 'taskforce',
    state: SignOffView['parties'][number],
    mine: boolean,
  ): HTMLElement {
    const who = mine ? `${PARTY[party]} (you)` : PARTY[party];
    const s = state.signOff;
    const words =
      state.state === 'given'
        ? `${who}: agreed by ${s?.given?.by} on ${day(s?.given?.at)}`
        : state.state === 'awaiting'
          ? `${who}: not agreed yet${s?.requestedOf ? `, asked of ${s.requestedOf}` : ''}${s?.reopened?.reason === 'changed' ? ' (the text changed after it was agreed)' : ''}${s?.notYet ? `. Not yet: “${s.notYet.comment}” (${s.notYet.by})` : ''}`
          : `${who}: not asked yet`;
    return el('p', { class: `state ${state.state}` }, words);
  }

  function answerForm(me: Me, path: string, id: string, version: number): HTMLElement {
    const comment = el('textarea', { id: 'comment', name: 'comment', rows: '3', maxlength: '2000' });
    const agree = el('button', { type: 'submit', value: 'agree', class: 'primary' }, 'Agree');
    const notYet = el('button', { type: 'submit', value: 'not-yet' }, 'Not yet');
    const form = el(
      'form',
      { class: 'answer', 'aria-labelledby': 'answer-heading' },
      el('h3', { id: 'answer-heading' }, `Your answer for ${PARTY[me.party ?? 'ceg']}`),
      el('label', { for: 'comment' }, 'Comment (needed for Not yet: say what should change)'),
      comment,
      el('div', { class: 'buttons' }, agree, notYet),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const action = ((event as SubmitEvent).submitter as HTMLButtonElement | null)?.value ?? 'agree';
      if (action === 'not-yet' && comment.value.trim() === '') {
        announce('Write a comment saying what should change, then choose Not yet.', 'error');
        comment.focus();
        return;
      }
      try {
        await session.api(`/v1/${path}/${encodeURIComponent(id)}/sign-offs/${action}`, {
          method: 'POST',
          body: { version, ...(comment.value.trim() ? { comment: comment.value.trim() } : {}) },
        });
        await showRecord(
          me,
          `${path}/${id}`,
          action === 'agree'
            ? `You agreed this for ${PARTY[me.party ?? 'ceg']}.`
            : 'Your comment was sent; it stays awaiting.',
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          await showRecord(me, `${path}/${id}`, 'The text changed while you were reading. Here it is again.');
        } else announce((error as Error).message, 'error');
      }
    });
    return form;
  }
}

main().catch((error: unknown) => announce(`The page could not start: ${(error as Error).message}`, 'error'));
