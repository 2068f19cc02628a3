/**
 * Warnings under the summary: territories outside the tolerance band, territories in several
 * pieces (hover lists the cut-off units, looked up only then) and outliers of drive time and shape.
 * A 500-territory plan can have hundreds: the small scroll box then renders only those in view.
 */
import { memo, useCallback, useRef, useState } from 'react';
import type { PlanWarning } from '../../../shared/plan/metrics-table.ts';
import { useVirtualWindow } from './use-virtual-window.ts';

export interface PlanWarningsProps {
  warnings: readonly PlanWarning[];
  /** Names of the units cut off from a territory's main piece. */
  islandNames(territoryId: string): string[];
  onSelect(territoryId: string): void;
}

const ICON: Record<PlanWarning['kind'], string> = { over: '▲', under: '▼', pieces: '◇', drive: '⏱', compactness: '⬭' };
const MAX_LISTED = 25;
/** One warning's height, px (panel.css): one line, a longer text ends in "…" and shows whole on hover. */
const WARNING_HEIGHT = 21;
/** Up to this many warnings are all rendered; more are windowed to the ones in view. */
const FULL_LIST = 40;
const OVERSCAN = 6;

export function PlanWarnings({ warnings, islandNames, onSelect }: PlanWarningsProps) {
  const [islands, setIslands] = useState<{ id: string; names: string[] } | null>(null);
  const onHoverPieces = useCallback((territoryId: string) => setIslands({ id: territoryId, names: islandNames(territoryId) }), [islandNames]);
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const view = useVirtualWindow({ scroller, items: list, count: warnings.length, itemSize: WARNING_HEIGHT, axis: 'y', overscan: OVERSCAN, enabled: warnings.length > FULL_LIST });
  if (warnings.length === 0) {
    return (
      <div className="plan-warnings plan-warnings--clear" data-testid="warnings">
        No warnings: every territory is within tolerance and in one piece.
      </div>
    );
  }
  return (
    <div className="plan-warnings" data-testid="warnings" ref={scroller}>
      <ul className="plan-warnings__list" ref={list} style={{ paddingTop: view.before, paddingBottom: view.after }}>
        {warnings.slice(view.start, view.end).map((w) => (
          <WarningItem
            key={`${w.kind}-${w.territoryId}`}
            warning={w}
            islandNames={w.kind === 'pieces' && islands?.id === w.territoryId ? islands.names : null}
            onHoverPieces={onHoverPieces}
            onSelect={onSelect}
          />
        ))}
      </ul>
    </div>
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
    const title = names ? `Cut off: ${names.slice(0, MAX_LISTED).join(', ')}${names.length > MAX_LISTED ? ` and ${names.length - MAX_LISTED} more` : ''}` : w.message;
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
        <span className="plan-warning__text">{w.message}</span>
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
