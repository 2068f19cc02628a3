/** The key to the map's symbols, bottom left over the map. */
export function MapLegend() {
  return (
    <div className="map-legend" aria-label="Map legend">
      <span className="map-legend__item">
        <span className="map-legend__account" /> Account (size = potential)
      </span>
      <span className="map-legend__item">
        <span className="map-legend__rep" /> Rep home base
      </span>
      <span className="map-legend__item">
        <span className="map-legend__border" /> Territory border
      </span>
    </div>
  );
}
