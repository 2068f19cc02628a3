/**
 * The territory panel: one row per territory with its units, accounts, potential and deviation
 * from the mean potential, plus Unassigned. Clicking a row selects it as the paint target.
 */
import { useMemo } from 'react';
import type { Rep, Territory } from '../../../shared/model/project.ts';
import type { TerritorySummary } from '../../../shared/plan/territory-summary.ts';
import { formatCount, formatMoney } from '../util/format.ts';
import { TerritoryRow } from './TerritoryRow.tsx';
import { BALANCE_TOLERANCE } from './DeviationBar.tsx';

/** The paint target: a territory id, or null for "unassign". */
export type PaintTarget = string | null;

export interface TerritoryPanelProps {
  territories: Territory[];
  reps: Rep[];
  summary: TerritorySummary;
  target: PaintTarget;
  onTarget(target: PaintTarget): void;
}

export function TerritoryPanel({ territories, reps, summary, target, onTarget }: TerritoryPanelProps) {
  const repNames = useMemo(() => new Map(reps.map((r) => [r.id, r.name])), [reps]);
  const rowsById = new Map(summary.rows.map((r) => [r.territoryId, r]));
  const outside = summary.rows.filter((r) => Math.abs(r.deviation) > BALANCE_TOLERANCE).length;
  return (
    <aside className="panel" aria-label="Territories">
      <header className="panel__header">
        <div className="panel__title">
          Territories <span className="panel__count">{territories.length}</span>
        </div>
        <div className="panel__subtitle">Balanced on account potential</div>
        <dl className="panel__stats">
          <div>
            <dt>Mean potential</dt>
            <dd className="numeric">{formatMoney(summary.meanPotential)}</dd>
          </div>
          <div>
            <dt>Outside ±10%</dt>
            <dd className={`numeric${outside > 0 ? ' text-danger' : ''}`} data-testid="outside-count">
              {outside} of {territories.length}
            </dd>
          </div>
          <div>
            <dt>Unassigned</dt>
            <dd className="numeric">{formatCount(summary.unassigned.units)} units</dd>
          </div>
        </dl>
        <div className="panel__hint">Select a territory, then click counties on the map to assign them to it.</div>
      </header>
      <ul className="panel__list">
        {territories.map((t) => {
          const row = rowsById.get(t.id);
          if (!row) return null;
          return (
            <TerritoryRow
              key={t.id}
              testId={`territory-row-${t.id}`}
              name={t.name}
              color={t.color}
              repName={t.repId ? (repNames.get(t.repId) ?? null) : null}
              totals={row}
              deviation={row.deviation}
              selected={target === t.id}
              onSelect={() => onTarget(t.id)}
            />
          );
        })}
        <TerritoryRow
          testId="territory-row-unassigned"
          name="Unassigned"
          color="var(--unassigned)"
          repName={null}
          totals={summary.unassigned}
          selected={target === null}
          onSelect={() => onTarget(null)}
        />
      </ul>
    </aside>
  );
}
