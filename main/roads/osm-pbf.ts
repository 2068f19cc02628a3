/**
 * OpenStreetMap `.osm.pbf` extracts, read with osm-pbf-parser-node in two streaming passes: the
 * ways tagged `highway` first (with the tags routing needs), then the coordinates of only the
 * nodes those ways use. Memory grows with the road ways and their nodes, not with the whole
 * extract; a city or county extract is what this is for (a whole country wants a road subset
 * made with osmium first).
 */
import path from 'node:path';
import { createOSMStream } from 'osm-pbf-parser-node';
import { UserError } from '../../shared/errors.ts';
import { roadAttributes } from '../../shared/routing/speeds.ts';
import type { RoadSourceRead, StoredRoad } from './road-store.ts';

const WAY_TAGS = ['highway', 'maxspeed', 'oneway', 'junction', 'name', 'area'];

interface OsmWay {
  type: 'way';
  id: number;
  refs: number[];
  tags?: Record<string, string>;
}

interface OsmNode {
  type: 'node';
  id: number;
  lon: number;
  lat: number;
}

export function isOsmPbf(file: string): boolean {
  return /\.pbf$/i.test(file);
}

export async function readOsmPbfRoads(file: string): Promise<RoadSourceRead> {
  const label = path.basename(file);
  const ways: OsmWay[] = [];
  const needed = new Set<number>();
  let read = 0;
  let skipped = 0;
  try {
    for await (const item of createOSMStream(file, { withTags: { node: false, way: WAY_TAGS, relation: false } })) {
      const way = item as OsmWay;
      if (way.type !== 'way') continue;
      read++;
      const tags = way.tags ?? {};
      if (!tags.highway || tags.area === 'yes' || way.refs.length < 2) {
        skipped++;
        continue;
      }
      ways.push(way);
      for (const r of way.refs) needed.add(r);
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`"${label}" could not be read as an OpenStreetMap .osm.pbf extract (${(error as Error).message}).`, { cause: error });
  }
  if (ways.length === 0) throw new UserError(`"${label}" has no roads: none of its ${read} ways is tagged highway=*.`);

  const index = new Map<number, number>();
  const lon: number[] = [];
  const lat: number[] = [];
  for await (const item of createOSMStream(file, { withTags: false })) {
    const node = item as OsmNode;
    if (node.type !== 'node' || !needed.has(node.id)) continue;
    index.set(node.id, lon.length);
    lon.push(node.lon);
    lat.push(node.lat);
  }

  const roads: StoredRoad[] = [];
  let missing = 0;
  for (const way of ways) {
    // a node missing from a clipped extract splits the line rather than bridging the gap
    const parts: number[][][] = [];
    let part: number[][] = [];
    for (const r of way.refs) {
      const k = index.get(r);
      if (k === undefined) {
        missing++;
        if (part.length >= 2) parts.push(part);
        part = [];
        continue;
      }
      part.push([lon[k]!, lat[k]!]);
    }
    if (part.length >= 2) parts.push(part);
    if (parts.length === 0) {
      skipped++;
      continue;
    }
    const a = roadAttributes(way.tags ?? {});
    roads.push({ parts, roadClass: a.roadClass, name: a.name, maxspeedKmh: a.maxspeedKmh, oneway: a.oneway });
  }
  if (roads.length === 0) throw new UserError(`"${label}" has highway ways but none of their nodes: the extract is incomplete.`);
  return {
    label,
    layer: `${label} (highway ways${missing > 0 ? `; ${missing} node references outside the extract` : ''})`,
    srs: 'EPSG:4326',
    read,
    skippedNotLines: skipped,
    roads,
  };
}
