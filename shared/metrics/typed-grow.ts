/**
 * A per-slot typed array grown to a new length: the old values copied to the front, the new tail
 * zero (or `fill`). The engine and its helpers (drive sums, lazy memo) grow their slot arrays
 * together when a territory is added beyond their capacity.
 */
export function grown<A extends Float64Array | Int32Array | Uint32Array | Uint8Array>(a: A, length: number, fill = 0): A {
  const b = new (a.constructor as { new (n: number): A })(length);
  if (fill !== 0) b.fill(fill);
  b.set(a);
  return b;
}
