/**
 * The road graph in compressed sparse row (CSR) form: every vertex of the road lines is a node
 * (lon/lat degrees, EPSG:4326) and every straight piece between two vertices is one directed edge
 * per direction that may be driven, weighted by travel seconds. No per-node objects: the arrays
 * below are the whole graph, stored as BLOBs in the project and loaded as they are.
 */

export interface RoadGraph {
  nodeCount: number;
  edgeCount: number;
  /** Node longitude / latitude, degrees (EPSG:4326). */
  lon: Float64Array;
  lat: Float64Array;
  /** Edges leaving node n are offsets[n] .. offsets[n+1]-1 (length nodeCount + 1). */
  offsets: Int32Array;
  /** Head node of each edge. */
  targets: Int32Array;
  /** Travel time along each edge, seconds. */
  seconds: Float32Array;
}

/**
 * Collects road pieces and joins them into nodes at shared vertices: two vertices whose
 * coordinates round to the same multiple of `snapDegrees` are one node.
 */
export class GraphBuilder {
  private readonly keys = new Map<string, number>();
  private lons = new Float64Array(1024);
  private lats = new Float64Array(1024);
  private nodes = 0;
  private from = new Int32Array(1024);
  private to = new Int32Array(1024);
  private secs = new Float32Array(1024);
  private edges = 0;

  /** @param snapDegrees vertex join tolerance, degrees (1e-7 ≈ 1 cm). */
  constructor(private readonly snapDegrees = 1e-7) {}

  get nodeCount(): number {
    return this.nodes;
  }

  get edgeCount(): number {
    return this.edges;
  }

  /** The node at a vertex (created on first sight). Coordinates in degrees. */
  node(lon: number, lat: number): number {
    const q = this.snapDegrees;
    const key = `${Math.round(lon / q)},${Math.round(lat / q)}`;
    const found = this.keys.get(key);
    if (found !== undefined) return found;
    if (this.nodes === this.lons.length) {
      this.lons = grow(this.lons);
      this.lats = grow(this.lats);
    }
    this.lons[this.nodes] = lon;
    this.lats[this.nodes] = lat;
    this.keys.set(key, this.nodes);
    return this.nodes++;
  }

  /**
   * A road piece between nodes a and b. `forwardSeconds` (a -> b) and `backwardSeconds` (b -> a)
   * are travel times in seconds; Infinity, NaN or a negative value means that direction is closed
   * (one-way). A piece joining a node to itself is ignored.
   */
  piece(a: number, b: number, forwardSeconds: number, backwardSeconds: number): void {
    if (a === b) return;
    if (forwardSeconds >= 0 && forwardSeconds < Infinity) this.edge(a, b, forwardSeconds);
    if (backwardSeconds >= 0 && backwardSeconds < Infinity) this.edge(b, a, backwardSeconds);
  }

  private edge(a: number, b: number, s: number): void {
    if (this.edges === this.from.length) {
      this.from = grow(this.from);
      this.to = grow(this.to);
      this.secs = grow(this.secs);
    }
    this.from[this.edges] = a;
    this.to[this.edges] = b;
    this.secs[this.edges] = s;
    this.edges++;
  }

  build(): RoadGraph {
    return csr(this.nodes, this.lons.slice(0, this.nodes), this.lats.slice(0, this.nodes), this.from, this.to, this.secs, this.edges);
  }
}

/** CSR from an edge list (first `edgeCount` entries of from/to/seconds). */
export function csr(
  nodeCount: number,
  lon: Float64Array,
  lat: Float64Array,
  from: Int32Array,
  to: Int32Array,
  seconds: Float32Array,
  edgeCount = from.length,
): RoadGraph {
  const offsets = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) offsets[from[e]! + 1]!++;
  for (let n = 0; n < nodeCount; n++) offsets[n + 1]! += offsets[n]!;
  const fill = offsets.slice(0, nodeCount);
  const targets = new Int32Array(edgeCount);
  const secs = new Float32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const slot = fill[from[e]!]!++;
    targets[slot] = to[e]!;
    secs[slot] = seconds[e]!;
  }
  return { nodeCount, edgeCount, lon, lat, offsets, targets, seconds: secs };
}

