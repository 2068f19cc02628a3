/** The plan at a glance: worst deviation, territories outside tolerance, unassigned units and accounts, pieces. */
import type { PlanMetrics, TerritoryMetrics } from '../../../shared/metrics/types.ts';
import { formatCount } from '../util/format.ts';
import { BUILTIN_LABELS } from './metrics-format.ts';

export interface PlanSummaryProps {
  plan: PlanMetrics;
  rows: readonly TerritoryMetrics[];
  tolerancePct: number;
  labels: ReadonlyMap<string, string>;
}

export function PlanSummary({ plan, rows, tolerancePct, labels }: PlanSummaryProps) {
  const outside = rows.filter((r) => r.compositeDeviationPct !== null && Math.abs(r.compositeDeviationPct) > tolerancePct).length;
  const maxAbs = plan.compositeMaxAbsDeviationPct;
  const perField = plan.balanceFields
    .map((b) => `${labels.get(b.field) ?? BUILTIN_LABELS[b.field] ?? b.field}: ±${(plan.maxAbsDeviationPct[b.field] ?? 0).toFixed(1)}%`)
    .join(', ');
  const unassignedUnits = plan.unassigned.units;
  const unassignedAccounts = plan.unassigned.accounts;
  return (
    <dl className="plan-summary">
      <div title={`Largest |deviation| per field — ${perField}`}>
        <dt>Max |deviation|</dt>
        <dd className={`numeric${maxAbs > tolerancePct ? ' text-danger' : ''}`} data-testid="max-deviation" data-value={maxAbs}>
          {maxAbs.toFixed(1)}%
        </dd>
      </div>
      <div>
        <dt>Outside ±{tolerancePct}%</dt>
        <dd className={`numeric${outside > 0 ? ' text-danger' : ''}`} data-testid="outside-count">
          {outside} of {rows.length}
        </dd>
      </div>
      <div title="Units in no territory, and accounts in them or in no unit at all">
        <dt>Unassigned</dt>
        <dd className={`numeric${unassignedUnits + unassignedAccounts > 0 ? ' text-warn' : ''}`}>
          <span data-testid="unassigned-units" data-value={unassignedUnits}>
            {formatCount(unassignedUnits)}
          </span>{' '}
          units ·{' '}
          <span data-testid="unassigned-accounts" data-value={unassignedAccounts}>
            {formatCount(unassignedAccounts)}
          </span>{' '}
          acc.
        </dd>
      </div>
      <div>
        <dt>Split</dt>
        <dd className={`numeric${plan.nonContiguousTerritories > 0 ? ' text-warn' : ''}`} data-testid="non-contiguous">
          {plan.nonContiguousTerritories} in pieces
        </dd>
      </div>
    </dl>
  );
}
