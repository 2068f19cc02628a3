/**
 * KML 2.2 export (Google Earth, QGIS): one Folder per layer, a Placemark per feature named after
 * it, the columns as ExtendedData, polygons filled with the territory colour at 50 % opacity.
 * KML coordinates are WGS 84 lon,lat by definition.
 */
import type { MultiPolygon, Position } from 'geojson';
import type { ExportLayer, ProgressFn } from './layers.ts';
import { FileSink } from './atomic-file.ts';
import { orientPolygons } from './rings.ts';

export function writeKml(file: string, title: string, layers: readonly ExportLayer[], progress?: ProgressFn): void {
  const sink = new FileSink(file);
  try {
    sink.write(`<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n<name>${xml(title)}</name>\n`);
    const colors = new Set(layers.flatMap((l) => l.rows.map((r) => r.color).filter((c): c is string => !!c)));
    for (const color of colors) sink.write(style(color));
    for (const layer of layers) {
      sink.write(`<Folder><name>${layer.name}</name><description>${xml(layer.title)}</description>\n`);
      const nameColumn = ['name', 'territory', 'unit_id', 'account_id'].map((n) => layer.columns.findIndex((c) => c.name === n)).find((k) => k >= 0);
      layer.rows.forEach((row, i) => {
        if (progress && i % 1000 === 0) progress({ stage: `kml ${layer.name}`, done: i, total: layer.rows.length });
        const name = nameColumn === undefined ? '' : String(row.values[nameColumn] ?? '');
        const data = layer.columns
          .map((c, k) => (row.values[k] === null || row.values[k] === undefined ? '' : `<Data name="${xml(c.name)}"><value>${xml(String(row.values[k]))}</value></Data>`))
          .join('');
        const styleUrl = row.color ? `<styleUrl>#${styleId(row.color)}</styleUrl>` : '';
        const geometry = !row.geometry ? '' : row.geometry.type === 'Point' ? point(row.geometry.coordinates) : multiPolygon(row.geometry);
        sink.write(`<Placemark><name>${xml(name)}</name>${styleUrl}<ExtendedData>${data}</ExtendedData>${geometry}</Placemark>\n`);
      });
      sink.write('</Folder>\n');
    }
    sink.write('</Document>\n</kml>\n');
  } finally {
    sink.close();
  }
}

function xml(text: string): string {
  // Characters XML 1.0 forbids are dropped rather than breaking the file.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const styleId = (hex: string) => `c${hex.replace(/[^0-9a-fA-F]/g, '')}`;

/** KML colours are aabbggrr. */
function style(hex: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  const bgr = m ? `${m[3]}${m[2]}${m[1]}` : '888888';
  return `<Style id="${styleId(hex)}"><LineStyle><color>ff${bgr}</color><width>1.5</width></LineStyle><PolyStyle><color>80${bgr}</color></PolyStyle><IconStyle><color>ff${bgr}</color></IconStyle></Style>\n`;
}

const coords = (ring: readonly Position[]) => ring.map((p) => `${p[0]},${p[1]}`).join(' ');

function point(p: Position): string {
  return `<Point><coordinates>${p[0]},${p[1]}</coordinates></Point>`;
}

function multiPolygon(g: MultiPolygon): string {
  const polygons = orientPolygons(g, true).map(
    ([outer, ...holes]) =>
      `<Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(outer ?? [])}</coordinates></LinearRing></outerBoundaryIs>` +
      holes.map((h) => `<innerBoundaryIs><LinearRing><coordinates>${coords(h)}</coordinates></LinearRing></innerBoundaryIs>`).join('') +
      '</Polygon>',
  );
  return polygons.length === 1 ? polygons[0]! : `<MultiGeometry>${polygons.join('')}</MultiGeometry>`;
}