/** The edge a -> b, or -1 when there is none (the fastest when there are several). */
export function findEdge(g: RoadGraph, a: number, b: number): number {
  let best = -1;
  for (let e = g.offsets[a]!, end = g.offsets[a + 1]!; e < end; e++) {
    if (g.targets[e] === b && (best < 0 || g.seconds[e]! < g.seconds[best]!)) best = e;
  }
  return best;
}

export interface Components {
  /** Component of each node; 0 is the largest, then by decreasing size. */
  componentOf: Int32Array;
  /** Node count of each component, largest first. */
  sizes: number[];
}

/** Pieces of network that are not joined to each other at all (edge direction ignored). */
export function components(g: RoadGraph): Components {
  const parent = new Int32Array(g.nodeCount);
  for (let i = 0; i < g.nodeCount; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let a = 0; a < g.nodeCount; a++) {
    for (let e = g.offsets[a]!, end = g.offsets[a + 1]!; e < end; e++) {
      const ra = find(a);
      const rb = find(g.targets[e]!);
      if (ra !== rb) parent[ra] = rb;
    }
  }
  const count = new Map<number, number>();
  for (let i = 0; i < g.nodeCount; i++) {
    const r = find(i);
    count.set(r, (count.get(r) ?? 0) + 1);
  }
  const order = [...count].sort((x, y) => y[1] - x[1]);
  const idOfRoot = new Map(order.map(([root], i) => [root, i]));
  const componentOf = new Int32Array(g.nodeCount);
  for (let i = 0; i < g.nodeCount; i++) componentOf[i] = idOfRoot.get(find(i))!;
  return { componentOf, sizes: order.map(([, n]) => n) };
}

/**
 * Strongly connected pieces: nodes one can drive both to and from each other (one-way streets
 * respected), in the same `Components` shape (0 the largest). A one-way dead end, or a street one
 * can leave but never enter, is a piece of its own. Iterative Tarjan, O(nodes + edges).
 */
export function strongComponents(g: RoadGraph): Components {
  const n = g.nodeCount;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const rootOf = new Int32Array(n);
  let sp = 0, next = 0, roots = 0;
  const rootSizes: number[] = [];
  for (let s = 0; s < n; s++) {
    if (index[s] !== -1) continue;
    let depth = 0;
    callNode[0] = s;
    callEdge[0] = g.offsets[s]!;
    index[s] = low[s] = next++;
    stack[sp++] = s;
    onStack[s] = 1;
    while (depth >= 0) {
      const u = callNode[depth]!;
      const e = callEdge[depth]!;
      if (e < g.offsets[u + 1]!) {
        callEdge[depth] = e + 1;
        const v = g.targets[e]!;
        if (index[v] === -1) {
          index[v] = low[v] = next++;
          stack[sp++] = v;
          onStack[v] = 1;
          depth++;
          callNode[depth] = v;
          callEdge[depth] = g.offsets[v]!;
        } else if (onStack[v] && index[v]! < low[u]!) low[u] = index[v]!;
        continue;
      }
      // u is done: close its piece if it is a root, then return to its caller
      if (low[u] === index[u]) {
        let size = 0;
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          rootOf[w] = roots;
          size++;
        } while (w !== u);
        rootSizes.push(size);
        roots++;
      }
      depth--;
      if (depth >= 0) {
        const p = callNode[depth]!;
        if (low[u]! < low[p]!) low[p] = low[u]!;
      }
    }
  }
  const order = rootSizes.map((size, id) => [id, size] as const).sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  const rank = new Int32Array(roots);
  order.forEach(([id], i) => (rank[id] = i));
  const componentOf = new Int32Array(n);
  for (let i = 0; i < n; i++) componentOf[i] = rank[rootOf[i]!]!;
  return { componentOf, sizes: order.map(([, size]) => size) };
}

function grow<T extends Float64Array | Float32Array | Int32Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
