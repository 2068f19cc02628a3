/**
 * The arcs between two units, decoded once per topology, with the unit on each side. The territory
 * border layer draws all of them and only changes their widths after an edit (0 where both sides are
 * in the same territory), so an edit never re-meshes or re-tessellates borders: at 33,000 units that
 * re-mesh was most of an edit's main-thread time.
 */
import type { Position } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { decodeArc } from '../../../shared/geo/topology-arcs.ts';

export interface BorderArcs {
  paths: Position[][];
  /** Unit ids on the two sides of paths[i]. */
  left: string[];
  right: string[];
}

const cache = new WeakMap<Topology, BorderArcs>();

export function borderArcs(topology: Topology, collection: GeometryCollection): BorderArcs {
  let arcs = cache.get(topology);
  if (!arcs) cache.set(topology, (arcs = build(topology, collection)));
  return arcs;
}

function build(topology: Topology, collection: GeometryCollection): BorderArcs {
  const owners: (string | undefined)[][] = topology.arcs.map(() => []);
  const visit = (refs: unknown, id: string) => {
    if (typeof refs === 'number') owners[refs < 0 ? ~refs : refs]!.push(id);
    else if (Array.isArray(refs)) for (const r of refs) visit(r, id);
  };
  for (const g of collection.geometries) {
    if ('arcs' in g) visit(g.arcs, String(g.id));
  }
  const result: BorderArcs = { paths: [], left: [], right: [] };
  owners.forEach((ids, i) => {
    if (ids.length !== 2 || ids[0] === ids[1]) return;
    result.paths.push(decodeArc(topology, i));
    result.left.push(ids[0]!);
    result.right.push(ids[1]!);
  });
  return result;
}
