/**
 * Bounded one-to-all Dijkstra on a RoadGraph with a binary min-heap held in typed arrays (lazy
 * deletion: a node may sit in the heap more than once; stale entries are skipped when popped).
 * A workspace is reused across searches: generation stamps stand in for clearing the arrays, so a
 * search costs only what it touches.
 */
import type { RoadGraph } from './graph.ts';

export class DijkstraWorkspace {
  /** Arrival time per node, seconds; valid only where `seen[n] === generation`. */
  readonly time: Float64Array;
  private readonly seen: Uint32Array;
  private readonly done: Uint32Array;
  private generation = 0;
  /** Nodes settled by the last search in order of arrival (times within the limit). */
  settled: Int32Array;
  settledCount = 0;
  private heapKey: Float64Array;
  private heapNode: Int32Array;

  constructor(readonly graph: RoadGraph) {
    this.time = new Float64Array(graph.nodeCount);
    this.seen = new Uint32Array(graph.nodeCount);
    this.done = new Uint32Array(graph.nodeCount);
    this.settled = new Int32Array(graph.nodeCount);
    const capacity = Math.max(1024, Math.min(graph.edgeCount + 16, 1 << 20));
    this.heapKey = new Float64Array(capacity);
    this.heapNode = new Int32Array(capacity);
  }

  /** Arrival time at node n in the last search, seconds; Infinity when not reached within the limit. */
  timeOf(n: number): number {
    return this.done[n] === this.generation ? this.time[n]! : Infinity;
  }

  /**
   * Search from seed nodes, each with a start time in seconds (the off-road leg and the part of
   * the first road piece already driven), settling every node reachable within `limitSeconds`.
   */
  run(seedNodes: ArrayLike<number>, seedSeconds: ArrayLike<number>, limitSeconds = Infinity): void {
    const g = this.graph;
    const { offsets, targets, seconds } = g;
    const time = this.time;
    const seen = this.seen;
    const done = this.done;
    const settled = this.settled;
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      seen.fill(0);
      done.fill(0);
      this.generation = 1;
    }
    const gen = this.generation;
    let keys = this.heapKey;
    let nodes = this.heapNode;
    let size = 0;
    let settledCount = 0;

    for (let i = 0; i < seedNodes.length; i++) {
      const n = seedNodes[i]!;
      const s = seedSeconds[i]!;
      if (!(s <= limitSeconds)) continue;
      if (seen[n] !== gen || s < time[n]!) {
        seen[n] = gen;
        time[n] = s;
        if (size === keys.length) [keys, nodes] = this.growHeap();
        size = siftUp(keys, nodes, size, s, n);
      }
    }

    while (size > 0) {
      const d = keys[0]!;
      const u = nodes[0]!;
      // pop: move the last entry to the root and sift it down
      size--;
      if (size > 0) {
        const lk = keys[size]!;
        const ln = nodes[size]!;
        let i = 0;
        for (;;) {
          let c = 2 * i + 1;
          if (c >= size) break;
          const r = c + 1;
          if (r < size && keys[r]! < keys[c]!) c = r;
          if (keys[c]! >= lk) break;
          keys[i] = keys[c]!;
          nodes[i] = nodes[c]!;
          i = c;
        }
        keys[i] = lk;
        nodes[i] = ln;
      }
      if (done[u] === gen || d > time[u]!) continue;
      if (d > limitSeconds) break;
      done[u] = gen;
      settled[settledCount++] = u;
      for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
        const v = targets[e]!;
        const nd = d + seconds[e]!;
        if (nd > limitSeconds) continue;
        if (seen[v] !== gen || (nd < time[v]! && done[v] !== gen)) {
          seen[v] = gen;
          time[v] = nd;
          if (size === keys.length) [keys, nodes] = this.growHeap();
          // sift up (inlined: this is the hot loop)
          let i = size++;
          while (i > 0) {
            const p = (i - 1) >> 1;
            const pk = keys[p]!;
            if (pk <= nd) break;
            keys[i] = pk;
            nodes[i] = nodes[p]!;
            i = p;
          }
          keys[i] = nd;
          nodes[i] = v;
        }
      }
    }
    this.settledCount = settledCount;
  }

  private growHeap(): [Float64Array, Int32Array] {
    const k2 = new Float64Array(this.heapKey.length * 2);
    k2.set(this.heapKey);
    const n2 = new Int32Array(this.heapNode.length * 2);
    n2.set(this.heapNode);
    this.heapKey = k2;
    this.heapNode = n2;
    return [k2, n2];
  }
}

/** Insert (k, n) into a binary min-heap of `size` entries; returns the new size. */
function siftUp(keys: Float64Array, nodes: Int32Array, size: number, k: number, n: number): number {
  let i = size;
  while (i > 0) {
    const p = (i - 1) >> 1;
    const pk = keys[p]!;
    if (pk <= k) break;
    keys[i] = pk;
    nodes[i] = nodes[p]!;
    i = p;
  }
  keys[i] = k;
  nodes[i] = n;
  return size + 1;
}
