/**
 * Batch lead routing: read a CSV of leads, find each lead's territory and rep, and write the same
 * CSV back with routing columns appended. The location column(s) are detected from the header: a
 * latitude and a longitude column (used when both parse on a row), else a ZIP / postal code column.
 * Written through a temporary file and renamed, like every export.
 */
import path from 'node:path';
import { UserError } from '../../shared/errors.ts';
import { readCsv } from '../import/csv.ts';
import { writeAtomically, FileSink } from '../export/atomic-file.ts';
import { csvLine } from '../export/csv.ts';
import type { ProgressFn } from '../export/layers.ts';
import type { ProjectStore } from '../store/project-store.ts';
import { Router, type MatchedBy } from './router.ts';

const ZIP_HEADERS = new Set(['zip', 'zipcode', 'zip5', 'postalcode', 'postcode', 'zcta', 'zcta5', 'zippostalcode', 'billingpostalcode', 'billingzip', 'mailingpostalcode', 'mailingzip', 'shippingpostalcode']);
const LAT_HEADERS = new Set(['lat', 'latitude', 'y']);
const LON_HEADERS = new Set(['lon', 'lng', 'long', 'longitude', 'x']);

export const ROUTE_COLUMNS = ['territory_id', 'territory', 'rep_id', 'rep', 'unit_id', 'matched_by'] as const;

export interface LeadColumns {
  zip: number | null;
  lat: number | null;
  lon: number | null;
}

export interface BatchResult {
  file: string;
  scenario: { id: string; name: string };
  columns: { zip: string | null; lat: string | null; lon: string | null };
  rows: number;
  routed: number;
  unrouted: number;
  matchedBy: Partial<Record<MatchedBy, number>>;
}

const key = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

export function detectLeadColumns(header: readonly string[]): LeadColumns {
  const find = (names: Set<string>) => {
    const i = header.findIndex((h) => names.has(key(h)));
    return i >= 0 ? i : null;
  };
  let zip = find(ZIP_HEADERS);
  if (zip === null) {
    const i = header.findIndex((h) => /zip|postal/.test(key(h)));
    zip = i >= 0 ? i : null;
  }
  const lat = find(LAT_HEADERS);
  const lon = find(LON_HEADERS);
  return { zip, lat: lat !== null && lon !== null ? lat : null, lon: lat !== null && lon !== null ? lon : null };
}

export async function routeCsv(store: ProjectStore, input: string, output: string, options: { scenario?: string; progress?: ProgressFn } = {}): Promise<BatchResult> {
  if (path.resolve(input) === path.resolve(output)) throw new UserError('--out must be a different file from --csv: the leads file is never overwritten.');
  const router = new Router(store, options.scenario);
  const table = readCsv(input);
  const columns = detectLeadColumns(table.header);
  if (columns.zip === null && columns.lat === null) {
    throw new UserError(
      `"${path.basename(input)}" has no ZIP column (zip, zipcode, postal_code, …) and no latitude/longitude columns (lat, lon, …). ` +
        `Its columns are: ${table.header.join(', ')}.`,
    );
  }
  const outHeader = [...table.header, ...ROUTE_COLUMNS.map((c) => (table.header.some((h) => key(h) === key(c)) ? `routed_${c}` : c))];
  const matchedBy: Partial<Record<MatchedBy, number>> = {};
  let routed = 0;
  await writeAtomically(output, (temp) => {
    const sink = new FileSink(temp);
    try {
      sink.write('\uFEFF' + csvLine(outHeader));
      table.rows.forEach((row, i) => {
        if (options.progress && i % 1000 === 0) options.progress({ stage: 'route', done: i, total: table.rows.length });
        const lat = columns.lat === null ? NaN : Number(row.cells[columns.lat]);
        const lon = columns.lon === null ? NaN : Number(row.cells[columns.lon]);
        const zip = columns.zip === null ? '' : (row.cells[columns.zip] ?? '').trim();
        const answer =
          Number.isFinite(lat) && Number.isFinite(lon) && (row.cells[columns.lat!] ?? '').trim() !== ''
            ? router.routeAt(lon, lat)
            : zip
              ? router.routeZip(zip)
              : null;
        const by: MatchedBy = answer?.matchedBy ?? 'none';
        matchedBy[by] = (matchedBy[by] ?? 0) + 1;
        if (answer?.territory) routed++;
        sink.write(
          csvLine([
            ...row.cells,
            answer?.territory?.id ?? null,
            answer?.territory?.name ?? null,
            answer?.rep?.id ?? null,
            answer?.rep?.name ?? null,
            answer?.unit?.id ?? null,
            answer ? by : 'no-location',
          ]),
        );
      });
    } finally {
      sink.close();
    }
  });
  const name = (i: number | null) => (i === null ? null : table.header[i]!);
  return {
    file: path.resolve(output),
    scenario: router.scenario,
    columns: { zip: name(columns.zip), lat: name(columns.lat), lon: name(columns.lon) },
    rows: table.rows.length,
    routed,
    unrouted: table.rows.length - routed,
    matchedBy,
  };
}
