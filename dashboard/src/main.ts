import type { Snapshot } from '../../functions/aggregate/snapshot-schema.ts';
import { type TrendPoint, trendPoint } from '../../functions/aggregate/trends.ts';
import { ChartPanel } from './chart-panel.ts';
import { adviserWorkChart, figuresOf, goalsChart, historyChart, strategiesChart } from './chart-specs.ts';
import { byId, el, fill } from './dom.ts';
import { formatLongDate, formatStamp } from './format.ts';
import {
  communicationsList,
  freshnessTable,
  keyFigures,
  notReportingList,
  overdueList,
  publicityList,
  regionsTable,
} from './sections.ts';
import { loadDates, loadHistory, loadLatest, loadSnapshot, loadTrends } from './snapshot-source.ts';

/** Snapshots drawn in the trend across snapshots. */
const HISTORY_LENGTH = 26;

interface State {
  dates: string[];
  snapshot?: Snapshot;
  /** The compact trends series; undefined for an archive made before it existed. */
  trends?: TrendPoint[];
  /** Only for such an archive: the snapshots the trend is drawn from instead. */
  history: Snapshot[];
  area: string;
}

const state: State = { dates: [], history: [], area: 'national' };

/** The trend up to the snapshot shown: from the series file, or from the snapshots themselves. */
function trendUpTo(snapshot: Snapshot): TrendPoint[] {
  const points = state.trends
    ? state.trends.filter((p) => p.date <= snapshot.date).slice(-HISTORY_LENGTH)
    : (state.history.length > 0 ? state.history : [snapshot]).map(trendPoint);
  return points.length > 0 ? points : [trendPoint(snapshot)];
}

/** Loads the snapshots for the trend only when there is no series file (an older archive). */
async function ensureHistory(date: string, known: Snapshot[]): Promise<void> {
  if (!state.trends) state.history = await loadHistory(state.dates, date, HISTORY_LENGTH, known);
}
const panels = {
  goals: new ChartPanel('goals', byId('chart-goals'), 'People not in work or training per quarter'),
  adviserWork: new ChartPanel(
    'adviser-work',
    byId('chart-adviser-work'),
    'Adviser hours and activities per week',
  ),
  strategies: new ChartPanel('strategies', byId('chart-strategies'), 'Strategies by goal and status'),
  history: new ChartPanel('history', byId('chart-history'), 'Progress across snapshots'),
};

/** For tests and the curious: the Chart.js instances on the page and what state it is in. */
Object.assign(window, { partnershipDashboard: { panels, state } });

function setPageState(value: 'loading' | 'ready' | 'empty' | 'error'): void {
  document.documentElement.dataset.state = value;
}

function areaName(snapshot: Snapshot, area: string): string {
  return area === 'national' ? 'New Zealand' : (snapshot.regions.find((r) => r.id === area)?.name ?? area);
}

/** Area and date live in the address (#area=otago&date=2026-11-23), so a view can be shared. */
function readAddress(): { area?: string; date?: string } {
  const params = new URLSearchParams(location.hash.slice(1));
  return { area: params.get('area') ?? undefined, date: params.get('date') ?? undefined };
}

function writeAddress(): void {
  const params = new URLSearchParams();
  if (state.area !== 'national') params.set('area', state.area);
  if (state.snapshot && state.snapshot.date !== state.dates.at(-1)) params.set('date', state.snapshot.date);
  const hash = params.toString();
  history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
}

function populateControls(snapshot: Snapshot): void {
  const area = byId<HTMLSelectElement>('area');
  fill(
    area,
    el('option', { value: 'national' }, 'New Zealand (national)'),
    ...snapshot.regions.map((r) => el('option', { value: r.id }, r.name)),
  );
  if (!snapshot.regions.some((r) => r.id === state.area)) state.area = 'national';
  area.value = state.area;
  const date = byId<HTMLSelectElement>('date');
  fill(date, ...[...state.dates].reverse().map((d) => el('option', { value: d }, formatLongDate(d))));
  date.value = snapshot.date;
  byId('controls').hidden = false;
}

