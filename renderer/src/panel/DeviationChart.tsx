/**
 * Deviation of each territory from its target as a bar chart (SVG), in the table's order: the
 * shaded band is the tolerance, bars outside it take the map's diverging colours (blue below,
 * red above). The scale is symmetric and at least three tolerances wide.
 */
import { memo } from 'react';
import type { TerritoryMetrics } from '../../../shared/metrics/types.ts';
import { DEVIATION_COLOURS, deviationClass, rgbToHex } from '../../../shared/plan/colour-scales.ts';
import { formatPct } from './metrics-format.ts';

const W = 420;
const H = 128;
const PAD = { left: 40, right: 6, top: 8, bottom: 16 };

export interface DeviationChartProps {
  rows: readonly TerritoryMetrics[];
  colours: ReadonlyMap<string, string>;
  tolerancePct: number;
  selectedId: string | null;
  onSelect(id: string): void;
}

export function DeviationChart({ rows, colours, tolerancePct, selectedId, onSelect }: DeviationChartProps) {
  const devs = rows.map((r) => r.compositeDeviationPct ?? 0);
  const extent = niceCeil(Math.max(3 * tolerancePct, ...devs.map(Math.abs), 1));
  const plotH = H - PAD.top - PAD.bottom;
  const y = (pct: number) => PAD.top + ((extent - Math.max(-extent, Math.min(extent, pct))) / (2 * extent)) * plotH;
  const step = (W - PAD.left - PAD.right) / Math.max(1, rows.length);
  const barW = Math.max(1, Math.min(28, step * 0.72));
  // The tolerance ticks only where they do not collide with the zero and end labels.
  const room = (a: number, b: number) => Math.abs(y(a) - y(b)) >= 11;
  const ticks = [extent, 0, -extent, ...(room(tolerancePct, 0) && room(tolerancePct, extent) ? [tolerancePct, -tolerancePct] : [])];
  return (
    <svg className="deviation-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Deviation from target by territory" data-testid="deviation-chart">
      <rect className="deviation-chart__band" x={PAD.left} width={W - PAD.left - PAD.right} y={y(tolerancePct)} height={y(-tolerancePct) - y(tolerancePct)} data-testid="tolerance-band" />
      {ticks.map((t) => (
        <g key={t}>
          <line className={t === 0 ? 'deviation-chart__zero' : 'deviation-chart__grid'} x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
          <text className="deviation-chart__tick" x={PAD.left - 4} y={y(t) + 3.5} textAnchor="end">
            {t === 0 ? '0' : `${t > 0 ? '+' : '−'}${Math.abs(t)}%`}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const d = r.compositeDeviationPct ?? 0;
        const cls = deviationClass(r.compositeDeviationPct, tolerancePct);
        const x = PAD.left + i * step + (step - barW) / 2;
        const top = Math.min(y(d), y(0));
        return (
          <Bar
            key={r.id}
            id={r.id}
            title={`${r.name}: ${formatPct(r.compositeDeviationPct)}`}
            slotX={x - (step - barW) / 2}
            step={step}
            x={x}
            barW={barW}
            top={top}
            height={Math.max(1, Math.abs(y(d) - y(0)))}
            plotH={plotH}
            fill={cls === 3 ? '#8d99a6' : rgbToHex(DEVIATION_COLOURS[cls]!)}
            keyColour={colours.get(r.id) ?? '#999'}
            selected={r.id === selectedId}
            onSelect={onSelect}
          />
        );
      })}
    </svg>
  );
}

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
