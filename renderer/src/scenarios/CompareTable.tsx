/** Per-territory deltas of the active scenario against the compared one: units, accounts, potential. */
import type { ScenarioComparison } from '../../../shared/scenario/compare.ts';
import { formatCount, formatMoney } from '../util/format.ts';

function signed(value: number, format: (v: number) => string): string {
  if (value === 0) return '0';
  return `${value > 0 ? '+' : '−'}${format(Math.abs(value))}`;
}

export function CompareTable({ comparison, baseName }: { comparison: ScenarioComparison; baseName: string }) {
  const changed = comparison.deltas.filter((d) => d.units.delta !== 0 || d.accounts.delta !== 0 || !d.inBase || !d.inCurrent);
  return (
    <div className="compare" data-testid="compare">
      <p className="compare__summary">
        <strong className="numeric" data-testid="compare-changed-units">{formatCount(comparison.changedUnits.length)}</strong> units and{' '}
        <strong className="numeric" data-testid="compare-changed-accounts">{formatCount(comparison.changedAccounts)}</strong> accounts changed
        territory since “{baseName}”. They are outlined on the map.
      </p>
      {changed.length === 0 ? (
        <p className="studio-empty">The two plans assign every unit the same way.</p>
      ) : (
        <table className="compare__table">
          <thead>
            <tr>
              <th>Territory</th>
              <th className="numeric">Units</th>
              <th className="numeric">Accounts</th>
              <th className="numeric">Potential</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((d) => (
              <tr key={d.territoryId} data-testid={`compare-row-${d.territoryId}`}>
                <td>
                  <span className="territory-editor__swatch" style={{ background: d.color }} /> {d.name}
                  {!d.inBase && <span className="badge">new</span>}
                  {!d.inCurrent && <span className="badge">deleted</span>}
                </td>
                <td className={`numeric${d.units.delta < 0 ? ' text-danger' : ''}`} data-testid="delta-units">{signed(d.units.delta, formatCount)}</td>
                <td className="numeric" data-testid="delta-accounts">{signed(d.accounts.delta, formatCount)}</td>
                <td className="numeric" data-testid="delta-potential">{signed(d.potential.delta, formatMoney)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
