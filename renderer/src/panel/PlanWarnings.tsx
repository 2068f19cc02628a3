/**
 * Warnings under the summary: territories outside the tolerance band, territories in several
 * pieces (hover lists the cut-off units, looked up only then) and outliers of drive time and shape.
 */
import { memo, useCallback, useState } from 'react';
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
  const onHoverPieces = useCallback((territoryId: string) => setIslands({ id: territoryId, names: islandNames(territoryId) }), [islandNames]);
  if (warnings.length === 0) {
    return (
      <div className="plan-warnings plan-warnings--clear" data-testid="warnings">
        No warnings: every territory is within tolerance and in one piece.
      </div>
    );
  }
  return (
    <ul className="plan-warnings" data-testid="warnings">
      {warnings.map((w) => (
        <WarningItem
          key={`${w.kind}-${w.territoryId}`}
          warning={w}
          islandNames={w.kind === 'pieces' && islands?.id === w.territoryId ? islands.names : null}
          onHoverPieces={onHoverPieces}
          onSelect={onSelect}
        />
      ))}
    </ul>
  );
}

interface WarningItemProps {
  warning: PlanWarning;
  /** The cut-off units, once the pointer has been over a "pieces" warning. */
  islandNames: string[] | null;
  onHoverPieces(territoryId: string): void;
  onSelect(territoryId: string): void;
}

/**
 * One warning. The list is rebuilt on every edit (hundreds of items on a 500-territory plan), but
 * an edit changes few of them: an item whose text is the same is not rendered again.
 */
const WarningItem = memo(
  function WarningItem({ warning: w, islandNames: names, onHoverPieces, onSelect }: WarningItemProps) {
    const title = names ? `Cut off: ${names.slice(0, MAX_LISTED).join(', ')}${names.length > MAX_LISTED ? ` and ${names.length - MAX_LISTED} more` : ''}` : undefined;
    return (
      <li
        className={`plan-warning plan-warning--${w.kind}`}
        title={title}
        data-testid={`warning-${w.kind}-${w.territoryId}`}
        data-islands={names ? names.join('|') : undefined}
        onMouseEnter={() => w.kind === 'pieces' && onHoverPieces(w.territoryId)}
        onClick={() => onSelect(w.territoryId)}
      >
        <span className="plan-warning__icon" aria-hidden="true">
          {ICON[w.kind]}
        </span>
        {w.message}
      </li>
    );
  },
  (a, b) =>
    a.warning.message === b.warning.message &&
    a.warning.kind === b.warning.kind &&
    a.warning.territoryId === b.warning.territoryId &&
    a.islandNames === b.islandNames &&
    a.onHoverPieces === b.onHoverPieces &&
    a.onSelect === b.onSelect,
);