function render(): void {
  const s = state.snapshot!;
  const f = figuresOf(s, state.area) ?? s.national;
  const name = areaName(s, state.area);
  fill(
    byId('snapshot-date'),
    'Snapshot of ',
    el('time', { datetime: s.date }, formatLongDate(s.date)),
    el('span', { class: 'generated' }, ` (made ${formatStamp(s.generatedAt)})`),
  );
  document.title = `National dashboard, ${formatLongDate(s.date)} – Partnership Records`;
  fill(byId('area-name'), name);
  fill(byId('figures'), keyFigures(s, f, state.area));
  fill(
    byId('goal-words'),
    ...s.goals.flatMap((g, i) => [
      i > 0 ? el('br') : null,
      el('strong', {}, `${g.id.slice(0, 4)}: `),
      g.words,
    ]),
  );
  panels.goals.show(goalsChart(f, name));
  panels.adviserWork.show(adviserWorkChart(f, name, s.date));
  panels.strategies.show(strategiesChart(f, name));
  panels.history.show(historyChart(trendUpTo(s), state.area, name));
  fill(byId('regions'), regionsTable(s, state.area));
  fill(byId('not-reporting'), notReportingList(s, state.area));
  fill(byId('overdue'), overdueList(s, f, state.area));
  fill(byId('publicity'), publicityList(s, f, state.area));
  fill(byId('communications'), communicationsList(s, f, state.area));
  fill(byId('freshness'), freshnessTable(s, state.area));
  const limited = s.listsLimitedToRegions;
  byId('lists-note').hidden = !limited;
  // The public copy of a snapshot carries no record lists at all (see snapshot-archive.ts).
  byId('lists-note').textContent =
    limited && limited.length === 0
      ? 'Lists of records are shown to signed-in staff only (through the API); the figures above cover every region.'
      : 'The lists below show your regions only; the figures above cover every region.';
  writeAddress();
}

async function showDate(date: string): Promise<void> {
  const snapshot = date === state.snapshot?.date ? state.snapshot : await loadSnapshot(date);
  if (!snapshot) throw new Error(`The snapshot of ${date} could not be found.`);
  state.snapshot = snapshot;
  await ensureHistory(date, state.history);
  render();
}

function showMessage(kind: 'empty' | 'error', heading: string, text: string): void {
  setPageState(kind);
  byId('content').hidden = true;
  byId('controls').hidden = true;
  fill(byId('snapshot-date'), kind === 'empty' ? 'No snapshot yet' : 'The dashboard could not be loaded');
  const status = byId('status');
  status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  fill(status, el('div', { class: `message ${kind}` }, el('h2', {}, heading), el('p', {}, text)));
}

async function start(): Promise<void> {
  setPageState('loading');
  const [latest, dates, trends] = await Promise.all([loadLatest(), loadDates(), loadTrends()]);
  state.trends = trends?.points;
  if (!latest) {
    showMessage(
      'empty',
      'There is no snapshot yet',
      'The figures appear after the first nightly aggregation (02:00 New Zealand time). Locally, run "npm run aggregate" or restart "npm start".',
    );
    return;
  }
  state.dates = dates.includes(latest.date) ? dates : [...dates, latest.date].sort();
  state.snapshot = latest;
  const wanted = readAddress();
  if (wanted.area) state.area = wanted.area;
  populateControls(latest);
  if (wanted.date && wanted.date !== latest.date && state.dates.includes(wanted.date)) {
    byId<HTMLSelectElement>('date').value = wanted.date;
    await showDate(wanted.date);
  } else {
    await ensureHistory(latest.date, [latest]);
    render();
  }
  byId('content').hidden = false;
  fill(byId('status'));
  setPageState('ready');
}

byId<HTMLSelectElement>('area').addEventListener('change', (event) => {
  state.area = (event.target as HTMLSelectElement).value;
  render();
});

byId<HTMLSelectElement>('date').addEventListener('change', (event) => {
  setPageState('loading');
  showDate((event.target as HTMLSelectElement).value)
    .then(() => setPageState('ready'))
    .catch((error: Error) => showMessage('error', 'That snapshot could not be loaded', error.message));
});

byId('print').addEventListener('click', () => window.print());

// Printing shows every chart's table too; the <details> are put back as they were afterwards.
let openBeforePrint: HTMLDetailsElement[] = [];
window.addEventListener('beforeprint', () => {
  const all = [...document.querySelectorAll('details')];
  openBeforePrint = all.filter((d) => d.open);
  for (const d of all) d.open = true;
  for (const panel of Object.values(panels)) panel.chart?.resize();
});
window.addEventListener('afterprint', () => {
  for (const d of document.querySelectorAll('details')) d.open = openBeforePrint.includes(d);
  for (const panel of Object.values(panels)) panel.chart?.resize();
});

start().catch((error: Error) => showMessage('error', 'The dashboard could not be loaded', error.message));
