/**
 * Warnings under the summary: territories outside the tolerance band, territories in several
 * pieces (hover lists the cut-off units, looked up only then) and outliers of drive time and shape.
 */
import { useState } from 'react';
import type { PlanWarning } from '../../../shared/plan/metrics-table.ts';

export interface PlanWarningsProps {
  warnings: readonly PlanWarning[];
  /** Names of the units cut off from a territory's main piece. */
  islandNames(territoryId: string): string[];
  onSelect(territoryId: string): void;
}

const ICON: Record<PlanWarning['kind'], string> = { over: '▲', under: '▼', pieces: '◇', drive: '⏱', compactness: '⬭' };
const MAX_LISTED = 25;

export function PlanWarnings({ warnings, islandNames, onSelect }: PlanWarningsProps) {
  const [islands, setIslands] = useState<{ id: string; names: string[] } | null>(null);
  if (warnings.length === 0) {
    return (
      <div className="plan-warnings plan-warnings--clear" data-testid="warnings">
        No warnings: every territory is within tolerance and in one piece.
      </div>
    );
  }
  return (
    <ul className="plan-warnings" data-testid="warnings">
      {warnings.map((w) => {
        const names = w.kind === 'pieces' && islands?.id === w.territoryId ? islands.names : null;
        const title = names
          ? `Cut off: ${names.slice(0, MAX_LISTED).join(', ')}${names.length > MAX_LISTED ? ` and ${names.length - MAX_LISTED} more` : ''}`
          : undefined;
        return (
          <li
            key={`${w.kind}-${w.territoryId}`}
            className={`plan-warning plan-warning--${w.kind}`}
            title={title}
            data-testid={`warning-${w.kind}-${w.territoryId}`}
            data-islands={names ? names.join('|') : undefined}
            onMouseEnter={() => w.kind === 'pieces' && setIslands({ id: w.territoryId, names: islandNames(w.territoryId) })}
            onClick={() => onSelect(w.territoryId)}
          >
            <span className="plan-warning__icon" aria-hidden="true">
              {ICON[w.kind]}
            </span>
            {w.message}
          </li>
        );
      })}
    </ul>
  );
}
