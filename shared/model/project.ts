/**
 * The document model shared by main and renderer. Coordinates are [lon, lat] in EPSG:4326.
 * Glossary: a unit is an imported polygon, an account a customer point, a territory a group of
 * units in one scenario (plan), a project the .gpkg file holding all of it.
 */
import type { Topology } from 'topojson-specification';

export type LonLat = [lon: number, lat: number];

/** Kinds of feature layer a project can hold (GeoPackage feature tables of the same names). */
export const LAYER_KINDS = ['units', 'accounts', 'reps', 'territories', 'roads'] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];

/** A numeric or text attribute of the units layer that the user can balance or colour by. */
export interface FieldInfo {
  /** Column name in the units table. */
  name: string;
  label: string;
  kind: 'number' | 'text';
}

export interface Territory {
  id: string;
  name: string;
  /** CSS hex colour, `#rrggbb`. */
  color: string;
  repId: string | null;
  locked: boolean;
  /**
   * The region (second level) the territory belongs to; null or absent = none. Optional so plans
   * and territories built before regions existed (schema 3 and older, the optimizer) stay valid.
   */
  regionId?: string | null;
}

/** A group of territories of one scenario (e.g. "West") with its manager; see shared/edit/region-commands.ts. */
export interface Region {
  id: string;
  name: string;
  /** CSS hex colour, `#rrggbb`. */
  color: string;
  /** The manager's name, free text; null when none is set. */
  manager: string | null;
}

export interface Rep {
  id: string;
  name: string;
  /** City name of the home base, for display. */
  home: string;
  location: LonLat;
}

export interface Account {
  id: string;
  name: string;
  location: LonLat;
  /** Annual sales potential in US dollars. */
  potential: number;
  /** The unit containing the account, or null when it falls in no unit. */
  unitId: string | null;
}

export interface Scenario {
  id: string;
  name: string;
}

/** Unit attributes keyed by field name; unit geometry travels separately as TopoJSON. */
export interface UnitRecord {
  id: string;
  name: string;
  values: Record<string, number | string | null>;
}

/**
 * Everything the renderer needs to draw and edit the active plan. Unit shapes come as a
 * TopoJSON topology whose single object `units` holds one geometry per unit, with `id` = unit id,
 * so that neighbours share arcs and territory borders can be drawn as the arcs between territories.
 */
export interface MapData {
  projectName: string;
  scenario: Scenario;
  scenarios: Scenario[];
  fields: FieldInfo[];
  units: UnitRecord[];
  unitTopology: Topology;
  accounts: Account[];
  reps: Rep[];
  territories: Territory[];
  /** unit id -> territory id for every assigned unit of the active scenario. */
  assignments: Record<string, string>;
  /** Units of the active scenario locked to their territory (tools and the optimizer leave them). */
  lockedUnits: string[];
  /** Regions of the active scenario (optional: absent from hosts older than schema 4). */
  regions?: Region[];
  history: HistoryState;
}

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  /** Label of the edit that undo would revert. */
  undoLabel: string | null;
  redoLabel: string | null;
}

export interface LayerInfo {
  name: string;
  kind: LayerKind;
  features: number;
}

export interface TerritoryInfo {
  id: string;
  name: string;
  units: number;
  accounts: number;
  rep: string | null;
  /** Sum of account potential in the territory, US dollars. */
  potential: number;
}

/** Summary of a project file, the shape `tessera info --json` prints. */
export interface ProjectInfo {
  file: string;
  schemaVersion: number;
  scenario: Scenario;
  layers: LayerInfo[];
  territories: TerritoryInfo[];
  unassigned: { units: number; accounts: number };
}
