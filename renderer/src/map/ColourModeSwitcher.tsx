/** Top-left over the map: colour by territory, by a unit field (choropleth) or by deviation from target. */
import type { ColourMode, FieldScale } from './colour-mode.ts';
import './map-modes.css';

export interface ColourModeSwitcherProps {
  mode: ColourMode;
  onMode(mode: ColourMode): void;
  fields: { field: string; label: string }[];
  /** The field a fresh choropleth shows (population when the project has it). */
  defaultField: string;
}

const SCALES: { value: FieldScale; label: string }[] = [
  { value: 'quantile', label: 'Quantiles' },
  { value: 'jenks', label: 'Natural breaks' },
  { value: 'continuous', label: 'Continuous' },
];

export function ColourModeSwitcher({ mode, onMode, fields, defaultField }: ColourModeSwitcherProps) {
  const field = mode.kind === 'field' ? mode : { kind: 'field' as const, field: defaultField, scale: 'quantile' as FieldScale, classes: 5 };
  const tab = (kind: ColourMode['kind'], label: string, title: string, next: ColourMode) => (
    <button
      type="button"
      role="radio"
      aria-checked={mode.kind === kind}
      className={mode.kind === kind ? 'is-on' : undefined}
      title={title}
      onClick={() => onMode(next)}
      data-testid={`mode-${kind}`}
    >
      {label}
    </button>
  );
  return (
    <div className="mode-switcher" onClick={(e) => e.stopPropagation()}>
      <div className="mode-switcher__tabs" role="radiogroup" aria-label="Colour the map by">
        {tab('territory', 'Territories', 'Colour units by their territory', { kind: 'territory' })}
        {tab('field', 'Choropleth', 'Colour units by a numeric field', field)}
        {tab('deviation', 'Deviation', 'Colour territories by deviation from target', { kind: 'deviation' })}
      </div>
      {mode.kind === 'field' && (
        <div className="mode-switcher__options">
          <select aria-label="Field" value={mode.field} onChange={(e) => onMode({ ...mode, field: e.target.value })} data-testid="mode-field">
            {fields.map((f) => (
              <option key={f.field} value={f.field}>
                {f.label}
              </option>
            ))}
          </select>
          <select aria-label="Classification" value={mode.scale} onChange={(e) => onMode({ ...mode, scale: e.target.value as FieldScale })} data-testid="mode-scale">
            {SCALES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
          {mode.scale !== 'continuous' && (
            <select aria-label="Classes" value={mode.classes} onChange={(e) => onMode({ ...mode, classes: Number(e.target.value) })} data-testid="mode-classes">
              {[5, 6, 7].map((k) => (
                <option key={k} value={k}>
                  {k} classes
                </option>
              ))}
            </select>
          )}
        </div>
      )}
    </div>
  );
}
