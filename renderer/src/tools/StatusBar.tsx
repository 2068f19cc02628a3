/** The status bar under the map: selection totals and the buttons that act on the selection. */
import type { SelectionTotals } from './selection-totals.ts';
import { formatCount, formatMoney } from '../util/format.ts';

export interface StatusBarProps {
  totals: SelectionTotals;
  /** Name of the paint target ("Unassigned" for null). */
  targetName: string;
  targetLocked: boolean;
  toolHint: string;
  onAssign(): void;
  onClear(): void;
  /** How many selected units are locked; with `onLock`, shows Lock / Unlock buttons. */
  lockedSelected?: number;
  onLock?(locked: boolean): void;
}

export function StatusBar({ totals, targetName, targetLocked, toolHint, onAssign, onClear, lockedSelected = 0, onLock }: StatusBarProps) {
  return (
    <div className="statusbar" data-testid="statusbar" onClick={(e) => e.stopPropagation()} onPointerDown={(e) => e.stopPropagation()}>
      {totals.units === 0 ? (
        <span className="statusbar__hint">{toolHint}</span>
      ) : (
        <>
          <span className="statusbar__figures">
            <strong className="numeric" data-testid="selection-units">{formatCount(totals.units)}</strong> selected ·{' '}
            <span className="numeric" data-testid="selection-accounts">{formatCount(totals.accounts)}</span> accounts ·{' '}
            <span className="numeric" data-testid="selection-potential">{formatMoney(totals.potential)}</span>
            {totals.population !== null && (
              <>
                {' '}· <span className="numeric" data-testid="selection-population">{formatCount(totals.population)}</span> people
              </>
            )}
          </span>
          <button
            type="button"
            className="button button--primary"
            disabled={targetLocked}
            title={targetLocked ? `${targetName} is locked` : `Assign the selection to ${targetName} (Enter)`}
            onClick={onAssign}
            data-testid="assign-selection"
          >
            Assign to {targetName}
          </button>
          {onLock && lockedSelected < totals.units && (
            <button type="button" className="button" onClick={() => onLock(true)} title="Keep the selected units in their territory (K)" data-testid="lock-selection">
              Lock
            </button>
          )}
          {onLock && lockedSelected > 0 && (
            <button type="button" className="button" onClick={() => onLock(false)} title="Let tools and the optimizer move these units again (Shift+K)" data-testid="unlock-selection">
              Unlock {lockedSelected === totals.units ? '' : formatCount(lockedSelected)}
            </button>
          )}
          <button type="button" className="button" onClick={onClear} title="Clear the selection (Esc)" data-testid="clear-selection">
            Clear
          </button>
        </>
      )}
    </div>
  );
}
