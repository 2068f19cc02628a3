/**
 * Shared-arc topology of the units, built once at import (mapshaper's idea): the renderer draws
 * it, shared/geo/dissolve.ts merges it into territory outlines, adjacency comes from shared arcs.
 * Object `units` holds one geometry per unit with `id` = unit id (null type when the unit is
 * smaller than one grid cell). Quantized to ~10 m and simplified per shared arc
 * (Douglas-Peucker, endpoints fixed) so that neighbours never show gaps.
 */
import type { Topology } from 'topojson-specification';
import { buildTopology, type TopologyInput } from './fast-topology.ts';

export type TopologyUnit = TopologyInput;

/**
 * `bbox` is the lon/lat extent of all units. Quantization: grid step about 1e-4° (~10 m),
 * between 1e4 and 1e6 cells across. Display tolerance: 2e-5 of the extent, clamped to
 * 1e-5°..5e-4° (1 m to 50 m). `simplify: false` keeps every (quantized) point.
 */
export function buildUnitTopology(
  units: TopologyUnit[],
  bbox: [number, number, number, number],
  simplify = true,
  onStep?: (fraction: number) => void,
): Topology {
  const extent = Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1], 1e-6);
  const quantization = Math.round(Math.min(1e6, Math.max(1e4, extent / 1e-4)));
  const tolerance = simplify ? Math.min(5e-4, Math.max(1e-5, extent * 2e-5)) : 0;
  return buildTopology(units, bbox, { quantization, tolerance, ...(onStep ? { onStep } : {}) });
}
