/**
 * The sidebar's script: plain DOM, no framework. The build bundles it into `sidebar.html`
 * (Apps Script serves one HTML file), and every server call goes through the typed `call`, so
 * it follows `main.ts`'s exports and their types.
 */

import type { ReminderSettings } from '../../../functions/reminders/kinds.ts';
import type { AdoptionProposal } from '../apps-script/adopt-tab.ts';
import type { SidebarState } from '../main.ts';
import type { RecordChange } from '../sheet/preview-diff.ts';
import type { PushCounts } from '../sheet/push-outcomes.ts';
import type { PushScope } from '../sync/push-run.ts';
import { call, type ServerArgs, type ServerName, type ServerResult } from './server.ts';

function $<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The sidebar has no #${id}`);
  return found as T;
}

let state: SidebarState | null = null;
let pendingScope: PushScope | null = null;
/** The plan the preview showed: "Push now" sends exactly it, or is told the sheet changed. */
let previewedPlan: string | null = null;
let polling: ReturnType<typeof setInterval> | null = null;

function text<T extends HTMLElement>(el: T, value: string): T {
  el.textContent = value;
  return el;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, value: string): HTMLElementTagNameMap[K] {
  return text(document.createElement(tag), value);
}

function show(message: string, kind: 'info' | 'error' = 'info'): void {
  const box = $('message');
  box.hidden = !message;
  box.className = kind;
  text(box, message);
}

/** Google's failure when several accounts are signed in to the browser (its own long-standing bug). */
const SEVERAL_ACCOUNTS = /PERMISSION_DENIED|error occurred while reading from storage/i;
const SEVERAL_ACCOUNTS_ADVICE =
  'Google could not tell which of your Google accounts is using Partnership Records: this happens when several accounts are signed in to this browser. Sign out of the other accounts (or open the spreadsheet in a private window signed in with one account only), reload, and try again. Nothing was changed.';

function messageOf(error: unknown): string {
  const message =
    error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)
      ? String((error as { message: unknown }).message)
      : String(error);
  return SEVERAL_ACCOUNTS.test(message) ? SEVERAL_ACCOUNTS_ADVICE : message;
}

function busy(on: boolean, what?: string): void {
  for (const b of document.querySelectorAll('button')) b.disabled = on;
  $('progress').hidden = !on;
  if (on) {
    $('progress-bar').removeAttribute('value');
    text($('progress-text'), what || 'Working…');
    polling = setInterval(() => {
      call('getProgress')
        .then((p) => {
          if (!p?.total) return;
          $<HTMLProgressElement>('progress-bar').value = Math.round((100 * p.done) / p.total);
          text($('progress-text'), p.message);
        })
        .catch(() => {
          // The run itself reports its failures.
        });
    }, 1500);
  } else if (polling) {
    clearInterval(polling);
    polling = null;
  }
}

/** Calls a server function with the busy indicator on, showing any failure in plain words. */
function run<K extends ServerName>(what: string, name: K, ...args: ServerArgs<K>): Promise<ServerResult<K>> {
  busy(true, what);
  show('');
  return call(name, ...args).then(
    (result) => {
      busy(false);
      return result;
    },
    (error: unknown) => {
      busy(false);
      show(messageOf(error), 'error');
      throw error;
    },
  );
}

function renderStatus(s: SidebarState): void {
  const status = $('status');
  if (!s.settings) {
    status.className = '';
    text(status, 'Start in Settings below: enter the API address and choose the record types.');
    $<HTMLDetailsElement>('settings-panel').open = true;
    return;
  }
  const last = s.lastRun;
  status.className = last && !last.ok ? 'failed' : '';
  text(
    status,
    last
      ? `${last.ok ? '✓' : '⚠'} Last ${last.action} at ${last.at}: ${last.summary}`
      : 'Not synced yet: set up the tabs, then pull.',
  );
}

/** The hourly pull is per person: whether it is on, how its last run went, or why it stopped. */
function renderHourly(s: SidebarState): void {
  const line = $('hourly-status');
  const h = s.hourly ?? { on: false };
  const last = h.lastRun
    ? ` Last run ${h.lastRun.at}: ${h.lastRun.ok ? '✓' : '⚠'} ${h.lastRun.summary}`
    : ' It has not run yet.';
  line.hidden = !h.on && !h.stopped;
  line.className = h.stopped || (h.lastRun && !h.lastRun.ok) ? 'failed' : 'muted';
  text(
    line,
    h.on
      ? `Hourly pull: on.${last}`
      : h.stopped
        ? `⚠ Hourly pull stopped ${h.stopped.at}: ${h.stopped.reason}`
        : '',
  );
}

