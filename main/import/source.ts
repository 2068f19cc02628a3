/**
 * Finding the layers in what the user offered: a file (.shp set member, .zip, GeoJSON, GeoPackage,
 * KML, CSV/TSV) or a folder. Shapefile sidecars are matched case-insensitively; a zip is unpacked
 * safely into a temporary folder first. Several layers and no `--layer`: a UserError lists them.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../../shared/errors.ts';
import { extractZip, isJunkEntry } from './zip.ts';

export interface ShapefileSet {
  shp: string;
  shx?: string;
  dbf?: string;
  prj?: string;
  cpg?: string;
}

export type LayerRef =
  | { format: 'shapefile'; name: string; files: ShapefileSet }
  | { format: 'geojson'; name: string; file: string }
  | { format: 'gpkg'; name: string; file: string; table: string }
  | { format: 'kml'; name: string; file: string }
  | { format: 'csv'; name: string; file: string };

export interface OpenedSource {
  layer: LayerRef;
  /** Remove temporary files (an unpacked zip). */
  cleanup(): void;
}

const SIDECARS = ['shx', 'dbf', 'prj', 'cpg'] as const;

/** The layers a source offers, for a picker (the UI) before importing one of them. */
export async function listSourceLayers(source: string): Promise<{ name: string; format: LayerRef['format'] }[]> {
  const { layers, cleanup } = await findLayers(source);
  cleanup();
  return layers.map((l) => ({ name: l.name, format: l.format }));
}

async function findLayers(source: string): Promise<{ layers: LayerRef[]; root: string; cleanup: () => void }> {
  if (!fs.existsSync(source)) throw new UserError(`"${source}" does not exist.`);
  let root = source;
  let cleanup = () => {};
  let layers: LayerRef[];
  if (fs.statSync(source).isDirectory()) layers = scanFolder(source);
  else if (/\.zip$/i.test(source)) {
    root = await extractZip(source);
    const dir = root;
    cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
    try {
      layers = scanFolder(root);
    } catch (error) {
      cleanup();
      throw error;
    }
  } else layers = layersOfFile(source);
  return { layers, root, cleanup };
}

export async function openSource(source: string, layerName?: string): Promise<OpenedSource> {
  const label = path.basename(source);
  const { layers, root, cleanup } = await findLayers(source);
  const stat = fs.statSync(source);
  try {
    if (layers.length === 0) {
      throw new UserError(
        stat.isDirectory() || root !== source
          ? `"${label}" holds no shapefile, GeoJSON, GeoPackage, KML or CSV file that could be imported.`
          : `"${label}" is not a format Tessera imports (shapefile, zip, GeoJSON, GeoPackage, KML, CSV/TSV).`,
      );
    }
    if (layerName !== undefined) {
      const wanted = layerName.toLowerCase();
      const match = layers.find((l) => l.name.toLowerCase() === wanted) ?? layers.find((l) => l.name.toLowerCase().endsWith('/' + wanted));
      if (!match) throw new UserError(`"${label}" has no layer "${layerName}". Its layers: ${layers.map((l) => l.name).join(', ')}.`);
      return { layer: match, cleanup };
    }
    if (layers.length > 1) {
      throw new UserError(
        `"${label}" holds ${layers.length} layers: ${layers.map((l) => l.name).join(', ')}. Choose one with --layer NAME.`,
      );
    }
    return { layer: layers[0]!, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

function layersOfFile(file: string): LayerRef[] {
  const ext = path.extname(file).toLowerCase();
  const name = path.basename(file, path.extname(file));
  if (fs.statSync(file).size === 0) throw new UserError(`"${path.basename(file)}" is empty (0 bytes).`);
  switch (ext) {
    case '.shp':
    case '.shx':
    case '.dbf':
      return [{ format: 'shapefile', name, files: shapefileSet(file) }];
    case '.geojson':
    case '.json':
      return [{ format: 'geojson', name, file }];
    case '.kml':
      return [{ format: 'kml', name, file }];
    case '.csv':
    case '.tsv':
    case '.txt':
      return [{ format: 'csv', name, file }];
    case '.gpkg':
      return gpkgLayers(file);
    default:
      return [];
  }
}

/** The sidecars of a shapefile set, found next to it whatever the case of their extensions. */
function shapefileSet(member: string): ShapefileSet {
  const dir = path.dirname(member);
  const base = path.basename(member, path.extname(member)).toLowerCase();
  const byExt = new Map<string, string>();
  for (const f of fs.readdirSync(dir)) {
    const ext = path.extname(f).toLowerCase().slice(1);
    if (path.basename(f, path.extname(f)).toLowerCase() === base && !byExt.has(ext)) byExt.set(ext, path.join(dir, f));
  }
  const shp = byExt.get('shp');
  if (!shp) throw new UserError(`"${path.basename(member)}" has no .shp file next to it: the shapefile set is incomplete.`);
  const set: ShapefileSet = { shp };
  for (const ext of SIDECARS) {
    const f = byExt.get(ext);
    if (f) set[ext] = f;
  }
  return set;
}

function scanFolder(root: string): LayerRef[] {
  const layers: LayerRef[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (isJunkEntry(rel)) continue;
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      const ext = path.extname(entry.name).toLowerCase();
      if (!['.shp', '.geojson', '.json', '.gpkg', '.kml', '.csv', '.tsv'].includes(ext)) continue;
      if (fs.statSync(full).size === 0 && ext !== '.shp') continue;
      const found = ext === '.shp' ? [{ format: 'shapefile', name: '', files: shapefileSet(full) } as LayerRef] : layersOfFile(full);
      const relBase = rel.slice(0, rel.length - ext.length);
      for (const layer of found) {
        layer.name = layer.format === 'gpkg' ? `${relBase}/${layer.name}` : relBase;
        layers.push(layer);
      }
    }
  };
  walk(root);
  // Short names when they are unambiguous: "tl_2010_10_zcta510" rather than "folder/tl_2010_10_zcta510".
  const short = layers.map((l) => l.name.split('/').at(-1)!);
  if (new Set(short.map((s) => s.toLowerCase())).size === short.length) layers.forEach((l, i) => (l.name = short[i]!));
  return layers;
}

function gpkgLayers(file: string): LayerRef[] {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new UserError(`"${path.basename(file)}" cannot be opened as a GeoPackage (${(error as Error).message}).`, { cause: error });
  }
  try {
    const rows = db.prepare('SELECT table_name FROM gpkg_geometry_columns ORDER BY table_name').all() as { table_name: string }[];
    return rows.map((r) => ({ format: 'gpkg', name: r.table_name, file, table: r.table_name }));
  } catch (error) {
    throw new UserError(`"${path.basename(file)}" is not a GeoPackage: it has no feature tables.`, { cause: error });
  } finally {
    db.close();
  }
}
