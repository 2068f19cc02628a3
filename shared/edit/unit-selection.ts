/**
 * Choosing units by what the user typed: a pasted list of unit ids (ZIPs, FIPS codes) and an
 * attribute condition (state = Texas, population > 100000). Pure; the renderer turns the result
 * into a selection or, through `assignUnits`, into one Edit.
 */
import type { UnitRecord } from '../model/project.ts';

export interface ParsedUnitList {
  /** Known unit ids in the order first pasted, without repeats. */
  found: string[];
  /** Tokens that match no unit, as typed, without repeats. */
  unknown: string[];
}

/**
 * Parse a pasted list: ids separated by commas, semicolons, tabs, spaces or new lines. A numeric
 * token that is not an id also matches with leading zeros restored up to the length of the
 * project's ids (spreadsheets drop them: `2110` finds ZIP `02110`, `1001` finds FIPS `01001`).
 */
export function parseUnitList(text: string, unitIds: ReadonlySet<string>): ParsedUnitList {
  const found: string[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  const widths = new Set<number>();
  for (const id of unitIds) if (/^\d+$/.test(id)) widths.add(id.length);
  for (const raw of text.split(/[\s,;]+/)) {
    const token = raw.replace(/^["']|["']$/g, '').trim();
    if (!token || seen.has(token)) continue;
    seen.add(token);
    const id = resolveId(token, unitIds, widths);
    if (id === null) unknown.push(token);
    else if (!found.includes(id)) found.push(id);
  }
  return { found, unknown };
}

function resolveId(token: string, unitIds: ReadonlySet<string>, widths: ReadonlySet<number>): string | null {
  if (unitIds.has(token)) return token;
  if (!/^\d+$/.test(token)) return null;
  for (const width of widths) {
    if (width <= token.length) continue;
    const padded = token.padStart(width, '0');
    if (unitIds.has(padded)) return padded;
  }
  return null;
}

export type AttributeOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains';
export const ATTRIBUTE_OPERATORS: readonly AttributeOperator[] = ['=', '!=', '<', '<=', '>', '>=', 'contains'];

/**
 * Ids of the units whose `field` satisfies `operator value`. Text compares case-insensitively;
 * numbers numerically (a value that is not a number matches nothing with <, >). `name` and `id`
 * select on the unit's own name and id.
 */
export function selectByAttribute(units: readonly UnitRecord[], field: string, operator: AttributeOperator, value: string): string[] {
  const wanted = value.trim().toLowerCase();
  const wantedNumber = Number(value);
  const numeric = value.trim() !== '' && Number.isFinite(wantedNumber);
  const test = (actual: string | number | null): boolean => {
    if (actual === null || actual === undefined) return false;
    if (operator === 'contains') return String(actual).toLowerCase().includes(wanted);
    if (typeof actual === 'number' && numeric) return compare(actual - wantedNumber, operator);
    if (operator === '=' || operator === '!=') return compare(String(actual).toLowerCase() === wanted ? 0 : 1, operator);
    if (!numeric) return false;
    const n = Number(actual);
    return Number.isFinite(n) && compare(n - wantedNumber, operator);
  };
  const ids: string[] = [];
  for (const unit of units) {
    const actual = field === 'id' ? unit.id : field === 'name' ? unit.name : (unit.values[field] ?? null);
    if (test(actual)) ids.push(unit.id);
  }
  return ids;
}

function compare(difference: number, operator: AttributeOperator): boolean {
  switch (operator) {
    case '=':
      return difference === 0;
    case '!=':
      return difference !== 0;
    case '<':
      return difference < 0;
    case '<=':
      return difference <= 0;
    case '>':
      return difference > 0;
    default:
      return difference >= 0;
  }
}
