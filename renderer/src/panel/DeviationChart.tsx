/**
 * Deviation of each territory from its target as a bar chart (SVG), in the table's order: the
 * shaded band is the tolerance, bars outside it take the map's diverging colours (blue below,
 * red above). The scale is symmetric and at least three tolerances wide.
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import type { TerritoryMetrics } from '../../../shared/metrics/types.ts';
import { DEVIATION_COLOURS, deviationClass, rgbToHex } from '../../../shared/plan/colour-scales.ts';
import { formatPct } from './metrics-format.ts';
import { useVirtualWindow } from './use-virtual-window.ts';

const W = 420;
const H = 128;
const PAD = { left: 40, right: 6, top: 8, bottom: 16 };
const PLOT_W = W - PAD.left - PAD.right;
/** Width of one territory's slot when the chart scrolls, px: narrow, but a bar you can see and click. */
const SCROLL_STEP = 7;
/** Bars rendered beyond each edge of the scrolled view. */
const OVERSCAN_BARS = 12;

export interface DeviationChartProps {
  rows: readonly TerritoryMetrics[];
  colours: ReadonlyMap<string, string>;
  tolerancePct: number;
  selectedId: string | null;
  onSelect(id: string): void;
}

/**
 * Up to PLOT_W / SCROLL_STEP territories (53) fit the panel's width. More would make sub-pixel bars
 * (500 territories: 0.7 px, too thin to see or click, yet 2,500 SVG nodes to lay out per edit), so
 * the bars then keep SCROLL_STEP px each and scroll sideways under a fixed axis, windowed like the
 * table: only the bars in view plus an overscan are in the DOM.
 */
export function DeviationChart(props: DeviationChartProps) {
  return props.rows.length * SCROLL_STEP <= PLOT_W ? <FittedChart {...props} /> : <ScrollingChart {...props} />;
}

/**
 * The vertical scale: symmetric, at least three tolerances wide, and its labelled ticks. The same
 * object while its extent holds, so an edit re-renders only the bars of the rows it changed.
 */
function useDeviationScale(rows: readonly TerritoryMetrics[], tolerancePct: number) {
  let largest = 0;
  for (const r of rows) largest = Math.max(largest, Math.abs(r.compositeDeviationPct ?? 0));
  const extent = niceCeil(Math.max(3 * tolerancePct, largest, 1));
  return useMemo(() => deviationScale(extent, tolerancePct), [extent, tolerancePct]);
}

function deviationScale(extent: number, tolerancePct: number) {
  const plotH = H - PAD.top - PAD.bottom;
  const y = (pct: number) => PAD.top + ((extent - Math.max(-extent, Math.min(extent, pct))) / (2 * extent)) * plotH;
  // The tolerance ticks only where they do not collide with the zero and end labels.
  const room = (a: number, b: number) => Math.abs(y(a) - y(b)) >= 11;
  const ticks = [extent, 0, -extent, ...(room(tolerancePct, 0) && room(tolerancePct, extent) ? [tolerancePct, -tolerancePct] : [])];
  return { y, plotH, ticks };
}

type Scale = ReturnType<typeof deviationScale>;

function FittedChart({ rows, colours, tolerancePct, selectedId, onSelect }: DeviationChartProps) {
  const scale = useDeviationScale(rows, tolerancePct);
  const { y } = scale;
  const step = PLOT_W / Math.max(1, rows.length);
  const barW = Math.max(1, Math.min(28, step * 0.72));
  return (
    <svg className="deviation-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Deviation from target by territory" data-testid="deviation-chart">
      <rect className="deviation-chart__band" x={PAD.left} width={PLOT_W} y={y(tolerancePct)} height={y(-tolerancePct) - y(tolerancePct)} data-testid="tolerance-band" />
      <Grid scale={scale} x1={PAD.left} x2={W - PAD.right} labels />
      {rows.map((r, i) => (
        <TerritoryBar key={r.id} r={r} slotX={PAD.left + i * step} step={step} barW={barW} scale={scale} tolerancePct={tolerancePct} colours={colours} selectedId={selectedId} onSelect={onSelect} />
      ))}
    </svg>
  );
}

