/** TopoJSON arcs as absolute positions: the map's border layer and the print model both draw them. */
import type { Position } from 'geojson';
import type { Topology } from 'topojson-specification';

/** Arc `i` of a topology as absolute [lon, lat] positions (delta decoding when it is quantised). */
export function decodeArc(topology: Topology, i: number): Position[] {
  const arc = topology.arcs[i]!;
  const t = topology.transform;
  if (!t) return arc.map((p) => [p[0]!, p[1]!]);
  let x = 0;
  let y = 0;
  return arc.map((p) => {
    x += p[0]!;
    y += p[1]!;
    return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
  });
}
