/**
 * The nearest road point ("site") of every grid vertex, with the site's exact position and arrival
 * time: a vector distance transform. Sites are offered to the four corners of their cell, then two
 * raster passes let each vertex adopt a neighbour's site when it lies nearer. Keeping the exact
 * position (not just a distance) is what lets the contour put a band's edge on the bisector between
 * a road reached within the band and one that is not, inside a cell: in a city, one-way pairs and
 * slip roads lie a few metres apart, closer than any affordable grid cell.
 */

/** What the contour needs to place an edge between two sites (see `contour.ts`). */
export interface GridSites {
  /**
   * Per vertex v, at [4v .. 4v + 3]: its site's position in cells from vertex (0, 0) (x east,
   * y north; NaN: no site), the site's arrival in seconds (Infinity: not reached), and the squared
   * distance from the vertex to it. Interleaved so one vertex is one cache line, not four.
   */
  data: Float32Array;
  /** Off-road seconds per cell, and the distance (cells) a site's own time reaches unchanged. */
  secondsPerCell: number;
  freeCells: number;
}

/** Offsets within a vertex's four entries of `GridSites.data`. */
export const SITE_X = 0, SITE_Y = 1, SITE_T = 2;
const D2 = 3;
const CORNERS = [0, 1, 2, 3];

export class SiteGrid {
  readonly data: Float32Array;

  constructor(
    readonly nx: number,
    readonly ny: number,
  ) {
    this.data = new Float32Array(4 * nx * ny);
    for (let k = 0; k < this.data.length; k += 4) {
      this.data[k] = this.data[k + 1] = NaN;
      this.data[k + 2] = this.data[k + 3] = Infinity;
    }
  }

  /** A road point at (px, py) cells, reached at `t` seconds (Infinity: not reached). */
  add(px: number, py: number, t: number): void {
    const i = Math.floor(px), j = Math.floor(py);
    if (i < 0 || j < 0 || i >= this.nx - 1 || j >= this.ny - 1) return;
    const c = j * this.nx + i;
    this.offer(c, i, j, px, py, t);
    this.offer(c + 1, i + 1, j, px, py, t);
    this.offer(c + this.nx, i, j + 1, px, py, t);
    this.offer(c + this.nx + 1, i + 1, j + 1, px, py, t);
  }

  private offer(c: number, i: number, j: number, px: number, py: number, t: number): void {
    const s = this.data;
    const k = 4 * c;
    const d2 = (i - px) * (i - px) + (j - py) * (j - py);
    const cur = s[k + D2]!;
    // at the same distance the earlier time wins (both ends of a two-way piece draw its middle)
    if (d2 < cur || (d2 === cur && t < s[k + SITE_T]!)) {
      s[k] = px;
      s[k + 1] = py;
      s[k + 2] = t;
      s[k + 3] = d2;
    }
  }

  /** Spreads the sites to every vertex: two raster passes, each vertex adopting a nearer neighbour's site. */
  propagate(): void {
    const { nx, ny, data: s } = this;
    for (let pass = 0; pass < 2; pass++) {
      // forward: the west, south-west, south and south-east neighbours; backward: their mirrors
      const sign = pass === 0 ? 1 : -1;
      const offsets = [4 * -sign, 4 * sign * (-nx - 1), 4 * sign * -nx, 4 * sign * (-nx + 1)];
      for (let jj = 1; jj < ny - 1; jj++) {
        const j = pass === 0 ? jj : ny - 1 - jj;
        for (let ii = 1; ii < nx - 1; ii++) {
          const i = pass === 0 ? ii : nx - 1 - ii;
          const k = 4 * (j * nx + i);
          let best = s[k + D2]!;
          if (best === 0) continue;
          let from = -1;
          for (let o = 0; o < 4; o++) {
            const n = k + offsets[o]!;
            // NaN (no site yet) fails the comparison
            const dx = i - s[n]!, dy = j - s[n + 1]!;
            const d = dx * dx + dy * dy;
            if (d < best) {
              best = d;
              from = n;
            }
          }
          if (from >= 0) {
            s[k] = s[from]!;
            s[k + 1] = s[from + 1]!;
            s[k + 2] = s[from + 2]!;
            s[k + 3] = best;
          }
        }
      }
    }
  }

  /**
   * After `propagate`: a road node reached at `t` that is the site of none of its cell's corners
   * (other roads lie nearer to all four) takes the corner nearest to it, unless an earlier site
   * holds it. Else the node could fall outside a band that reaches it (a cell holds at most two
   * sites' bisector); this costs a sliver of the band beside a road it does not reach.
   */
  keepNode(px: number, py: number, t: number): void {
    const { nx, data: s } = this;
    const ni = Math.round(px), nj = Math.round(py);
    if (ni < 1 || nj < 1 || ni >= nx - 1 || nj >= this.ny - 1) return;
    const near = 4 * (nj * nx + ni);
    const fx = Math.fround(px), fy = Math.fround(py);
    // the common cases first: the node holds its nearest corner, or an earlier site does
    if ((s[near] === fx && s[near + 1] === fy) || s[near + SITE_T]! <= t) return;
    const c = 4 * (Math.floor(py) * nx + Math.floor(px));
    for (const k of CORNERS) {
      const at = c + 4 * (k === 2 || k === 3 ? nx : 0) + 4 * (k & 1);
      if (s[at] === fx && s[at + 1] === fy) return;
    }
    s[near] = fx;
    s[near + 1] = fy;
    s[near + 2] = t;
    s[near + 3] = (ni - px) * (ni - px) + (nj - py) * (nj - py);
  }

  /**
   * Arrival seconds at each vertex: its site's time plus the off-road leg beyond `freeCells`
   * (a site's own cell corners take its time, so a node is inside every band that reaches it);
   * Infinity past `maxCells` from any road or after `limit`.
   */
  values(secondsPerCell: number, freeCells: number, maxCells: number, limit: number): Float32Array {
    const s = this.data;
    const out = new Float32Array(this.nx * this.ny);
    const max2 = maxCells * maxCells;
    for (let c = 0, k = 0; c < out.length; c++, k += 4) {
      const d2 = s[k + D2]!;
      const v = d2 <= max2 ? s[k + SITE_T]! + Math.max(0, Math.sqrt(d2) - freeCells) * secondsPerCell : Infinity;
      out[c] = v <= limit ? v : Infinity;
    }
    return out;
  }

  sites(secondsPerCell: number, freeCells: number): GridSites {
    return { data: this.data, secondsPerCell, freeCells };
  }
}