function renderConflicts(s: SidebarState): void {
  const list = $('conflict-list');
  list.replaceChildren();
  $('conflicts-panel').hidden = s.conflicts.length === 0;
  for (const c of s.conflicts) {
    const li = document.createElement('li');
    li.appendChild(element('div', `${c.label} ${c.id}: ${c.differs}`));
    for (const [choice, words] of [
      ['mine', 'Keep mine'],
      ['theirs', 'Take theirs'],
    ] as const) {
      const b = element('button', words);
      b.type = 'button';
      b.addEventListener('click', () => {
        run(`${words}…`, 'resolveConflict', choice, c.type, c.id).then((r) => {
          show(r.summary);
          void refresh();
        });
      });
      li.appendChild(b);
    }
    list.appendChild(li);
  }
}

function renderTypes(types: readonly { type: string; label: string }[], chosen: readonly string[]): void {
  const box = $('types');
  box.replaceChildren();
  for (const t of types) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.value = t.type;
    input.checked = chosen.includes(t.type);
    label.appendChild(input);
    label.appendChild(document.createTextNode(` ${t.label}`));
    box.appendChild(label);
  }
}

/**
 * The region choice: "all you can see" and the regions the API lists for this person, by name.
 * Before the list is loaded, the saved region stays offered (by id) so that saving keeps it.
 */
function renderRegions(regions: { id: string; name: string }[], chosen: string): void {
  const select = $<HTMLSelectElement>('region');
  select.replaceChildren(new Option('All regions you can see', ''));
  for (const r of regions) select.appendChild(new Option(r.name, r.id));
  if (chosen && !regions.some((r) => r.id === chosen)) select.appendChild(new Option(chosen, chosen));
  select.value = chosen;
}

function renderSettings(s: SidebarState): void {
  const apiUrl = $<HTMLInputElement>('api-url');
  if (!s.settings) {
    // A build allows one API address: offer it rather than make people type it.
    if (s.allowedApi.length === 1 && !apiUrl.value) apiUrl.value = s.allowedApi[0]!;
    return;
  }
  apiUrl.value = s.settings.apiUrl;
  const region = $<HTMLSelectElement>('region');
  if (![...region.options].some((o) => o.value === s.settings!.regionId))
    renderRegions([], s.settings.regionId);
  region.value = s.settings.regionId;
  $<HTMLInputElement>('hourly').checked = s.hourlyPull;
  renderTypes(s.types, s.settings.types);
}

function render(s: SidebarState): void {
  state = s;
  text($('who'), s.user ? `Signed in as ${s.user}` : '');
  renderStatus(s);
  renderHourly(s);
  renderConflicts(s);
  renderSettings(s);
}

function refresh(): Promise<void> {
  return call('getSidebarState').then(render, (e: unknown) => show(messageOf(e), 'error'));
}

/** "12 new, 30 changed, 2 with errors": the three numbers people decide on, then the rest. */
function describe(c: PushCounts): string {
  const parts = [`${c.new} new`, `${c.changed} changed`, `${c.errors} with errors`];
  if (c.deleted) parts.push(`${c.deleted} to delete`);
  if (c.conflicts) parts.push(`${c.conflicts} ${c.conflicts === 1 ? 'conflict' : 'conflicts'}`);
  if (c.forbidden) parts.push(`${c.forbidden} not allowed`);
  if (c.failed) parts.push(`${c.failed} not checked`);
  if (c.unchanged) parts.push(`${c.unchanged} already up to date`);
  return parts.join(', ');
}

function preview(scope: PushScope | null | undefined): Promise<void> {
  pendingScope = scope ?? null;
  $('preview-panel').hidden = true;
  previewedPlan = null;
  return run('Checking your changes with the server…', 'previewPush', scope ?? null).then((report) => {
    if (report.nothingToPush) {
      show(report.summary);
      return;
    }
    $('preview-panel').hidden = false;
    text($('preview-summary'), describe(report.counts));
    const tabs = $('preview-tabs');
    tabs.replaceChildren();
    for (const t of report.perTab) tabs.appendChild(element('li', `${t.label}: ${describe(t.counts)}`));
    renderChanges(report.changes, report.changesLeftOut);
    previewedPlan = report.planToken ?? null;
    const problems = $('preview-problems');
    problems.replaceChildren();
    for (const p of report.problems)
      problems.appendChild(element('li', `${p.tab}, row ${p.row}: ${p.message}`));
    $('preview-problems-box').hidden = report.problems.length === 0;
    const ready = report.counts.new + report.counts.changed + report.counts.deleted;
    const confirm = $<HTMLButtonElement>('confirm');
    text(confirm, ready > 0 ? `Push ${ready} ${ready === 1 ? 'row' : 'rows'} now` : 'Push now');
    confirm.disabled = ready === 0;
  });
}

