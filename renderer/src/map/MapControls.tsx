/** Zoom in / out and "fit the map to the units", top right over the map. */
export interface MapControlsProps {
  onZoom(delta: number): void;
  onFit(): void;
}

export function MapControls({ onZoom, onFit }: MapControlsProps) {
  return (
    <div className="map-controls">
      <button type="button" onClick={() => onZoom(1)} title="Zoom in" aria-label="Zoom in">
        +
      </button>
      <button type="button" onClick={() => onZoom(-1)} title="Zoom out" aria-label="Zoom out">
        −
      </button>
      <button type="button" onClick={onFit} title="Fit the map to the units" aria-label="Fit the map to the units">
        <svg width="14" height="14" viewBox="0 0 14 14" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
          <path d="M1.5 5V1.5H5M9 1.5h3.5V5M12.5 9v3.5H9M5 12.5H1.5V9" />
        </svg>
      </button>
    </div>
  );
}
