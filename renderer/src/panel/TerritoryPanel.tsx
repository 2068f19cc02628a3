/**
 * The territory panel, fed by the live metrics engine: plan summary, balance fields and
 * tolerance, the deviation chart, warnings, region totals, the sortable table and the drive-time source.
 * Clicking a row (or a bar, or a warning) makes that territory the paint target.
 */
import { useMemo, useRef, useState } from 'react';
import type { Region, Rep, Territory } from '../../../shared/model/project.ts';
import type { BalanceField, MetricsReport } from '../../../shared/metrics/types.ts';
import { nextSort, planWarnings, sortTerritories, type SortState } from '../../../shared/plan/metrics-table.ts';
import { BalanceControls, type BalanceOption } from './BalanceControls.tsx';
import { DeviationChart } from './DeviationChart.tsx';
import { MetricsTable } from './MetricsTable.tsx';
import { PlanSummary } from './PlanSummary.tsx';
import { PlanWarnings } from './PlanWarnings.tsx';
import { RegionsSection } from './RegionsSection.tsx';
import './panel.css';

/** The paint target: a territory id, or null for "unassign". */
export type PaintTarget = string | null;

export interface TerritoryPanelProps {
  report: MetricsReport;
  territories: readonly Territory[];
  /** The plan's regions (mutated in place; `territories` changes with every plan version). */
  regions?: ReadonlyMap<string, Region>;
  reps: readonly Rep[];
  balanceOptions: readonly BalanceOption[];
  balance: readonly BalanceField[];
  onBalance(fields: BalanceField[]): void;
  tolerancePct: number;
  onTolerance(pct: number): void;
  target: PaintTarget;
  onTarget(target: PaintTarget): void;
  islandNames(territoryId: string): string[];
  onRecolour(): void;
  /** With road-network times: how many drive targets fall back to the estimate (renderer/src/drive-time/). */
  driveFallbackNote?: string;
}

export function TerritoryPanel(props: TerritoryPanelProps) {
  const { report, territories, reps, balanceOptions, balance, onBalance, tolerancePct, onTolerance, target, onTarget } = props;
  const [sort, setSort] = useState<SortState>({ key: 'name', descending: false });
  // The body scrolls the chart, warnings, regions and the table: the table windows its rows by it.
  const body = useRef<HTMLDivElement>(null);
  const repNames = useMemo(() => new Map(reps.map((r) => [r.id, r.name])), [reps]);
  const colours = useMemo(() => new Map(territories.map((t) => [t.id, t.color])), [territories]);
  const labels = useMemo(() => new Map(balanceOptions.map((o) => [o.field, o.label])), [balanceOptions]);
  const rows = useMemo(() => sortTerritories(report.territories, sort), [report, sort]);
  const warnings = useMemo(() => planWarnings(report.territories, tolerancePct), [report, tolerancePct]);
  const balanceText = report.plan.balanceFields
    .map((b) => `${labels.get(b.field) ?? b.field}${report.plan.balanceFields.length > 1 && b.weight !== 1 ? ` ×${b.weight}` : ''}`)
    .join(' + ');

  return (
    <aside className="panel metrics-panel" aria-label="Territories" data-testid="metrics-panel">
      {/* Absolutely placed in the panel: its own relayout boundary (a grid item is not one). */}
      <div className="metrics-panel__frame">
        <header className="metrics-panel__header">
          <div className="metrics-panel__titlebar">
            <div className="panel__title">
              Territories <span className="panel__count">{report.territories.length}</span>
            </div>
            <button
              type="button"
              className="button button--small"
              onClick={props.onRecolour}
              title="Give every territory a colour no neighbour has (Okabe-Ito, colour-blind safe); colours you picked yourself are kept. One undo step."
              data-testid="recolour"
            >
              Recolour automatically
            </button>
          </div>
          <PlanSummary plan={report.plan} rows={report.territories} tolerancePct={tolerancePct} labels={labels} />
          <BalanceControls options={balanceOptions} balance={balance} onBalance={onBalance} tolerancePct={tolerancePct} onTolerance={onTolerance} />
        </header>
        <div className="metrics-panel__body" ref={body}>
          <section className="metrics-panel__section">
            <h3>
              Deviation from target{' '}
              <span className="metrics-panel__muted">
                ({balanceText}; target = mean; <span className="metrics-panel__band-key" /> band ±{tolerancePct}%)
              </span>
            </h3>
            <DeviationChart rows={rows} colours={colours} tolerancePct={tolerancePct} selectedId={target} onSelect={onTarget} />
          </section>
          <section className="metrics-panel__section">
            <PlanWarnings warnings={warnings} islandNames={props.islandNames} onSelect={onTarget} />
          </section>
          <RegionsSection regions={props.regions} territories={territories} report={report} tolerancePct={tolerancePct} />
          <MetricsTable
            rows={rows}
            unassigned={report.plan.unassigned}
            colours={colours}
            repNames={repNames}
            tolerancePct={tolerancePct}
            sort={sort}
            onSort={(key) => setSort((s) => nextSort(s, key))}
            target={target}
            onTarget={onTarget}
            scroller={body}
          />
        </div>
        <footer className="metrics-panel__footer" data-testid="drive-source" title={report.plan.driveTimeProvider}>
          <strong>Drive times:</strong> {driveSourceText(report.plan.driveTimeProvider)}
          {props.driveFallbackNote && <span data-testid="drive-fallback"> {props.driveFallbackNote}</span>}
        </footer>
      </div>
    </aside>
  );
}

/** "Estimate: ..." (straight line) or the road network's own label. */
function driveSourceText(label: string): string {
  return /^estimate/i.test(label) ? `straight-line estimate, not road network. ${label.replace(/^estimate:\s*/i, '')}.` : `road network. ${label}`;
}
