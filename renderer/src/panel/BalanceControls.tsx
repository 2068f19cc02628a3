/**
 * What the plan is balanced on and how much deviation is tolerated: one toggle per balance field
 * (built-ins units, accounts, potential, then the project's numeric unit fields), a weight per
 * selected field when several are combined, and the tolerance in percent. Memoized: its props
 * do not change with an edit, so an edit does not re-render it.
 */
import { memo } from 'react';
import type { BalanceField } from '../../../shared/metrics/types.ts';

export interface BalanceOption {
  field: string;
  label: string;
}

export interface BalanceControlsProps {
  options: readonly BalanceOption[];
  balance: readonly BalanceField[];
  onBalance(fields: BalanceField[]): void;
  tolerancePct: number;
  onTolerance(pct: number): void;
}

export const BalanceControls = memo(function BalanceControls({ options, balance, onBalance, tolerancePct, onTolerance }: BalanceControlsProps) {
  const weightOf = new Map(balance.map((b) => [b.field, b.weight ?? 1]));
  const toggle = (field: string) => {
    if (weightOf.has(field)) {
      if (balance.length > 1) onBalance(balance.filter((b) => b.field !== field));
    } else onBalance([...balance, { field, weight: 1 }]);
  };
  const setWeight = (field: string, weight: number) => {
    if (Number.isFinite(weight) && weight >= 0) onBalance(balance.map((b) => (b.field === field ? { field, weight } : b)));
  };
  return (
    <div className="balance-controls">
      <div className="balance-controls__label">Balance on</div>
      <div className="balance-controls__fields" role="group" aria-label="Balance fields">
        {options.map((o) => {
          const on = weightOf.has(o.field);
          return (
            <span key={o.field} className={`chip${on ? ' chip--on' : ''}`}>
              <button type="button" aria-pressed={on} onClick={() => toggle(o.field)} data-testid={`balance-${o.field}`}>
                {o.label}
              </button>
              {on && balance.length > 1 && (
                <input
                  type="number"
                  min={0}
                  step={0.5}
                  value={weightOf.get(o.field)}
                  aria-label={`Weight of ${o.label}`}
                  title={`Weight of ${o.label} in the combined deviation`}
                  onChange={(e) => setWeight(o.field, Number(e.target.value))}
                  data-testid={`weight-${o.field}`}
                />
              )}
            </span>
          );
        })}
      </div>
      <label className="balance-controls__tolerance">
        Tolerance ±
        <input
          type="number"
          min={1}
          max={100}
          step={1}
          value={tolerancePct}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isFinite(v) && v > 0 && v <= 100) onTolerance(v);
          }}
          data-testid="tolerance"
        />
        %
      </label>
    </div>
  );
});
