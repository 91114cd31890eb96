import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { dataTable, el, fill, scrollRegion } from './dom.ts';
import { formatNumber } from './format.ts';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#1f2933';

/** Colours with at least 4.5:1 contrast on white, told apart by lightness as well as hue. */
export const COLOURS = {
  teal: '#0b4f6c',
  orange: '#b4400b',
  violet: '#5b21b6',
  green: '#166534',
  grey: '#4b5563',
  sky: '#2563a8',
} as const;

export interface Series {
  label: string;
  data: number[];
  colour: string;
  /** Drawn as bars, or as a line (the default for line charts). */
  as?: 'bar' | 'line';
  dashed?: boolean;
  /** The right-hand axis, for a second unit. */
  secondAxis?: boolean;
}

export interface ChartSpec {
  kind: 'bar' | 'line';
  /** What the x axis holds, as the table's first column header. */
  categoryTitle: string;
  labels: string[];
  series: Series[];
  stacked?: boolean;
  yTitle: string;
  y2Title?: string;
  /** One sentence for screen readers: what the chart shows and its latest value. */
  summary: string;
  /** The last category is not finished (the current week): drawn pale and dashed, not as a drop. */
  partialLast?: boolean;
}

/**
 * A chart and the same figures as a table: the canvas is drawn by Chart.js, the table sits in a
 * <details> beneath it (and opens for printing), so nothing is only in the picture.
 */
export class ChartPanel {
  chart?: Chart;
  private readonly canvas: HTMLCanvasElement;
  private readonly table: HTMLElement;

  constructor(
    readonly id: string,
    readonly host: HTMLElement,
    readonly caption: string,
  ) {
    this.canvas = el('canvas', { id: `${id}-canvas`, role: 'img' });
    this.table = scrollRegion(`${caption}, as a table`);
    fill(
      host,
      el('div', { class: 'chart-box' }, this.canvas),
      el('details', { class: 'chart-table' }, el('summary', {}, `${caption}: show as a table`), this.table),
    );
  }

  show(spec: ChartSpec): void {
    this.canvas.setAttribute('aria-label', spec.summary);
    this.canvas.textContent = spec.summary;
    this.chart?.destroy();
    this.chart = new Chart(this.canvas, this.configuration(spec));
    fill(
      this.table,
      dataTable(
        this.caption,
        [spec.categoryTitle, ...spec.series.map((s) => s.label)],
        spec.labels.map((label, i) => [label, ...spec.series.map((s) => formatNumber(s.data[i] ?? 0))]),
        { numeric: spec.series.map((_, i) => i + 1) },
      ),
    );
  }

  private configuration(spec: ChartSpec): ChartConfiguration {
    const lastIndex = spec.labels.length - 1;
    const datasets = spec.series.map((s) => ({
      type: s.as ?? spec.kind,
      label: s.label,
      data: s.data,
      backgroundColor: spec.partialLast
        ? s.data.map((_, i) => (i === lastIndex ? `${s.colour}55` : s.colour))
        : s.colour,
      segment: spec.partialLast
        ? {
            borderDash: (ctx: { p1DataIndex: number }) =>
              ctx.p1DataIndex === lastIndex ? [6, 4] : undefined,
          }
        : undefined,
      borderColor: s.colour,
      borderWidth: 2,
      borderDash: s.dashed ? [6, 4] : undefined,
      pointRadius: s.dashed ? 0 : 3,
      yAxisID: s.secondAxis ? 'y2' : 'y',
      order: (s.as ?? spec.kind) === 'line' ? 0 : 1,
    }));
    return {
      type: spec.kind,
      data: { labels: spec.labels, datasets: datasets as ChartConfiguration['data']['datasets'] },
      options: {
        // No animation: charts are read and printed, and people who prefer reduced motion get none.
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom' } },
        scales: {
          x: { stacked: spec.stacked ?? false, ticks: { autoSkip: true, maxRotation: 0 } },
          y: {
            stacked: spec.stacked ?? false,
            beginAtZero: true,
            title: { display: true, text: spec.yTitle },
          },
          ...(spec.y2Title
            ? {
                y2: {
                  position: 'right' as const,
                  beginAtZero: true,
                  grid: { drawOnChartArea: false },
                  title: { display: true, text: spec.y2Title },
                },
              }
            : {}),
        },
      },
    } as ChartConfiguration;
  }
}
