/**
 * Source coordinate systems: a .prj WKT (or `--srs EPSG:NNNN`, looked up in the bundled
 * `epsg-index` table) becomes a function to [lon, lat] EPSG:4326 through proj4. ESRI .prj files
 * name their datum but carry no shift parameters; for the common datums the 3/7-parameter shifts
 * that GDAL/PROJ choose by default are filled in (e.g. NAD27 -> WGS 84 over CONUS, EPSG:1173).
 * Grid shifts (NADCON/NTv2) are not bundled: the Helmert shifts are good to a few metres.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import proj4 from 'proj4';
import { UserError } from '../../shared/errors.ts';

export type Transform = (x: number, y: number) => [number, number];

export interface SourceProjection {
  /** Human name for the report, e.g. `EPSG:2249` or `NAD_1927_UTM_Zone_19N`. */
  name: string;
  /** Null when the source already is lon/lat (WGS 84 / NAD83 / undefined datum). */
  transform: Transform | null;
}

/** Default shifts to WGS 84 (towgs84) of datums that .prj files name without parameters. */
const DATUM_SHIFTS: Record<string, string> = {
  northamerican1927: '-8,160,176',
  nad27: '-8,160,176',
  european1950: '-87,-98,-121',
  ed50: '-87,-98,-121',
  osgb1936: '446.448,-125.157,542.06,0.15,0.247,0.842,-20.489',
  osgb36: '446.448,-125.157,542.06,0.15,0.247,0.842,-20.489',
  tokyo: '-146.414,507.337,680.507',
  deutscheshauptdreiecksnetz: '598.1,73.7,418.2,0.202,0.045,-2.455,6.7',
  dhdn: '598.1,73.7,418.2,0.202,0.045,-2.455,6.7',
  australiangeodetic1984: '-117.763,-51.51,139.061,0.292,0.443,0.277,-0.191',
  australiangeodetic1966: '-117.808,-51.536,137.784,0.303,0.446,0.234,-0.29',
  newzealandgeodeticdatum1949: '59.47,-5.04,187.44,0.47,-0.1,1.024,-4.5993',
  southamerican1969: '-57,1,-41',
  nouvelletriangulationfrancaise: '-168,-60,320',
  ntf: '-168,-60,320',
  amersfoort: '565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725',
  belge1972: '-106.869,52.2978,-103.724,0.3366,-0.457,1.8422,-1.2747',
  ch1903: '674.374,15.056,405.346',
  puertorico: '11,72,-101',
  oldhawaiian: '61,-285,-181',
  northamerican1983: '0,0,0',
  nad83: '0,0,0',
  wgs1984: '0,0,0',
  wgs84: '0,0,0',
  etrs1989: '0,0,0',
  europeanterrestrialreferencesystem1989: '0,0,0',
  geocentricdatumofaustralia1994: '0,0,0',
  sirgas2000: '0,0,0',
};

const normalise = (s: string) => s.toLowerCase().replace(/^d_/, '').replace(/[^a-z0-9]/g, '');

let counter = 0;

type Definition = Record<string, unknown> & { projName?: string; datumCode?: string; datum_params?: unknown; nadgrids?: string };

