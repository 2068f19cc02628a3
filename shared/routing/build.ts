/**
 * Road lines -> RoadGraph: vertices joined into nodes where lines share them, each straight piece
 * weighted by its great-circle length at the line's speed, one-way lines driven one way only.
 */
import { GraphBuilder, type RoadGraph } from './graph.ts';
import { haversineM } from './geo.ts';
import { lineSpeedKmh, type RoadAttributes, type SpeedTable } from './speeds.ts';

export interface RoadLine extends Pick<RoadAttributes, 'roadClass' | 'maxspeedKmh' | 'oneway'> {
  /** Parts of the line, each a list of [lon, lat] vertices (degrees). */
  parts: number[][][];
}

export interface GraphBuildReport {
  graph: RoadGraph;
  /** Lines that were driven / skipped because their class is not driven (count per class). */
  drivenLines: number;
  skippedByClass: Record<string, number>;
  /** Road length in the graph, km (each piece once, whatever its directions). */
  roadKm: number;
}

/** @param snapDegrees vertices closer than this (degrees, per axis, rounded) become one node. */
export function buildRoadGraph(lines: Iterable<RoadLine>, speeds: SpeedTable, snapDegrees = 1e-7): GraphBuildReport {
  const builder = new GraphBuilder(snapDegrees);
  let drivenLines = 0;
  let roadM = 0;
  const skippedByClass: Record<string, number> = {};
  for (const line of lines) {
    const kmh = lineSpeedKmh(line, speeds);
    if (!(kmh > 0)) {
      skippedByClass[line.roadClass] = (skippedByClass[line.roadClass] ?? 0) + 1;
      continue;
    }
    drivenLines++;
    const mps = kmh / 3.6;
    for (const part of line.parts) {
      let prev = -1;
      let px = 0, py = 0;
      for (const p of part) {
        const x = p[0]!, y = p[1]!;
        const n = builder.node(x, y);
        if (prev >= 0 && n !== prev) {
          const m = haversineM(px, py, x, y);
          roadM += m;
          const s = m / mps;
          builder.piece(prev, n, line.oneway >= 0 ? s : Infinity, line.oneway <= 0 ? s : Infinity);
        }
        prev = n;
        px = x;
        py = y;
      }
    }
  }
  return { graph: builder.build(), drivenLines, skippedByClass, roadKm: roadM / 1000 };
}
