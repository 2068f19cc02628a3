/**
 * Field mapping: which source field is the unit id, which the name, and which other fields become
 * columns (numbers as metrics). Ids are kept as text with their leading zeros.
 */
import { UserError } from '../../shared/errors.ts';
import type { FieldMeta } from './reader.ts';

const ID_CANDIDATES = [
  'GEOID', 'GEOID20', 'GEOID10', 'GEOID00', 'ZCTA5CE20', 'ZCTA5CE10', 'ZCTA5CE', 'ZCTA5', 'ZCTA', 'ZIP', 'ZIPCODE', 'ZIP_CODE',
  'POSTCODE', 'POSTAL_CODE', 'PLZ', 'FIPS', 'GEO_ID', 'AFFGEOID', 'COUNTYFP', 'ID', 'CODE',
];
const NAME_CANDIDATES = ['NAME', 'NAMELSAD', 'NAME20', 'NAME10', 'NAMELSAD10', 'NAMELSAD20', 'LABEL', 'TITLE', 'ZCTA5CE20', 'ZCTA5CE10'];
const RESERVED = new Set(['fid', 'geom', 'unit_id', 'name']);

export interface FieldPlan {
  idField: string | null;
  nameField: string | null;
  /** Extra columns: source field -> column name in the units table. */
  columns: { source: string; column: string; type: 'number' | 'text' }[];
}

const findField = (fields: FieldMeta[], name: string) => fields.find((f) => f.name.toLowerCase() === name.toLowerCase());

/** Text id of a value, keeping leading zeros; numbers print without a trailing ".0". */
export function idText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'number' ? String(value) : String(value).trim();
  return text === '' ? null : text;
}

/**
 * Decide the field plan from the declared fields and a sample of features (all of them for
 * in-memory formats). `label` names the source in errors.
 */
export function planFields(
  fields: FieldMeta[],
  sample: { properties: Record<string, unknown> }[],
  options: { idField?: string; nameField?: string },
  label: string,
): FieldPlan {
  let idField: string | null = null;
  if (options.idField) {
    const f = findField(fields, options.idField);
    if (!f) throw new UserError(`"${label}" has no field "${options.idField}". Its fields: ${fields.map((x) => x.name).join(', ') || '(none)'}.`);
    idField = f.name;
  } else {
    const unique = (name: string) => {
      const seen = new Set<string>();
      for (const s of sample) {
        const id = idText(s.properties[name]);
        if (id === null || seen.has(id)) return false;
        seen.add(id);
      }
      return seen.size > 0;
    };
    for (const candidate of ID_CANDIDATES) {
      const f = findField(fields, candidate);
      if (f && unique(f.name)) {
        idField = f.name;
        break;
      }
    }
    idField ??= fields.find((f) => f.type === 'text' && unique(f.name))?.name ?? null;
  }
  let nameField: string | null = null;
  if (options.nameField) {
    const f = findField(fields, options.nameField);
    if (!f) throw new UserError(`"${label}" has no field "${options.nameField}". Its fields: ${fields.map((x) => x.name).join(', ') || '(none)'}.`);
    nameField = f.name;
  } else {
    nameField = NAME_CANDIDATES.map((c) => findField(fields, c)).find((f) => f && f.type === 'text')?.name ?? idField;
  }
  const columns: FieldPlan['columns'] = [];
  const used = new Set(RESERVED);
  for (const f of fields) {
    if (f.name === idField) continue;
    if (f.name === nameField && nameField !== idField) continue;
    let column = f.name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 60) || 'field';
    if (/^[0-9]/.test(column)) column = `f_${column}`;
    let unique = column;
    for (let i = 1; used.has(unique.toLowerCase()); i++) unique = `${column}_${i}`;
    used.add(unique.toLowerCase());
    columns.push({ source: f.name, column: unique, type: f.type });
  }
  return { idField, nameField, columns };
}
