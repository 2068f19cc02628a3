/** One row of the territory panel; the whole row is the button that makes it the paint target. */
import type { TerritoryTotals } from '../../../shared/plan/territory-summary.ts';
import { formatCount, formatDeviation, formatMoney } from '../util/format.ts';
import { BALANCE_TOLERANCE, DeviationBar } from './DeviationBar.tsx';

export interface TerritoryRowProps {
  testId: string;
  name: string;
  /** CSS colour of the swatch. */
  color: string;
  repName: string | null;
  totals: TerritoryTotals;
  /** Omitted for the Unassigned row, which takes no part in balancing. */
  deviation?: number;
  selected: boolean;
  onSelect(): void;
}

export function TerritoryRow(props: TerritoryRowProps) {
  const { testId, name, color, repName, totals, deviation, selected, onSelect } = props;
  const out = deviation !== undefined && Math.abs(deviation) > BALANCE_TOLERANCE;
  return (
    <li>
      <button
        type="button"
        className={`territory-row${selected ? ' territory-row--selected' : ''}`}
        data-testid={testId}
        aria-pressed={selected}
        onClick={onSelect}
      >
        <span className="territory-row__swatch" style={{ background: color }} />
        <span className="territory-row__head">
          <span className="territory-row__name">{name}</span>
          <span className="territory-row__rep">{repName ?? (deviation === undefined ? 'Not in any territory' : 'No rep')}</span>
        </span>
        <span className="territory-row__potential numeric" data-testid="potential" title={`$${formatCount(totals.potential)}`}>
          {formatMoney(totals.potential)}
        </span>
        <span className="territory-row__counts">
          <span className="numeric" data-testid="units">
            {formatCount(totals.units)}
          </span>{' '}
          units ·{' '}
          <span className="numeric" data-testid="accounts">
            {formatCount(totals.accounts)}
          </span>{' '}
          accounts
        </span>
        {deviation !== undefined && (
          <span className="territory-row__deviation">
            <DeviationBar deviation={deviation} />
            <span className={`numeric${out ? ' text-danger' : ''}`} data-testid="deviation">
              {formatDeviation(deviation)}
            </span>
          </span>
        )}
      </button>
    </li>
  );
}
