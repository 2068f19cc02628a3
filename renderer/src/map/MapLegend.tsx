/** The key to the map, bottom left: the colour mode's scale (always the mode drawn) and the symbols. */
import type { Ref } from 'react';
import type { Legend } from './colour-mode.ts';

/** `ref` lets the map fit its units clear of the legend (initial-view.ts). */
export function MapLegend({ legend, ref }: { legend: Legend; ref?: Ref<HTMLDivElement> }) {
  return (
    <div className="map-legend" ref={ref} aria-label="Map legend" data-testid="legend" data-mode={legend.kind}>
      {legend.kind !== 'territory' && (
        <div className="map-legend__scale">
          <div className="map-legend__title" data-testid="legend-title">
            {legend.title}
          </div>
          {legend.kind === 'classes' ? (
            <ul className="map-legend__classes">
              {legend.entries.map((e) => (
                <li key={e.label} data-testid="legend-entry">
                  <span className="map-legend__swatch" style={{ background: e.colour }} />
                  {e.label}
                </li>
              ))}
            </ul>
          ) : (
            <div className="map-legend__gradient">
              <span className="map-legend__ramp" style={{ background: `linear-gradient(to right, ${legend.stops.join(', ')})` }} data-testid="legend-entry" />
              <span className="map-legend__ends">
                <span>{legend.min}</span>
                <span>{legend.max}</span>
              </span>
            </div>
          )}
        </div>
      )}
      <div className="map-legend__symbols">
        {legend.kind === 'territory' && (
          <span className="map-legend__item" data-testid="legend-title">
            <span className="map-legend__swatches" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {legend.title}
          </span>
        )}
        <span className="map-legend__item">
          <span className="map-legend__account" /> Account
        </span>
        <span className="map-legend__item">
          <span className="map-legend__rep" /> Rep home
        </span>
        <span className="map-legend__item">
          <span className="map-legend__border" /> Territory border
        </span>
        <span className="map-legend__item">
          <span className="map-legend__unassigned" /> Unassigned
        </span>
      </div>
    </div>
  );
}
