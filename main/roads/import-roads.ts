/**
 * `tessera roads import`: road lines into the project, and the routing graph built from them, in
 * one transaction (a failure leaves the project as it was; a project file this import created is
 * removed again). The graph is always built from the stored `roads` table with the project's
 * speed table, so editing speeds rebuilds it the same way (`rebuildRoadGraph`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors.ts';
import { buildRoadGraph } from '../../shared/routing/build.ts';
import { RoutingNetwork, type IslandReport } from '../../shared/routing/network.ts';
import type { SpeedTable } from '../../shared/routing/speeds.ts';
import { ProjectStore } from '../store/project-store.ts';
import { readRoadSource, type RoadSourceOptions } from './road-source.ts';
import { replaceRoads, saveRoadGraph, speedTable, storedRoads, type StoredRoad } from './road-store.ts';

/** Vertices of different lines within this many degrees (per axis, rounded) are one node (~1 cm). */
export const SNAP_DEGREES = 1e-7;

export interface RoadNetworkSummary {
  /** Road lines stored, and those whose class is driven. */
  lines: number;
  drivenLines: number;
  /** Lines not driven, per road class (footways, cycleways...). */
  notDrivenByClass: Record<string, number>;
  nodes: number;
  edges: number;
  roadKm: number;
  oneWayLines: number;
  linesWithMaxspeed: number;
  /** Driven lines per class with the class speed used where there is no maxspeed, km/h. */
  classes: { roadClass: string; lines: number; speedKmh: number }[];
  islands: IslandReport;
  /** Plain-language notes for the user (network islands...). */
  warnings: string[];
}

export interface RoadImportReport extends RoadNetworkSummary {
  project: string;
  source: string;
  layer: string;
  srs: string;
  read: number;
  skippedNotLines: number;
  seconds: number;
}

/** Stage messages for a progress display: 'read' the source, 'build' and 'write' the network. */
export type RoadImportProgress = (stage: 'read' | 'write', message: string) => void;

export async function importRoads(
  projectFile: string,
  source: string,
  options: RoadSourceOptions = {},
  onProgress?: RoadImportProgress,
): Promise<RoadImportReport> {
  const started = Date.now();
  const existed = fs.existsSync(projectFile);
  let store: ProjectStore | null = null;
  try {
    store = ProjectStore.open(projectFile, { create: true });
    onProgress?.('read', `Reading road lines from ${path.basename(source)}`);
    const read = await readRoadSource(source, options);
    const s = store;
    onProgress?.('write', `Building the routing graph from ${read.roads.length.toLocaleString('en-US')} lines and writing it to the project`);
    const summary = s.transaction(() => {
      replaceRoads(s, read.roads);
      return buildAndSave(s, read.roads, path.basename(source));
    });
    return {
      project: path.resolve(projectFile),
      source: path.resolve(source),
      layer: read.layer,
      srs: read.srs,
      read: read.read,
      skippedNotLines: read.skippedNotLines,
      ...summary,
      seconds: (Date.now() - started) / 1000,
    };
  } catch (error) {
    store?.close();
    store = null;
    if (!existed) for (const f of [projectFile, `${projectFile}-wal`, `${projectFile}-shm`]) fs.rmSync(f, { force: true });
    throw error;
  } finally {
    store?.close();
  }
}

/** Rebuild the graph from the stored lines with the current speed table (after editing speeds). */
export function rebuildRoadGraph(store: ProjectStore): RoadNetworkSummary {
  return store.transaction(() => {
    const roads = [...storedRoads(store)];
    if (roads.length === 0) throw new UserError(`Project "${store.name}" has no road network yet. Import one with: tessera roads import ${store.name}.gpkg <roads file>`);
    return buildAndSave(store, roads, 'roads table');
  });
}

function buildAndSave(store: ProjectStore, roads: StoredRoad[], source: string): RoadNetworkSummary {
  const speeds = speedTable(store);
  const built = buildRoadGraph(roads, speeds, SNAP_DEGREES);
  const summary = summarise(roads, speeds, built);
  if (built.graph.edgeCount === 0) {
    const classes = Object.entries(built.skippedByClass)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([c, n]) => `${c} (${n})`)
      .join(', ');
    throw new UserError(
      `None of the ${roads.length} lines in "${source}" is a road that can be driven (their classes: ${classes}). Give the classes a speed with: tessera roads speeds <project.gpkg> --set CLASS=KMH`,
    );
  }
  saveRoadGraph(store, built.graph, {
    source,
    builtAt: new Date().toISOString(),
    lines: roads.length,
    drivenLines: built.drivenLines,
    roadKm: built.roadKm,
    snapDegrees: SNAP_DEGREES,
    speedsKmh: speeds,
  });
  return summary;
}

function summarise(roads: StoredRoad[], speeds: SpeedTable, built: ReturnType<typeof buildRoadGraph>): RoadNetworkSummary {
  const net = new RoutingNetwork(built.graph);
  const byClass = new Map<string, number>();
  let oneWay = 0;
  let withMax = 0;
  for (const r of roads) {
    if (!((speeds[r.roadClass] ?? 0) > 0)) continue;
    byClass.set(r.roadClass, (byClass.get(r.roadClass) ?? 0) + 1);
    if (r.oneway !== 0) oneWay++;
    if (r.maxspeedKmh !== null) withMax++;
  }
  const islands = net.islands;
  const warnings: string[] = [];
  if (islands.islands > 1) {
    const share = (100 * islands.otherNodes) / Math.max(1, built.graph.nodeCount);
    warnings.push(
      `The road network is in ${islands.islands} separate pieces: ${islands.islands - 1} small ${islands.islands === 2 ? 'piece is' : 'pieces are'} not joined to the main network ` +
        `(${islands.otherNodes.toLocaleString('en-US')} of ${built.graph.nodeCount.toLocaleString('en-US')} road nodes, ${share.toFixed(1)}%). ` +
        `Places on them cannot be reached from the main network; the straight-line estimate is used there` +
        (islands.ignoredIslands > 0 ? `, and points are snapped to the main network instead of the ${islands.ignoredIslands} smallest pieces.` : '.'),
    );
  }
  if (islands.oneWayTrappedNodes > 0) {
    const share = (100 * islands.oneWayTrappedNodes) / Math.max(1, built.graph.nodeCount);
    warnings.push(
      `${islands.oneWayTrappedNodes.toLocaleString('en-US')} road nodes (${share.toFixed(1)}%) lie on one-way roads that no drive can both reach and leave ` +
        `(a one-way dead end, or a one-way street that is never entered). Points beside them are snapped to the roads around them.`,
    );
  }
  return {
    lines: roads.length,
    drivenLines: built.drivenLines,
    notDrivenByClass: built.skippedByClass,
    nodes: built.graph.nodeCount,
    edges: built.graph.edgeCount,
    roadKm: Math.round(built.roadKm * 10) / 10,
    oneWayLines: oneWay,
    linesWithMaxspeed: withMax,
    classes: [...byClass].sort((a, b) => b[1] - a[1]).map(([roadClass, lines]) => ({ roadClass, lines, speedKmh: speeds[roadClass]! })),
    islands,
    warnings,
  };
}
