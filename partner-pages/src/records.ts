import { byId, type Child, dataTable, el, fill, scrollRegion } from '../../dashboard/src/dom.ts';
import type { CouncilPageView } from '../../functions/pages/council-page.ts';
import type { RecordLink, RecordPageView } from '../../functions/pages/record-page.ts';
import { ApiError, type Me, Session } from './session.ts';
import { signInPanel } from './sign-in-panel.ts';
import { announce } from './status.ts';

/**
 * The record page (record.html?record=<type path>/<id>) and the council page
 * (council.html?council=<id>): emails link to /records/<type path>/<id> and /councils/<id> on
 * the partner site, which send the browser here. Signed in like the sign-off page; everything
 * shown comes in one answer from /v1/pages/…, already in words and within the viewer's reach.
 */

const PARTY = { ceg: 'CEG', taskforce: 'the Taskforce' } as const;

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-NZ', {
    timeZone: 'Pacific/Auckland',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
const day = (date?: string) =>
  date
    ? new Date(`${date.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-NZ', {
        dateStyle: 'long',
        timeZone: 'UTC',
      })
    : '';
const words = (value: string) => {
  const text = value.replaceAll('-', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export function recordHref(link: Pick<RecordLink, 'typePath' | 'id'>): string {
  return `record.html?record=${encodeURIComponent(`${link.typePath}/${link.id}`)}`;
}

export function councilHref(id: string): string {
  return `council.html?council=${encodeURIComponent(id)}`;
}

function linkTo(link: RecordLink): HTMLAnchorElement {
  return el('a', { href: recordHref(link) }, link.name);
}

function section(id: string, heading: string, ...children: Child[]): HTMLElement {
  return el('section', { class: 'panel', 'aria-labelledby': id }, el('h2', { id }, heading), ...children);
}

function list(items: Child[], empty: string): HTMLElement {
  return items.length === 0
    ? el('p', {}, empty)
    : el('ul', { class: 'entries' }, ...items.map((i) => el('li', {}, i)));
}

/** A refusal in words: outside one's reach (with whom to ask), not there, or gone. */
function refusal(error: unknown): HTMLElement {
  const status = error instanceof ApiError ? error.status : 0;
  const heading =
    status === 403
      ? 'Outside your access'
      : status === 404
        ? 'Not found'
        : status === 410
          ? 'Deleted'
          : 'This page could not be shown';
  return el(
    'section',
    { class: 'panel', 'aria-labelledby': 'refusal-heading' },
    el('h1', { id: 'refusal-heading', tabindex: '-1' }, heading),
    el('p', {}, (error as Error).message),
  );
}

async function main(): Promise<void> {
  const session = await Session.start();
  const content = byId('content');
  const params = new URLSearchParams(location.search);
  const page = document.body.dataset.page === 'council' ? 'council' : 'record';

  const start = async (): Promise<void> => {
    let me: Me;
    try {
      me = await session.api<Me>('/v1/me');
    } catch (error) {
      announce((error as Error).message, 'error');
      showSignIn();
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
    if (page === 'council') await showCouncil(params.get('council') ?? '');
    else await showRecord(me, params.get('record') ?? '');
  };

  const showSignIn = () => {
    fill(
      content,
      el('h1', {}, page === 'council' ? 'Council partnership' : 'Record'),
      el('p', {}, 'Sign in to see this page. You see what your access covers.'),
      signInPanel(session, () => void start()),
    );
  };

  if (!session.signedIn) {
    showSignIn();
    return;
  }
  await start();

  async function showRecord(me: Me, which: string, message?: string): Promise<void> {
    const [typePath, ...rest] = which.split('/');
    const id = rest.join('/');
    let view: RecordPageView;
    try {
      view = await session.api<RecordPageView>(`/v1/pages/${typePath}/${encodeURIComponent(id)}/record`);
    } catch (error) {
      fill(content, refusal(error));
      byId('refusal-heading').focus();
      return;
    }
    document.title = `${view.name} – ${view.label} – Partnership Records`;
    const fields = el(
      'dl',
      { class: 'text' },
      ...view.fields.flatMap((f) => [
        el('dt', {}, f.title, el('span', { class: 'help muted' }, ` ${f.help}`)),
        el(
          'dd',
          {},
          f.links ? el('span', {}, ...f.links.flatMap((l, i) => [i > 0 ? ', ' : '', linkTo(l)])) : f.text,
        ),
      ]),
    );
    const council =
      view.type === 'council'
        ? el('p', {}, el('a', { href: councilHref(view.id) }, 'The partnership with this council'))
        : null;
    fill(
      content,
      el('p', { class: 'kind' }, view.label),
      el('h1', { id: 'record-heading', tabindex: '-1' }, view.name),
      el('p', { class: 'muted' }, view.description),
      el(
        'p',
        { class: 'meta' },
        `Version ${view.version}, last changed by ${view.updatedBy} on ${when(view.updatedAt)}.`,
      ),
      view.deleted
        ? el(
            'p',
            { class: 'notice error' },
            `Deleted by ${view.deleted.by} on ${when(view.deleted.at)}. Its history is below.`,
          )
        : null,
      council,
      section('details-heading', 'Details', fields),
      view.signOffs && !view.deleted ? await signOffPanel(me, view) : null,
      view.referrers.length > 0
        ? section(
            'referrers-heading',
            'Records that point here',
            ...view.referrers.map((group) =>
              el(
                'div',
                { class: 'referrers' },
                el('h3', {}, `${group.pluralLabel} (by ${group.via.toLowerCase()})`),
                list(
                  group.items.map((item) => linkTo(item)),
                  'None.',
                ),
                group.more ? el('p', { class: 'muted' }, 'The newest are listed; there may be more.') : null,
              ),
            ),
          )
        : null,
      section(
        'history-heading',
        `History (${view.history.length} version${view.history.length === 1 ? '' : 's'})`,
        el(
          'ol',
          { class: 'history', reversed: true },
          ...view.history.map((h) =>
            el(
              'li',
              {},
              el(
                'p',
                { class: 'entry-head' },
                el('strong', {}, `Version ${h.version}: ${words(h.op)}`),
                ` by ${h.by}, ${when(h.at)}`,
              ),
              h.changes.length === 0
                ? null
                : scrollRegion(
                    `Changes in version ${h.version}`,
                    dataTable(
                      `What changed in version ${h.version}`,
                      ['Field', 'From', 'To'],
                      h.changes.map((c) => [c.title, c.from, c.to]),
                    ),
                  ),
            ),
          ),
        ),
      ),
    );
    if (message) announce(message);
  }

  /** The sign-off panel: each party's state, and the viewer's party's answer (give, not yet, withdraw). */
  async function signOffPanel(me: Me, view: RecordPageView): Promise<HTMLElement> {
    interface SignOffView {
      version: number;
      meaning: string;
      parties: {
        party: 'ceg' | 'taskforce';
        state: string;
        signOff?: {
          requestedOf?: string;
          given?: { by: string; at: string };
          notYet?: { by: string; comment: string };
          reopened?: { reason: string };
        };
      }[];
    }
    const base = `/v1/${view.typePath}/${encodeURIComponent(view.id)}/sign-offs`;
    let signOffs: SignOffView;
    try {
      signOffs = await session.api<SignOffView>(base);
    } catch (error) {
      return section('sign-offs-heading', 'Sign-offs', el('p', {}, (error as Error).message));
    }
    const myParty = me.party ?? 'ceg';
    const states = signOffs.parties.map((p) => {
      const s = p.signOff;
      const who = p.party === myParty ? `${PARTY[p.party]} (yours)` : PARTY[p.party];
      const text =
        p.state === 'given'
          ? `agreed by ${s?.given?.by} on ${day(s?.given?.at)}`
          : p.state === 'awaiting'
            ? `not agreed yet${s?.requestedOf ? `, asked of ${s.requestedOf}` : ''}${s?.reopened?.reason === 'changed' ? ' (the text changed after it was agreed)' : ''}${s?.notYet ? `. Not yet: “${s.notYet.comment}” (${s.notYet.by})` : ''}`
            : 'not asked yet';
      return el('p', { class: `state ${p.state}` }, `${words(who)}: ${text}`);
    });
    const mine = signOffs.parties.find((p) => p.party === myParty);
    const comment = el('textarea', { id: 'sign-off-comment', name: 'comment', rows: '3', maxlength: '2000' });
    const act = async (action: 'agree' | 'not-yet' | 'withdraw') => {
      if (action === 'not-yet' && comment.value.trim() === '') {
        announce('Write a comment saying what should change, then choose Not yet.', 'error');
        comment.focus();
        return;
      }
      try {
        await session.api(`${base}/${action}`, {
          method: 'POST',
          body: {
            version: signOffs.version,
            ...(comment.value.trim() ? { comment: comment.value.trim() } : {}),
          },
        });
        const done = {
          agree: 'You agreed this',
          'not-yet': 'Your comment was sent; it stays awaiting',
          withdraw: 'You withdrew the sign-off',
        }[action];
        await showRecord(me, `${view.typePath}/${view.id}`, `${done} for ${PARTY[myParty]}.`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          await showRecord(
            me,
            `${view.typePath}/${view.id}`,
            'The record changed while you were reading. Here it is again.',
          );
        } else announce((error as Error).message, 'error');
      }
    };
    const button = (label: string, action: 'agree' | 'not-yet' | 'withdraw', primary = false) => {
      const b = el('button', { type: 'button', class: primary ? 'primary' : undefined }, label);
      b.addEventListener('click', () => void act(action));
      return b;
    };
    const canAnswer = me.role !== 'viewer' && mine !== undefined;
    return section(
      'sign-offs-heading',
      'Sign-offs',
      el('p', { class: 'meaning' }, signOffs.meaning),
      ...states,
      canAnswer
        ? el(
            'div',
            { class: 'answer' },
            el('label', { for: 'sign-off-comment' }, 'Comment (needed for Not yet: say what should change)'),
            comment,
            el(
              'div',
              { class: 'buttons' },
              ...(mine.state === 'given'
                ? [button('Withdraw', 'withdraw')]
                : [button('Agree', 'agree', true), button('Not yet', 'not-yet')]),
            ),
          )
        : null,
    );
  }

  async function showCouncil(councilId: string): Promise<void> {
    let view: CouncilPageView;
    try {
      view = await session.api<CouncilPageView>(`/v1/pages/councils/${encodeURIComponent(councilId)}`);
    } catch (error) {
      fill(content, refusal(error));
      byId('refusal-heading').focus();
      return;
    }
    const c = view.council;
    document.title = `${c.name}: the partnership – Partnership Records`;
    const agreement = view.agreement;
    fill(
      content,
      el('p', { class: 'kind' }, `${c.regionName} · ${words(c.kind)} council`),
      el('h1', { id: 'council-heading', tabindex: '-1' }, `${c.name}: the partnership`),
      el('p', {}, c.membership, c.mayor ? `. Mayor: ${c.mayor}.` : '.'),
      el(
        'p',
        {},
        el('a', { href: recordHref({ typePath: 'councils', id: c.id }) }, 'The council’s record and history'),
      ),
      section(
        'people-heading',
        'Who works together',
        el('h3', {}, 'The mayor’s office'),
        list(
          view.mayorsOffice.map((p) => (p.name ? `${p.name} (${p.email})` : p.email)),
          'Nobody from the mayor’s office signs in yet.',
        ),
        el('h3', {}, 'Community Employment Advisers'),
        list(
          view.advisers.map((a) => (a.email ? `${a.name} (${a.email})` : a.name)),
          'No adviser is recorded as working with this council.',
        ),
      ),
      section(
        'agreement-heading',
        'Agreed expectations',
        agreement
          ? el(
              'div',
              {},
              el(
                'p',
                {},
                `Status: ${words(agreement.status)}${agreement.agreedOn ? `, agreed on ${day(agreement.agreedOn)}` : ''}. ${agreement.reviewBy ? `To be reviewed by ${day(agreement.reviewBy)}.` : 'No review date yet.'}`,
              ),
              el('blockquote', { class: 'expectations' }, agreement.expectations),
              ...agreement.signOffs.map((s) =>
                el('p', { class: `state ${s.given ? 'given' : 'awaiting'}` }, `${s.partyName}: ${s.words}`),
              ),
              el(
                'p',
                {},
                el(
                  'a',
                  { href: recordHref({ typePath: 'agreements', id: agreement.id }) },
                  'Open the agreement (sign-offs and history)',
                ),
              ),
            )
          : el('p', {}, 'No expectations are recorded yet: the mayor and the adviser set them first.'),
      ),
      section(
        'awaiting-heading',
        'Awaiting either party',
        list(
          view.awaiting.map((a) =>
            el(
              'span',
              {},
              `${a.partyName}: `,
              linkTo({ typePath: a.typePath, id: a.id, name: a.title }),
              a.requestedOf ? ` (asked of ${a.requestedOf})` : '',
            ),
          ),
          'Nothing awaits a sign-off.',
        ),
      ),
      section(
        'needs-heading',
        `Open needs and opportunities (${view.needs.length})`,
        list(
          view.needs.map((n) =>
            el(
              'span',
              {},
              linkTo({ typePath: 'needs', id: n.id, name: n.name }),
              ` · ${words(n.kind)}${n.identifiedOn ? `, identified ${day(n.identifiedOn)}` : ''}`,
            ),
          ),
          'No open needs are recorded.',
        ),
      ),
      section(
        'strategies-heading',
        'Strategies by goal',
        ...view.strategies.map((g) =>
          el(
            'div',
            {},
            el('h3', {}, g.goalWords),
            g.byStatus.length === 0
              ? el('p', {}, 'No strategies for this goal yet.')
              : el(
                  'ul',
                  { class: 'entries' },
                  ...g.byStatus.map((s) =>
                    el(
                      'li',
                      {},
                      el('strong', {}, `${words(s.status)} (${s.items.length}): `),
                      ...s.items.flatMap((i, n) => [
                        n > 0 ? ', ' : '',
                        linkTo({ typePath: 'strategies', id: i.id, name: i.name }),
                        i.jointlySupported ? ' (jointly supported)' : '',
                      ]),
                    ),
                  ),
                ),
          ),
        ),
      ),
      section(
        'hours-heading',
        `Hours this quarter (${view.hours.quarter})`,
        el(
          'p',
          {},
          `Work recorded as “${view.hours.project}” in advisers’ weekly reports, ${day(view.hours.from)} to ${day(view.hours.to)}: ${view.hours.total} hours in all.`,
        ),
        view.hours.byAdviser.length === 0
          ? el('p', {}, 'No hours are recorded this quarter yet.')
          : scrollRegion(
              'Hours by adviser',
              dataTable(
                `Hours by adviser, ${view.hours.quarter}`,
                ['Adviser', 'Hours', 'Activities'],
                view.hours.byAdviser.map((a) => [a.name, a.hours, a.activities]),
                { numeric: [1, 2] },
              ),
            ),
      ),
      section(
        'progress-heading',
        'Progress',
        view.progressReport
          ? el(
              'div',
              {},
              el('h3', {}, `${c.regionName}’s progress report, ${view.progressReport.quarter}`),
              el(
                'p',
                {},
                `${words(view.progressReport.status)}${view.progressReport.submittedOn ? `, submitted ${day(view.progressReport.submittedOn)}` : ''}.`,
              ),
              view.progressReport.summary ? el('p', { class: 'summary' }, view.progressReport.summary) : null,
            )
          : el('p', {}, `${c.regionName} has no progress report yet.`),
        view.indicators.length === 0
          ? el('p', {}, 'No indicators are recorded for this council yet.')
          : scrollRegion(
              'Indicators',
              dataTable(
                'People not in work or training',
                ['Period', 'People', 'Young people (under 25)', 'Source'],
                view.indicators.map((i) => [
                  i.period,
                  i.people ?? '—',
                  i.youngPeople ?? '—',
                  i.source ?? '—',
                ]),
                { numeric: [1, 2] },
              ),
            ),
      ),
    );
  }
}

main().catch((error: unknown) => announce(`The page could not start: ${(error as Error).message}`, 'error'));
