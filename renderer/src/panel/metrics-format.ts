/** Formatting of metric figures for the panel and legend (percentages are already in percent). */
import { formatCount, formatMoney } from '../util/format.ts';

/** Signed percentage: 12.34 -> "+12.3%", -5 -> "−5.0%", null -> "–". */
export function formatPct(pct: number | null): string {
  if (pct === null || !Number.isFinite(pct)) return '–';
  if (Math.abs(pct) < 0.05) return '0.0%';
  return `${pct > 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`;
}

/** A balance field's total in its own unit: dollars for potential, counts otherwise. */
export function formatFieldTotal(field: string, value: number): string {
  return field === 'potential' ? formatMoney(value) : formatCount(value);
}

/** Display names of the built-in balance fields; unit fields use their registered label. */
export const BUILTIN_LABELS: Record<string, string> = { units: 'Units', accounts: 'Accounts', potential: 'Potential' };
