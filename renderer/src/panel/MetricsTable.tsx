/**
 * The sortable territory table: click a header to sort (again to reverse); click a row to make
 * the territory the paint target. The Unassigned row sits in the footer (the "unassign" target).
 * Every figure cell carries its raw value in `data-value` for the tests.
 *
 * Long tables are windowed (use-virtual-window.ts): only the rows in view of the panel's scroll
 * container plus an overscan are in the DOM, between two spacer rows that keep the scroll height,
 * so an edit lays out a few dozen rows instead of 500. Every row is ROW_HEIGHT px (panel.css
 * fixes it). Up to FULL_TABLE_ROWS rows are all rendered: windowing them would save nothing, and
 * the browser's find-in-page still sees every territory.
 */
import { memo, useRef, type RefObject } from 'react';
import type { PlanMetrics, TerritoryMetrics } from '../../../shared/metrics/types.ts';
import type { SortKey, SortState } from '../../../shared/plan/metrics-table.ts';
import { formatCount, formatMoney } from '../util/format.ts';
import { formatPct } from './metrics-format.ts';
import { useVirtualWindow } from './use-virtual-window.ts';

/** Height of a territory row, px: the same as `.metrics-table tbody tr` in panel.css. */
export const ROW_HEIGHT = 30;
/** Tables up to this many territories render every row. */
export const FULL_TABLE_ROWS = 60;
/** Rows rendered above and below the visible ones. */
const OVERSCAN_ROWS = 8;

export interface MetricsTableProps {
  rows: readonly TerritoryMetrics[];
  unassigned: PlanMetrics['unassigned'];
  colours: ReadonlyMap<string, string>;
  repNames: ReadonlyMap<string, string>;
  tolerancePct: number;
  sort: SortState;
  onSort(key: SortKey): void;
  target: string | null;
  onTarget(target: string | null): void;
  /** The element that scrolls the table (the panel body); rows outside its view are not rendered. */
  scroller: RefObject<HTMLElement | null>;
}

const COLUMNS: { key: SortKey; label: string; title: string; numeric: boolean }[] = [
  { key: 'name', label: 'Territory', title: 'Territory name', numeric: false },
  { key: 'units', label: 'Units', title: 'Number of units', numeric: true },
  { key: 'accounts', label: 'Accts', title: 'Number of accounts', numeric: true },
  { key: 'potential', label: 'Potential', title: 'Annual account potential, US dollars', numeric: true },
  { key: 'deviation', label: 'Dev.', title: 'Deviation from target on the balance fields (weighted), %', numeric: true },
  { key: 'pieces', label: 'Pcs', title: 'Connected pieces (1 = contiguous)', numeric: true },
  { key: 'polsbyPopper', label: 'P-P', title: 'Polsby-Popper compactness, 0-1 (1 = a circle)', numeric: true },
  { key: 'driveMean', label: 'Drive', title: 'Mean drive time from the rep’s home base, minutes (weighted by potential)', numeric: true },
];

export function MetricsTable(props: MetricsTableProps) {
  const { rows, unassigned, colours, repNames, tolerancePct, sort, onSort, target, onTarget, scroller } = props;
  const body = useRef<HTMLTableSectionElement>(null);
  const view = useVirtualWindow({ scroller, items: body, count: rows.length, itemSize: ROW_HEIGHT, axis: 'y', overscan: OVERSCAN_ROWS, enabled: rows.length > FULL_TABLE_ROWS });
  return (
    <table className="metrics-table" data-testid="metrics-table">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th
              key={c.key}
              className={c.numeric ? 'num' : undefined}
              aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
            >
              <button type="button" title={`${c.title}. Click to sort.`} onClick={() => onSort(c.key)} data-testid={`sort-${c.key}`}>
                {c.label}
                <span className="metrics-table__arrow" aria-hidden="true">
                  {sort.key === c.key ? (sort.descending ? '▼' : '▲') : ''}
                </span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody ref={body}>
        {view.before > 0 && <Spacer height={view.before} />}
        {rows.slice(view.start, view.end).map((t) => (
          <MetricsRow
            key={t.id}
            t={t}
            colour={colours.get(t.id) ?? '#999'}
            repName={t.repId ? (repNames.get(t.repId) ?? 'rep') : 'no rep'}
            tolerancePct={tolerancePct}
            selected={target === t.id}
            onTarget={onTarget}
          />
        ))}
        {view.after > 0 && <Spacer height={view.after} />}
      </tbody>
      <tfoot>
        <tr
          className={target === null ? 'is-selected' : undefined}
          aria-selected={target === null}
          onClick={() => onTarget(null)}
          data-testid="territory-row-unassigned"
          title="Units in no territory. Click to paint with “unassign”."
        >
          <td className="metrics-table__name">
            <span className="swatch swatch--unassigned" />
            <span className="metrics-table__label">Unassigned</span>
          </td>
          <td className="num" data-testid="units" data-value={unassigned.units}>
            {formatCount(unassigned.units)}
          </td>
          <td className="num" data-testid="accounts" data-value={unassigned.accounts}>
            {formatCount(unassigned.accounts)}
          </td>
          <td className="num" data-testid="potential" data-value={unassigned.potential}>
            {formatMoney(unassigned.potential)}
          </td>
          <td colSpan={4} />
        </tr>
      </tfoot>
    </table>
  );
}