function ScrollingChart({ rows, colours, tolerancePct, selectedId, onSelect }: DeviationChartProps) {
  const scale = useDeviationScale(rows, tolerancePct);
  const { y } = scale;
  const scroller = useRef<HTMLDivElement>(null);
  const plot = useRef<SVGSVGElement>(null);
  const width = rows.length * SCROLL_STEP;
  const barW = SCROLL_STEP - 2;
  const view = useVirtualWindow({ scroller, items: plot, count: rows.length, itemSize: SCROLL_STEP, axis: 'x', overscan: OVERSCAN_BARS, enabled: true });
  // A territory picked elsewhere (table row, warning) scrolls its bar into view. Keyed by its index
  // only (rows is new per edit): a new selection or order, not an edit, reads the layout here.
  const selectedIndex = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);
  useEffect(() => {
    const el = scroller.current;
    if (!el || selectedIndex < 0) return;
    const x = selectedIndex * SCROLL_STEP;
    if (x < el.scrollLeft || x + SCROLL_STEP > el.scrollLeft + el.clientWidth) el.scrollLeft = x - el.clientWidth / 2;
  }, [selectedIndex]);
  return (
    <div className="deviation-chart deviation-chart--scrolling" role="img" aria-label="Deviation from target by territory (scrolls sideways)" data-testid="deviation-chart">
      <svg className="deviation-chart__axis" width={PAD.left} height={H} aria-hidden="true">
        <Grid scale={scale} x1={PAD.left} x2={PAD.left} labels />
      </svg>
      <div className="deviation-chart__scroller" ref={scroller} data-testid="deviation-chart-scroller">
        <svg ref={plot} width={width} height={H}>
          <rect className="deviation-chart__band" x={0} width={width} y={y(tolerancePct)} height={y(-tolerancePct) - y(tolerancePct)} data-testid="tolerance-band" />
          <Grid scale={scale} x1={0} x2={width} labels={false} />
          {rows.slice(view.start, view.end).map((r, k) => (
            <TerritoryBar
              key={r.id}
              r={r}
              slotX={(view.start + k) * SCROLL_STEP}
              step={SCROLL_STEP}
              barW={barW}
              scale={scale}
              tolerancePct={tolerancePct}
              colours={colours}
              selectedId={selectedId}
              onSelect={onSelect}
            />
          ))}
        </svg>
      </div>
    </div>
  );
}

function Grid({ scale, x1, x2, labels }: { scale: Scale; x1: number; x2: number; labels: boolean }) {
  const { y, ticks } = scale;
  return ticks.map((t) => (
    <g key={t}>
      <line className={t === 0 ? 'deviation-chart__zero' : 'deviation-chart__grid'} x1={x1} x2={x2} y1={y(t)} y2={y(t)} />
      {labels && (
        <text className="deviation-chart__tick" x={PAD.left - 4} y={y(t) + 3.5} textAnchor="end">
          {t === 0 ? '0' : `${t > 0 ? '+' : '−'}${Math.abs(t)}%`}
        </text>
      )}
    </g>
  ));
}

interface TerritoryBarProps {
  r: TerritoryMetrics;
  slotX: number;
  step: number;
  barW: number;
  scale: Scale;
  tolerancePct: number;
  colours: ReadonlyMap<string, string>;
  selectedId: string | null;
  onSelect(id: string): void;
}

/**
 * A territory's bar, memoized on its row (an edit's report keeps the rows it did not change), then
 * in plain props, so the memoized Bar re-renders only when its figures moved.
 */
const TerritoryBar = memo(function TerritoryBar({ r, slotX, step, barW, scale, tolerancePct, colours, selectedId, onSelect }: TerritoryBarProps) {
  const { y, plotH } = scale;
  const d = r.compositeDeviationPct ?? 0;
  const cls = deviationClass(r.compositeDeviationPct, tolerancePct);
  return (
    <Bar
      id={r.id}
      title={`${r.name}: ${formatPct(r.compositeDeviationPct)}`}
      slotX={slotX}
      step={step}
      x={slotX + (step - barW) / 2}
      barW={barW}
      top={Math.min(y(d), y(0))}
      height={Math.max(1, Math.abs(y(d) - y(0)))}
      plotH={plotH}
      fill={cls === 3 ? '#8d99a6' : rgbToHex(DEVIATION_COLOURS[cls]!)}
      keyColour={colours.get(r.id) ?? '#999'}
      selected={r.id === selectedId}
      onSelect={onSelect}
    />
  );
});

/** Round up to 10, 20, 25, 50 x a power of ten. */
function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

interface BarProps {
  id: string;
  title: string;
  slotX: number;
  step: number;
  x: number;
  barW: number;
  top: number;
  height: number;
  plotH: number;
  fill: string;
  keyColour: string;
  selected: boolean;
  onSelect(id: string): void;
}

/** One territory's bar; memoized on its plain props, so an edit re-renders only the bars it moved. */
const Bar = memo(function Bar({ id, title, slotX, step, x, barW, top, height, plotH, fill, keyColour, selected, onSelect }: BarProps) {
  return (
    <g className="deviation-chart__bar" onClick={() => onSelect(id)} data-testid={`chart-bar-${id}`}>
      <title>{title}</title>
      <rect x={slotX} width={step} y={PAD.top} height={plotH} fill="transparent" />
      <rect x={x} width={barW} y={top} height={height} rx={1.5} fill={fill} />
      <rect
        x={x}
        width={barW}
        y={H - PAD.bottom + 5}
        height={5}
        rx={1}
        fill={keyColour}
        className={selected ? 'deviation-chart__key--selected' : undefined}
      />
    </g>
  );
});