/** Each record the push will send: "Activities row 5: Hours 4 → 8; Summary "x" → (cleared)". */
function renderChanges(changes: readonly RecordChange[], leftOut: number): void {
  const list = $('preview-changes');
  list.replaceChildren();
  for (const c of changes) {
    const li = document.createElement('li');
    const lead = c.kind === 'new' ? 'new' : c.kind === 'delete' ? 'delete' : 'changed';
    li.appendChild(element('strong', `${c.tab} row ${c.row} (${lead})`));
    const fields = document.createElement('ul');
    for (const f of c.fields)
      fields.appendChild(
        element('li', f.from === undefined ? `${f.title}: ${f.to}` : `${f.title}: ${f.from} → ${f.to}`),
      );
    if (c.fields.length === 0)
      fields.appendChild(element('li', 'no field changes (sent to confirm the record)'));
    li.appendChild(fields);
    list.appendChild(li);
  }
  if (leftOut > 0)
    list.appendChild(element('li', `…and ${leftOut} more records (the counts above include them)`));
  $('preview-changes-box').hidden = changes.length === 0;
}

function after(promise: Promise<{ summary: string }>): Promise<void> {
  return promise.then((r) => {
    show(r.summary);
    void refresh();
  });
}

$('pull').addEventListener('click', () => after(run('Pulling changes…', 'pullNow')));
$('repull').addEventListener('click', () => after(run('Pulling everything…', 'repullEverything')));
$('setup').addEventListener('click', () => after(run('Setting up the tabs…', 'setUpTabs')));
$('undo').addEventListener('click', () => {
  run('Reading the last push…', 'undoQuestion').then((question) => {
    if (window.confirm(question)) void after(run('Undoing the last push…', 'undoPush'));
  });
});
$('preview').addEventListener('click', () => preview(null));
$('cancel').addEventListener('click', () => {
  $('preview-panel').hidden = true;
  show('Nothing was pushed.');
});
$('confirm').addEventListener('click', () => {
  if (!previewedPlan) return;
  run('Pushing…', 'confirmPush', pendingScope, previewedPlan).then((r) => {
    $('preview-panel').hidden = true;
    if (r.stale) {
      // Preview again, then say why: the new preview is what "Push now" will send.
      void preview(pendingScope).then(() => show(r.summary, 'error'));
      return;
    }
    const clean = r.complete && r.counts.errors + r.counts.conflicts + r.counts.failed === 0;
    show(r.summary, clean ? 'info' : 'error');
    void refresh();
  });
});
$('load-types').addEventListener('click', () => {
  const apiUrl = $<HTMLInputElement>('api-url').value;
  const region = $<HTMLSelectElement>('region').value;
  Promise.all([run('Reading the lists…', 'listRecordTypes', apiUrl), call('listRegions', apiUrl)]).then(
    ([types, regions]) => {
      renderTypes(types, state?.settings ? state.settings.types : []);
      renderRegions(regions, region);
    },
    (e: unknown) => show(messageOf(e), 'error'),
  );
});
$('settings-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const types = [...document.querySelectorAll<HTMLInputElement>('#types input:checked')].map((i) => i.value);
  const form = {
    apiUrl: $<HTMLInputElement>('api-url').value,
    regionId: $<HTMLSelectElement>('region').value,
    types,
    hourlyPull: $<HTMLInputElement>('hourly').checked,
  };
  run('Saving…', 'saveSettings', form).then((s) => {
    render(s);
    if (s.notice) show(s.notice, 'error');
    else show('Settings saved. Next: Set up / repair tabs.');
  });
});

// Reminder emails: read when the panel opens, one choice per kind.
const CADENCES = { daily: 'Daily', weekly: 'Weekly (Mondays)', off: 'Off' } as const;
function renderReminders(r: ReminderSettings): void {
  const box = $('reminder-kinds');
  box.replaceChildren();
  for (const k of r.kinds) {
    const label = document.createElement('label');
    label.htmlFor = `reminder-${k.kind}`;
    label.textContent = k.label;
    const select = document.createElement('select');
    select.id = `reminder-${k.kind}`;
    select.name = k.kind;
    for (const [value, words] of Object.entries(CADENCES)) {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = words;
      option.selected = k.cadence === value;
      select.append(option);
    }
    box.append(label, select);
  }
}
$('reminders-panel').addEventListener('toggle', () => {
  if ($<HTMLDetailsElement>('reminders-panel').open)
    run('Reading your reminder settings…', 'getReminderSettings').then(renderReminders);
});
$('reminders-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const change = Object.fromEntries(
    [...document.querySelectorAll<HTMLSelectElement>('#reminder-kinds select')].map((s) => [s.name, s.value]),
  );
  run('Saving…', 'saveReminderSettings', change).then((r) => {
    renderReminders(r);
    show('Reminder settings saved.');
  });
});

