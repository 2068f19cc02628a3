/**
 * Geometry of the printed page, in output pixels: white page, title band above the map, the map,
 * credits along the bottom edge. Every size is a 1,600 px-page size times the layout scale `s`, so
 * an 8,000 px image looks like a 1,600 px one, only sharper. (The vector writer, main/export/vector/,
 * follows the same layout.)
 */
export interface PageLayout {
  width: number;
  height: number;
  /** Layout scale: 1 = sizes of a 1,600 px page at 96 dpi. */
  s: number;
  margin: number;
  title: { x: number; baseline: number; size: number; subtitleBaseline: number; subtitleSize: number };
  /** The map rectangle; whole pixels, so map tiles line up exactly. */
  map: { x: number; y: number; width: number; height: number };
  credits: { x: number; baseline: number; size: number };
}

export function pageLayout(width: number, s: number, mapAspect: number): PageLayout {
  const margin = Math.round(24 * s);
  const titleBand = Math.round(78 * s);
  const creditsBand = Math.round(30 * s);
  const mapWidth = width - 2 * margin;
  const mapHeight = Math.max(1, Math.round(mapWidth * mapAspect));
  return {
    width,
    height: titleBand + mapHeight + creditsBand,
    s,
    margin,
    title: { x: margin, baseline: Math.round(40 * s), size: 28 * s, subtitleBaseline: Math.round(64 * s), subtitleSize: 14 * s },
    map: { x: margin, y: titleBand, width: mapWidth, height: mapHeight },
    credits: { x: margin, baseline: titleBand + mapHeight + Math.round(20 * s), size: 11 * s },
  };
}
