/**
 * Which rows of a layer's data changed between two revisions of a per-row buffer (the territory
 * border widths), so the layer re-runs its accessor and re-uploads only those rows instead of all
 * 33,000 (deck.gl `attributeManager.invalidate(accessor, { startRow, endRow })`).
 */

/** Half-open row ranges [start, end). */
export type RowRanges = [number, number][];

/** More ranges than this are merged across their smallest gaps (each range is one buffer upload). */
const MAX_RANGES = 64;
/** Revisions remembered; a layer further behind than this refreshes every row. */
const LOG_LENGTH = 8;

export class RowChangeLog {
  private revisionCounter = 0;
  private readonly log: { revision: number; ranges: RowRanges | null }[] = [];

  get revision(): number {
    return this.revisionCounter;
  }

  /** Record a change: the rows that changed, or null for all of them. */
  record(ranges: RowRanges | null): void {
    if (ranges && ranges.length === 0) return;
    this.revisionCounter += 1;
    this.log.push({ revision: this.revisionCounter, ranges });
    if (this.log.length > LOG_LENGTH) this.log.shift();
  }

  /** Rows changed after `revision` up to now; null when unknown (refresh all). */
  since(revision: number): RowRanges | null {
    if (revision === this.revisionCounter) return [];
    const entries = this.log.filter((e) => e.revision > revision);
    if (entries.length !== this.revisionCounter - revision) return null;
    const all: RowRanges = [];
    for (const e of entries) {
      if (!e.ranges) return null;
      all.push(...e.ranges);
    }
    return mergeRanges(all);
  }
}

/** Sorted rows (repeats allowed) to at most MAX_RANGES ranges covering them. */
export function rowsToRanges(sortedRows: ArrayLike<number>): RowRanges {
  const ranges: RowRanges = [];
  // The open range as two numbers: a lasso's thousands of rows allocate one array per range, not per row.
  let start = -1;
  let end = -1;
  for (let i = 0; i < sortedRows.length; i++) {
    const row = sortedRows[i]!;
    if (start >= 0 && row <= end) end = Math.max(end, row + 1);
    else {
      if (start >= 0) ranges.push([start, end]);
      start = row;
      end = row + 1;
    }
  }
  if (start >= 0) ranges.push([start, end]);
  return capRanges(ranges);
}

function mergeRanges(ranges: RowRanges): RowRanges {
  const sorted = ranges.toSorted((a, b) => a[0] - b[0]);
  const out: RowRanges = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return capRanges(out);
}

/** Merge neighbours across the smallest gaps until at most MAX_RANGES remain. */
function capRanges(ranges: RowRanges): RowRanges {
  if (ranges.length <= MAX_RANGES) return ranges;
  const gaps = ranges.slice(1).map((r, i) => r[0] - ranges[i]![1]);
  // The (MAX_RANGES - 1)-th widest gap; a typed array sorts without a comparator call per step.
  const threshold = Int32Array.from(gaps).sort()[gaps.length - MAX_RANGES + 1]!;
  const out: RowRanges = [[...ranges[0]!]];
  for (let i = 1; i < ranges.length; i++) {
    const last = out[out.length - 1]!;
    // Keep a split only at the MAX_RANGES - 1 widest gaps (ties may keep a few more merged).
    if (gaps[i - 1]! > threshold && out.length < MAX_RANGES) out.push([...ranges[i]!]);
    else last[1] = ranges[i]![1];
  }
  return out;
}