// Adopting a tab: choose it, confirm each header's field, give values for missing fields.
let proposal: AdoptionProposal | null = null;
const HOW: Record<string, string> = {
  title: 'matched by its title',
  name: 'matched by the field name',
  close: 'close match: check it',
  none: '',
};

function chosenFields(): string[] {
  return [...document.querySelectorAll<HTMLSelectElement>('#adopt-list select')]
    .map((s) => s.value)
    .filter(Boolean);
}

function renderFill(): void {
  const box = $('adopt-fill');
  const chosen = chosenFields();
  box.replaceChildren();
  for (const f of (proposal?.fields ?? []).filter((f) => !chosen.includes(f.name))) {
    const label = element('label', `${f.title}${f.required ? ' (required)' : ''}`);
    const input = document.createElement('input');
    input.type = 'text';
    input.dataset.field = f.name;
    label.appendChild(input);
    box.appendChild(label);
  }
  $('adopt-fill-title').hidden = box.childElementCount === 0;
}

function renderProposal(p: AdoptionProposal): void {
  proposal = p;
  const list = $('adopt-list');
  list.replaceChildren();
  for (const c of p.columns) {
    const div = document.createElement('div');
    div.className = 'column';
    div.appendChild(element('strong', c.header || '(no header)'));
    if (c.sample) div.appendChild(element('span', ` e.g. ${c.sample}`)).className = 'hint';
    const select = document.createElement('select');
    select.dataset.index = String(c.index);
    select.setAttribute('aria-label', `Field for ${c.header}`);
    select.appendChild(new Option('(keep as my own column)', ''));
    for (const f of p.fields) select.appendChild(new Option(f.title, f.name, false, f.name === c.field));
    select.addEventListener('change', renderFill);
    div.appendChild(select);
    const hint = element('div', HOW[c.how] ?? '');
    hint.className = c.how === 'close' ? 'hint check' : 'hint';
    div.appendChild(hint);
    list.appendChild(div);
  }
  renderFill();
  $('adopt-columns').hidden = false;
}

$('adopt-start').addEventListener('click', () => {
  const settings = state?.settings;
  if (!settings) {
    show('Save the settings first: the API address tells the add-on which fields there are.', 'error');
    $<HTMLDetailsElement>('settings-panel').open = true;
    return;
  }
  Promise.all([
    run('Reading your tabs…', 'listAdoptableTabs'),
    call('listRecordTypes', settings.apiUrl),
  ]).then(
    ([tabs, types]) => {
      if (tabs.length === 0) {
        show('There is no tab of your own with headers to adopt.', 'error');
        return;
      }
      const tabChoice = $<HTMLSelectElement>('adopt-tab');
      tabChoice.replaceChildren();
      for (const t of tabs) tabChoice.appendChild(new Option(`${t.name} (${t.rows} rows)`, t.name));
      const typeChoice = $<HTMLSelectElement>('adopt-type');
      typeChoice.replaceChildren();
      for (const t of types) typeChoice.appendChild(new Option(t.label, t.type));
      $('adopt-choose').hidden = false;
    },
    (e: unknown) => show(messageOf(e), 'error'),
  );
});
$('adopt-match').addEventListener('click', () => {
  run(
    'Matching the columns…',
    'proposeAdoption',
    $<HTMLSelectElement>('adopt-tab').value,
    $<HTMLSelectElement>('adopt-type').value,
  ).then(renderProposal);
});
$('adopt-confirm').addEventListener('click', () => {
  if (!proposal) return;
  const choices: Record<number, string> = {};
  for (const s of document.querySelectorAll<HTMLSelectElement>('#adopt-list select'))
    choices[Number(s.dataset.index)] = s.value;
  const fill: Record<string, string> = {};
  for (const i of document.querySelectorAll<HTMLInputElement>('#adopt-fill input'))
    if (i.value.trim()) fill[i.dataset.field!] = i.value.trim();
  run('Adopting the tab…', 'adoptTab', { tab: proposal.tab, type: proposal.type, choices, fill }).then(
    (r) => {
      $('adopt-columns').hidden = true;
      $('adopt-choose').hidden = true;
      show(r.summary);
      void refresh();
    },
  );
});

void refresh().then(() => {
  const pending = state?.pending;
  if (pending?.kind === 'preview') void preview(pending.scope);
  if (pending?.kind === 'adopt') {
    $<HTMLDetailsElement>('adopt-panel').open = true;
    $('adopt-start').click();
  }
});