/** Stands in for the rows not rendered; no test id, so tests reading rows never see it. */
function Spacer({ height }: { height: number }) {
  return (
    <tr className="metrics-table__spacer" aria-hidden="true">
      <td colSpan={COLUMNS.length} style={{ height }} />
    </tr>
  );
}

interface MetricsRowProps {
  t: TerritoryMetrics;
  colour: string;
  repName: string;
  tolerancePct: number;
  selected: boolean;
  onTarget(target: string | null): void;
}

/**
 * One territory row. The report is a new object per plan version, but an edit changes the figures
 * of a few territories only: the row re-renders when what it shows changed, so an edit re-renders
 * a handful of the (up to 500) rows instead of all of them.
 */
const MetricsRow = memo(function MetricsRow({ t, colour, repName, tolerancePct, selected, onTarget }: MetricsRowProps) {
  const d = t.compositeDeviationPct;
  const out = d !== null && Math.abs(d) > tolerancePct;
  return (
    <tr className={selected ? 'is-selected' : undefined} aria-selected={selected} onClick={() => onTarget(t.id)} data-testid={`territory-row-${t.id}`}>
      <td className="metrics-table__name" title={`${t.name} — ${repName}. Click to paint with it.`}>
        <span className="swatch" style={{ background: colour }} />
        <span className="metrics-table__label" data-testid="name">
          {t.name}
        </span>
      </td>
      <td className="num" data-testid="units" data-value={t.units}>
        {formatCount(t.units)}
      </td>
      <td className="num" data-testid="accounts" data-value={t.accounts}>
        {formatCount(t.accounts)}
      </td>
      <td className="num" data-testid="potential" data-value={t.potential} title={`$${formatCount(t.potential)}`}>
        {formatMoney(t.potential)}
      </td>
      <td className={`num${out ? ' text-danger' : ''}`} data-testid="deviation" data-value={d ?? ''} title={perFieldText(t)}>
        {formatPct(d)}
      </td>
      <td className={`num${t.pieces > 1 ? ' text-warn' : ''}`} data-testid="pieces" data-value={t.pieces}>
        {t.pieces}
      </td>
      <td className="num" data-testid="polsby-popper" data-value={t.polsbyPopper ?? ''}>
        {t.polsbyPopper === null ? '–' : t.polsbyPopper.toFixed(2)}
      </td>
      <td className="num" data-testid="drive-mean" data-value={t.driveMin.mean ?? ''}>
        {t.driveMin.mean === null ? '–' : Math.round(t.driveMin.mean)}
      </td>
    </tr>
  );
}, sameRow);

function perFieldText(t: TerritoryMetrics): string {
  return Object.entries(t.deviationPct)
    .map(([f, v]) => `${f} ${formatPct(v)}`)
    .join(', ');
}

function sameRow(a: MetricsRowProps, b: MetricsRowProps): boolean {
  if (a.colour !== b.colour || a.repName !== b.repName || a.tolerancePct !== b.tolerancePct || a.selected !== b.selected || a.onTarget !== b.onTarget) return false;
  const [x, y] = [a.t, b.t];
  return (
    x === y ||
    (x.id === y.id &&
      x.name === y.name &&
      x.units === y.units &&
      x.accounts === y.accounts &&
      x.potential === y.potential &&
      x.compositeDeviationPct === y.compositeDeviationPct &&
      x.pieces === y.pieces &&
      x.polsbyPopper === y.polsbyPopper &&
      x.driveMin.mean === y.driveMin.mean &&
      sameDeviations(x.deviationPct, y.deviationPct))
  );
}

function sameDeviations(a: Record<string, number | null>, b: Record<string, number | null>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
