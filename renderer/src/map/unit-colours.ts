/**
 * The fill colour of every unit in one RGBA byte buffer, patched per plan version for the units
 * whose colour can have changed: those that changed territory and those of a territory whose
 * colour changed (recolour, deviation class). Only a new colour mode, field or theme recomputes
 * all units. The fill layer draws from this buffer as a texture (unit-fill-layer.ts).
 */
import type { Position } from 'geojson';
import type { PlanState } from '../../../shared/edit/edit-ops.ts';
import type { FillScale } from './colour-mode.ts';
import type { MapTheme } from './map-theme.ts';
import type { UnitGeometry } from './unit-geometry.ts';
import { PlanFollower } from './plan-follower.ts';

/** One polygon of a unit (a MultiPolygon unit has several rows). */
export interface FillRow {
  unit: number;
  polygon: Position[][];
}

export interface FillRows {
  rows: FillRow[];
  ids: string[];
}

const fillRowsCache = new WeakMap<UnitGeometry, FillRows>();

export function fillRows(geometry: UnitGeometry): FillRows {
  let cached = fillRowsCache.get(geometry);
  if (!cached) {
    const rows: FillRow[] = [];
    geometry.features.forEach((f, unit) => {
      const g = f.geometry;
      if (g?.type === 'Polygon') rows.push({ unit, polygon: g.coordinates });
      else if (g?.type === 'MultiPolygon') for (const polygon of g.coordinates) rows.push({ unit, polygon });
    });
    cached = { rows, ids: geometry.features.map((f) => f.id) };
    fillRowsCache.set(geometry, cached);
  }
  return cached;
}

/** Per loaded plan: the follower of unit territories shared by the fill colours and the borders. */
const followers = new WeakMap<PlanState, WeakMap<UnitGeometry, PlanFollower>>();

export function planFollower(geometry: UnitGeometry, plan: PlanState): PlanFollower {
  let byGeometry = followers.get(plan);
  if (!byGeometry) followers.set(plan, (byGeometry = new WeakMap()));
  let follower = byGeometry.get(geometry);
  if (!follower) byGeometry.set(geometry, (follower = new PlanFollower(plan, fillRows(geometry).ids)));
  return follower;
}

export class UnitColours {
  readonly rgba: Uint8Array;
  /** Changes whenever a colour in `rgba` did. */
  revision = 0;
  private key: string | null = null;
  private theme: MapTheme | null = null;
  private planVersion = Number.NaN;
  /** Packed colour of each territory (and '' = unassigned) at the last sync, for territory-based scales. */
  private territoryColours = new Map<string, number>();

  constructor(
    private readonly rows: FillRows,
    private readonly plan: PlanState,
    private readonly follower: PlanFollower,
  ) {
    this.rgba = new Uint8Array(rows.ids.length * 4);
  }

  /** Bring the colours to this plan version, scale and theme; returns the revision. */
  sync(planVersion: number, scale: FillScale, theme: MapTheme): number {
    this.follower.sync(planVersion);
    const full = scale.key !== this.key || theme !== this.theme;
    if (!full && planVersion === this.planVersion) return this.revision;
    const since = this.planVersion;
    this.key = scale.key;
    this.theme = theme;
    this.planVersion = planVersion;
    if (full) {
      this.recolourAll(scale, theme);
      return ++this.revision;
    }
    // A plan change: a scale of unit values (choropleth) does not move.
    if (!scale.territoryFill) return this.revision;
    const moved = this.follower.changedSince(since);
    const recoloured = this.updateTerritoryColours(scale, theme);
    if (!moved) {
      this.recolourAll(scale, theme);
      return ++this.revision;
    }
    let changed = false;
    const territoryOf = this.follower.territoryOf;
    const write = (u: number) => {
      if (this.write(u, this.colourOfTerritory(scale, theme, territoryOf[u]))) changed = true;
    };
    for (const u of moved) write(u);
    if (recoloured.size > 0) for (let u = 0; u < territoryOf.length; u++) if (recoloured.has(territoryOf[u] ?? '')) write(u);
    return changed ? ++this.revision : this.revision;
  }

  /** Recompute the per-territory colours; returns the territories whose colour changed. */
  private updateTerritoryColours(scale: FillScale, theme: MapTheme): Set<string> {
    const next = new Map<string, number>([['', pack(scale.territoryFill!(undefined, theme))]]);
    for (const id of this.plan.territories.keys()) next.set(id, pack(scale.territoryFill!(id, theme)));
    const recoloured = new Set<string>();
    for (const [id, colour] of next) if (this.territoryColours.get(id) !== colour) recoloured.add(id);
    this.territoryColours = next;
    return recoloured;
  }

  /** Packed colour of a territory's units (one the plan no longer lists is asked of the scale). */
  private colourOfTerritory(scale: FillScale, theme: MapTheme, territoryId: string | undefined): number {
    return this.territoryColours.get(territoryId ?? '') ?? pack(scale.territoryFill!(territoryId, theme));
  }

  private recolourAll(scale: FillScale, theme: MapTheme): void {
    const { ids } = this.rows;
    if (scale.territoryFill) {
      this.updateTerritoryColours(scale, theme);
      const territoryOf = this.follower.territoryOf;
      for (let u = 0; u < ids.length; u++) this.write(u, this.colourOfTerritory(scale, theme, territoryOf[u]));
    } else {
      for (let u = 0; u < ids.length; u++) this.write(u, pack(scale.fill(ids[u]!, theme)));
    }
  }

  /** Store a packed colour for unit u; true when it differs from the one stored. */
  private write(u: number, colour: number): boolean {
    const o = u * 4;
    const r = colour >>> 24;
    const g = (colour >>> 16) & 255;
    const b = (colour >>> 8) & 255;
    const a = colour & 255;
    const rgba = this.rgba;
    if (rgba[o] === r && rgba[o + 1] === g && rgba[o + 2] === b && rgba[o + 3] === a) return false;
    rgba[o] = r;
    rgba[o + 1] = g;
    rgba[o + 2] = b;
    rgba[o + 3] = a;
    return true;
  }
}

function pack([r, g, b, a]: readonly number[]): number {
  return ((r! << 24) | (g! << 16) | (b! << 8) | (a ?? 255)) >>> 0;
}

/**
 * One colour buffer per plan, geometry, theme and colour key: the on-screen map and the print
 * layout (always light) can draw the same plan in different themes or modes side by side.
 */
const colourCache = new WeakMap<PlanState, WeakMap<UnitGeometry, WeakMap<MapTheme, Map<string, UnitColours>>>>();

export function unitColours(geometry: UnitGeometry, plan: PlanState, theme: MapTheme, key: string): UnitColours {
  let byGeometry = colourCache.get(plan);
  if (!byGeometry) colourCache.set(plan, (byGeometry = new WeakMap()));
  let byTheme = byGeometry.get(geometry);
  if (!byTheme) byGeometry.set(geometry, (byTheme = new WeakMap()));
  let byKey = byTheme.get(theme);
  if (!byKey) byTheme.set(theme, (byKey = new Map()));
  let colours = byKey.get(key);
  if (!colours) byKey.set(key, (colours = new UnitColours(fillRows(geometry), plan, planFollower(geometry, plan))));
  return colours;
}
