/** The Optimize dialog's settings: what to build, fields and weights, tolerance, disruption, seed, locks. */
import type { FieldChoice, OptimizeForm } from './optimize-form.ts';
import { addField, removeField, setWeight } from './optimize-form.ts';

export interface LockSummary {
  territories: number;
  units: number;
  /** Locked units whose territory is not locked: a new plan cannot keep them. */
  unitsOutsideLockedTerritories: number;
}

export interface OptimizeFormViewProps {
  form: OptimizeForm;
  onChange(form: OptimizeForm): void;
  choices: FieldChoice[];
  reps: number;
  currentTerritories: number;
  locks: LockSummary;
}

export function OptimizeFormView({ form, onChange, choices, reps, currentTerritories, locks }: OptimizeFormViewProps) {
  const set = (patch: Partial<OptimizeForm>) => onChange({ ...form, ...patch });
  const labelOf = (field: string) => choices.find((c) => c.field === field)?.label ?? field;
  const unused = choices.filter((c) => !form.fields.some((f) => f.field === c.field));
  const total = form.fields.reduce((sum, f) => sum + f.weight, 0);
  const generate = form.mode === 'generate';
  const hasLocks = locks.territories > 0 || locks.units > 0;
  return (
    <div className="optimize" data-testid="optimize-form">
      <div className="optimize__segmented" role="radiogroup" aria-label="What to do">
        <button type="button" role="radio" aria-checked={generate} className={generate ? 'is-on' : undefined}
          onClick={() => set({ mode: 'generate' })} data-testid="optimize-mode-generate">
          Build new territories
        </button>
        <button type="button" role="radio" aria-checked={!generate} className={!generate ? 'is-on' : undefined}
          disabled={currentTerritories === 0} onClick={() => set({ mode: 'rebalance' })} data-testid="optimize-mode-rebalance">
          Rebalance current plan
        </button>
      </div>
      <p className="optimize__hint">
        {generate
          ? 'Draws contiguous, compact territories from scratch. The result is a new scenario; your plan stays as it is.'
          : `Moves as few units as possible between the ${currentTerritories} territories to bring them into tolerance. The result is a new scenario.`}
      </p>

      {generate && (
        <section className="optimize__section">
          <h3 className="optimize__heading">Territories</h3>
          <label className="optimize__choice">
            <input type="radio" name="optimize-count" checked={form.count === 'number'} onChange={() => set({ count: 'number' })} />
            <span>Number of territories</span>
            <input type="number" className="optimize__number" min={1} step={1} value={form.territories} disabled={form.count !== 'number'}
              onChange={(e) => set({ territories: Number(e.target.value) })} aria-label="Number of territories" data-testid="optimize-territories" />
          </label>
          <label className="optimize__choice">
            <input type="radio" name="optimize-count" checked={form.count === 'reps'} disabled={reps === 0}
              onChange={() => set({ count: 'reps' })} data-testid="optimize-use-reps" />
            <span>One per rep, grown from their home base {reps > 0 ? `(${reps})` : '(no reps in this project)'}</span>
          </label>
        </section>
      )}

      <section className="optimize__section">
        <h3 className="optimize__heading">
          Balance
          <span className={`optimize__total${total === 100 ? '' : ' is-off'}`} data-testid="optimize-weight-total">{total}%</span>
        </h3>
        <ul className="optimize__fields">
          {form.fields.map((f, i) => (
            <li key={f.field} className="optimize__field" data-testid={`optimize-field-${f.field}`}>
              <span className="optimize__field-name">{labelOf(f.field)}</span>
              <input type="range" min={0} max={100} step={1} value={f.weight} disabled={form.fields.length === 1}
                onChange={(e) => set({ fields: setWeight(form.fields, i, Number(e.target.value)) })} aria-label={`Weight of ${labelOf(f.field)}`} />
              <span className="optimize__weight numeric">{f.weight}%</span>
              <button type="button" className="optimize__remove" disabled={form.fields.length === 1} onClick={() => set({ fields: removeField(form.fields, i) })}
                title={`Stop balancing ${labelOf(f.field)}`} aria-label={`Remove ${labelOf(f.field)}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
        {unused.length > 0 && (
          <select className="optimize__add" value="" onChange={(e) => e.target.value && set({ fields: addField(form.fields, e.target.value) })}
            aria-label="Add a field to balance" data-testid="optimize-add-field">
            <option value="">+ Add a field…</option>
            {unused.map((c) => <option key={c.field} value={c.field}>{c.label}</option>)}
          </select>
        )}
        <label className="optimize__inline">
          <span>Tolerance ±</span>
          <input type="number" className="optimize__number" min={0.1} max={50} step={0.5} value={form.tolerancePct}
            onChange={(e) => set({ tolerancePct: Number(e.target.value) })} aria-label="Tolerance in percent" data-testid="optimize-tolerance" />
          <span>% around the mean, on every field</span>
        </label>
      </section>

      {!generate && (
        <section className="optimize__section">
          <h3 className="optimize__heading">Disruption</h3>
          <label className="optimize__inline">
            <input type="checkbox" checked={form.limitMoves} onChange={(e) => set({ limitMoves: e.target.checked })} data-testid="optimize-limit-moves" />
            <span>Move at most</span>
            <input type="number" className="optimize__number" min={0.5} max={100} step={0.5} value={form.maxMovedPct} disabled={!form.limitMoves}
              onChange={(e) => set({ maxMovedPct: Number(e.target.value) })} aria-label="Largest share of units that may move, percent" data-testid="optimize-max-moved" />
            <span>% of units (moves past it are not made)</span>
          </label>
        </section>
      )}

      <section className="optimize__section optimize__section--row">
        <label className="optimize__inline">
          {hasLocks && (
            <input type="checkbox" checked={form.respectLocks} onChange={(e) => set({ respectLocks: e.target.checked })}
              data-testid="optimize-respect-locks" />
          )}
          <span data-testid="optimize-locks">
            {hasLocks
              ? `Keep locks: ${plural(locks.territories, 'territory', 'territories')}, ${plural(locks.units, 'unit', 'units')}`
              : 'No locks. Lock territories in the Territory tab, or select units and press K.'}
          </span>
        </label>
        <label className="optimize__inline optimize__seed">
          <span>Seed</span>
          <input type="number" className="optimize__number" min={0} step={1} value={form.seed} onChange={(e) => set({ seed: Number(e.target.value) })}
            aria-label="Seed" title="The same seed gives the same plan" data-testid="optimize-seed" />
        </label>
      </section>
      {generate && form.respectLocks && locks.unitsOutsideLockedTerritories > 0 && (
        <p className="optimize__warning" data-testid="optimize-lock-warning">
          {plural(locks.unitsOutsideLockedTerritories, 'locked unit lies', 'locked units lie')} in unlocked territories: a new plan cannot keep
          them. Rebalance instead, or lock their territories.
        </p>
      )}
    </div>
  );
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
