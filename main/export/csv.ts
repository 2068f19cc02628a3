/**
 * CSV export (RFC 4180, UTF-8 with a byte-order mark so Excel detects the encoding, CRLF rows).
 * Text cells are always quoted and numbers never are, so an ID such as the ZIP "02903" is
 * recognisably text; Excel still drops leading zeros when it opens a CSV by double-click, which
 * is why the XLSX export exists (there IDs are string cells). Formula-like text is neutralised.
 * Reals are rounded to their column's decimals; the GIS formats keep full precision.
 */
import type { Column, ExportLayer, ProgressFn } from './layers.ts';
import { FileSink } from './atomic-file.ts';
import { neutraliseFormula } from './cell-safety.ts';

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return `"${neutraliseFormula(value).replace(/"/g, '""')}"`;
}

export function csvLine(values: readonly (string | number | null)[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

export function writeCsv(file: string, layer: ExportLayer, progress?: ProgressFn): void {
  const sink = new FileSink(file);
  try {
    sink.write('\uFEFF' + csvLine(layer.columns.map((c) => c.name)));
    layer.rows.forEach((row, i) => {
      if (progress && i % 5000 === 0) progress({ stage: `csv ${layer.name}`, done: i, total: layer.rows.length });
      sink.write(csvLine(row.values.map((v, k) => rounded(v, layer.columns[k]!))));
    });
  } finally {
    sink.close();
  }
}

/** Reals to their column's decimals (cents, 0.01 %, 0.1 km²): a table for people, not a GIS. */
function rounded(value: string | number | null, column: Column): string | number | null {
  return typeof value === 'number' && column.type === 'real' && column.decimals !== undefined ? Number(value.toFixed(column.decimals)) : value;
}
