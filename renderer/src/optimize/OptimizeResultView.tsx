/**
 * What an optimization saved: per field the worst |deviation| against the lower bound that
 * indivisible units impose, contiguity, units moved and time. The map behind shows the compare view.
 */
import type { AlignSummary } from '../../../shared/api/contract.ts';
import { formatCount } from '../util/format.ts';

export function OptimizeResultView({ summary, labelOf }: { summary: AlignSummary; labelOf(field: string): string }) {
  const fields = Object.keys(summary.maxAbsDeviationPct);
  const movedPct = summary.unitsTotal > 0 ? (summary.unitsMoved / summary.unitsTotal) * 100 : 0;
  return (
    <div className="optimize optimize--result" data-testid="optimize-result">
      <p className="optimize__lead">
        Saved as <strong data-testid="optimize-result-name">{summary.scenario.name}</strong>, now active, compared with “{summary.previous.name}”
        (changed units are outlined on the map).
      </p>
      <table className="optimize__table">
        <thead>
          <tr>
            <th>Field</th>
            <th className="numeric">Max |deviation|</th>
            <th className="numeric" title="No plan can do better: some units are too big to share">Lower bound</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => {
            const dev = summary.maxAbsDeviationPct[field]!;
            const bound = summary.lowerBoundPct[field] ?? 0;
            const ok = dev <= Math.max(summary.tolerancePct, bound) + 1e-9;
            return (
              <tr key={field} data-testid={`optimize-result-${field}`}>
                <td>{labelOf(field)}</td>
                <td className="numeric" data-testid="result-deviation">{dev.toFixed(2)}%</td>
                <td className="numeric">{bound.toFixed(2)}%</td>
                <td>
                  <span className={`optimize__chip${ok ? ' is-ok' : ' is-off'}`}>{ok ? `within ±${summary.tolerancePct}%` : `above ±${summary.tolerancePct}%`}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl className="optimize__stats">
        <div>
          <dt>Territories</dt>
          <dd className="numeric" data-testid="result-territories">{summary.territories}</dd>
        </div>
        <div>
          <dt>Pieces</dt>
          <dd className="numeric" data-testid="result-pieces" title={`${summary.forcedPieces} forced by islands and locks`}>
            {summary.pieces}
            {summary.splitTerritories > 0 ? ` · ${summary.splitTerritories} split` : summary.pieces > summary.territories ? ' (islands)' : ''}
          </dd>
        </div>
        <div>
          <dt>Units moved</dt>
          <dd className="numeric" data-testid="result-moved" title="Units whose rep (or, where there is no rep, territory) differs from the previous plan">
            {formatCount(summary.unitsMoved)} <span className="optimize__faint">of {formatCount(summary.unitsTotal)} ({movedPct.toFixed(1)}%)</span>
          </dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd className="numeric" data-testid="result-seconds">{summary.seconds.toFixed(1)} s</dd>
        </div>
      </dl>
      {(summary.lockedUnits > 0 || summary.lockedTerritories > 0) && (
        <p className="optimize__hint">Kept locked: {summary.lockedTerritories} territories, {summary.lockedUnits} units.</p>
      )}
      {summary.disruptionNote && (
        <p className="optimize__warning" data-testid="result-disruption-note">
          {summary.disruptionNote}
        </p>
      )}
      {summary.timedOut && <p className="optimize__warning">The run hit its time limit; another seed may do better.</p>}
    </div>
  );
}
