/** The running optimization: stage, a progress bar from main's `alignProgress` events, and the worst deviation so far. */
import type { AlignProgress } from '../../../shared/align/types.ts';

const STAGES: Record<AlignProgress['phase'], string> = {
  prepare: 'Reading the plan and the unit neighbours',
  construct: 'Drawing first territories',
  search: 'Trading boundary units to balance',
  polish: 'Polishing',
  done: 'Saving the new scenario',
};

export function OptimizeProgressView({ progress, elapsedS }: { progress: AlignProgress | null; elapsedS: number }) {
  const percent = Math.round((progress?.fraction ?? 0) * 100);
  const deviation = progress && Number.isFinite(progress.maxAbsDeviationPct) && progress.phase !== 'prepare' ? progress.maxAbsDeviationPct : null;
  return (
    <div className="optimize optimize--progress" data-testid="optimize-progress">
      <div className="optimize__stage">
        <span className="spinner spinner--small" aria-hidden="true" />
        <strong data-testid="optimize-stage">{progress ? STAGES[progress.phase] : 'Starting…'}</strong>
      </div>
      <div className="optimize__bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div style={{ width: `${Math.max(2, percent)}%` }} />
      </div>
      <div className="optimize__progress-figures">
        <span className="numeric" data-testid="optimize-percent">{percent}%</span>
        {deviation !== null && (
          <span>
            worst deviation now <span className="numeric" data-testid="optimize-live-deviation">{deviation.toFixed(1)}%</span>
          </span>
        )}
        <span className="numeric">{elapsedS.toFixed(0)} s</span>
      </div>
      <p className="optimize__hint">Your plan is not touched while this runs. Cancel leaves the project exactly as it was.</p>
    </div>
  );
}