/** Build the transform of a WKT or PROJ string; `label` names the file for errors. */
export function projectionFromText(text: string, name: string, label: string): SourceProjection {
  const key = `TESSERA:${++counter}`;
  let def: Definition | undefined;
  try {
    proj4.defs(key, text.trim());
    def = proj4.defs(key) as unknown as Definition | undefined;
  } catch (error) {
    throw new UserError(`The coordinate system of "${label}" cannot be read (${(error as Error).message}). Give it with --srs EPSG:NNNN.`, {
      cause: error,
    });
  }
  if (!def || !def.projName) {
    throw new UserError(`The coordinate system of "${label}" is not one Tessera understands. Give it with --srs EPSG:NNNN.`);
  }
  const patched: Definition = { ...def, axis: 'enu' };
  const datum = normalise(String(def.datumCode ?? ''));
  if (!def.datum_params && DATUM_SHIFTS[datum]) {
    patched.datum_params = DATUM_SHIFTS[datum]!.split(',').map(Number);
    delete patched.nadgrids;
  } else if (def.nadgrids && def.nadgrids !== '@null') {
    // Grids are not bundled; fall back to the datum's Helmert shift when known.
    delete patched.nadgrids;
    const shift = DATUM_SHIFTS[datum] ?? (String(def.ellps).toLowerCase() === 'clrk66' ? DATUM_SHIFTS.nad27 : undefined);
    if (shift) patched.datum_params = shift.split(',').map(Number);
  }
  const geographic = def.projName === 'longlat';
  const params = (patched.datum_params as number[] | undefined) ?? [];
  const noShift = params.every((p) => Number(p) === 0);
  const ellps = String(def.ellps ?? '').toLowerCase();
  if (geographic && noShift && ['', 'wgs84', 'grs80', 'undefined'].includes(ellps)) return { name, transform: null };
  let converter: proj4.Converter;
  try {
    converter = proj4(patched as unknown as Parameters<typeof proj4>[0] & string, 'EPSG:4326');
    converter.forward([0, 0]);
  } catch (error) {
    throw new UserError(
      `The coordinate system of "${label}" (${name}) is not supported (${String((error as Error).message ?? error)}). Give another with --srs EPSG:NNNN.`,
      { cause: error },
    );
  }
  return { name, transform: (x, y) => converter.forward([x, y]) as [number, number] };
}

const require = createRequire(import.meta.url);

/** `EPSG:NNNN` (or a bare number) from the bundled EPSG table. */
export function projectionFromEpsg(code: string, label: string): SourceProjection {
  const m = /^(?:epsg:)?(\d{4,6})$/i.exec(code.trim());
  if (!m) throw new UserError(`"${code}" is not a coordinate system code; write it like EPSG:4326 or EPSG:2249.`);
  const n = m[1]!;
  if (n === '4326' || n === '4269') return { name: `EPSG:${n}`, transform: null };
  let entry: { proj4?: string; wkt?: string; name?: string } | undefined;
  try {
    entry = JSON.parse(fs.readFileSync(require.resolve(`epsg-index/s/${n}.json`), 'utf8')) as typeof entry;
  } catch {
    entry = undefined;
  }
  if (!entry?.proj4 && !entry?.wkt) throw new UserError(`EPSG:${n} is not a coordinate system Tessera knows.`);
  return projectionFromText(entry.wkt ?? entry.proj4!, `EPSG:${n}`, label);
}

/** Name in a .prj, e.g. `NAD_1927_UTM_Zone_19N`, for the report. */
export function prjName(wkt: string): string {
  const m = /^\s*(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\s*\[\s*"([^"]*)"/i.exec(wkt);
  const auth = /AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(wkt.trim());
  return auth ? `EPSG:${auth[1]}` : (m?.[1] ?? 'custom');
}

/** Whether a bbox [minX, minY, maxX, maxY] could be longitude/latitude degrees. */
export function plausiblyLonLat(bbox: readonly number[]): boolean {
  const [minX, minY, maxX, maxY] = bbox as [number, number, number, number];
  return minX >= -180.5 && maxX <= 360.5 && minY >= -90.5 && maxY <= 90.5 && maxX >= minX && maxY >= minY;
}

export function missingSrsError(label: string, bbox: readonly number[]): UserError {
  const fmt = (v: number | undefined) => (v === undefined ? '?' : Math.abs(v) > 1000 ? Math.round(v).toString() : v.toFixed(4));
  return new UserError(
    `"${label}" has no .prj file telling its coordinate system, and its coordinates (${fmt(bbox[0])}, ${fmt(bbox[1])} to ` +
      `${fmt(bbox[2])}, ${fmt(bbox[3])}) are not longitude/latitude. Give the coordinate system with --srs EPSG:NNNN ` +
      '(for example EPSG:2249 for Massachusetts State Plane in US feet, EPSG:26918 for UTM zone 18N).',
  );
}
