/** Display formatting for the panel and tooltips (en-US; amounts are US dollars). */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1234 -> "1,234". */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** US dollars with K/M/B suffixes: 950 -> "$950", 12_340 -> "$12.3K", 4_560_000 -> "$4.56M". */
export function formatMoney(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const scaled = (n: number, suffix: string) => `${sign}$${n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)}${suffix}`;
  if (abs >= 1e9) return scaled(abs / 1e9, 'B');
  if (abs >= 1e6) return scaled(abs / 1e6, 'M');
  if (abs >= 1e3) return scaled(abs / 1e3, 'K');
  return `${sign}$${abs.toFixed(0)}`;
}

/** Fraction as a signed percentage: 0.123 -> "+12.3%", -0.05 -> "−5.0%". */
export function formatDeviation(fraction: number): string {
  const pct = fraction * 100;
  if (Math.abs(pct) < 0.05) return '0.0%';
  return `${pct > 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`;
}

/** A unit field value for the tooltip: numbers grouped, text as is, missing as an en dash. */
export function formatFieldValue(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  return typeof value === 'number' ? integer.format(value) : value;
}
