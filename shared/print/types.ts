/**
 * The drawing model every vector export writer (SVG, PDF, PPTX) consumes: page geometry in points
 * (1/72 inch) with y pointing down, as all three formats draw. Colours are `#rrggbb`.
 */

/** A point on the page: [x, y] in points, y down. */
export type Pt = [number, number];

/** Rings of one filled shape (exteriors and holes, opposite orientation so every fill rule agrees). */
export type Rings = Pt[][];

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface FillShape {
  kind: 'fill';
  /** Stable id for the SVG group / PPTX shape name, e.g. `territory-PVD`. */
  id: string;
  rings: Rings;
  fill: string;
  /** 0..1 */
  opacity?: number;
}

export interface LineShape {
  kind: 'lines';
  id: string;
  lines: Pt[][];
  stroke: string;
  width: number;
}

export interface TextShape {
  kind: 'text';
  id?: string;
  text: string;
  /** Anchor point; `y` is the baseline. */
  x: number;
  y: number;
  size: number;
  bold?: boolean;
  color: string;
  anchor?: 'start' | 'middle' | 'end';
  /** White outline behind the glyphs so labels read on any fill. */
  halo?: boolean;
}

export interface BoxShape {
  kind: 'box';
  id?: string;
  rect: Rect;
  fill: string | null;
  stroke: string | null;
  width?: number;
  opacity?: number;
}

/** An open or closed polygon drawn as one path (north arrow, scale-bar ticks). */
export interface PolyShape {
  kind: 'poly';
  id?: string;
  points: Pt[];
  closed: boolean;
  fill: string | null;
  stroke: string | null;
  width?: number;
}

export type Shape = FillShape | LineShape | TextShape | BoxShape | PolyShape;

/** A named layer of shapes (an SVG `<g id>`), drawn in order. */
export interface Layer {
  id: string;
  /** Shapes outside this rectangle are cut away by the writer (map layers). */
  clip?: Rect;
  shapes: Shape[];
}

export interface Page {
  width: number;
  height: number;
  title: string;
  layers: Layer[];
}

/** Width of `text` set at `size` points in Helvetica/Arial (regular or bold). */
export type MeasureText = (text: string, size: number, bold?: boolean) => number;
