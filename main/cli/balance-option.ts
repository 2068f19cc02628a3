import { UserError } from '../../shared/errors.ts';

/** `--balance FIELD[:WEIGHT],...` (weight 1 when omitted), as `tessera metrics` and `tessera align` take it. */
export function parseBalanceOption(text: string): { field: string; weight: number }[] {
  const fields = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const [field, weight] = item.split(':');
      const w = weight === undefined ? 1 : Number(weight);
      if (!(w >= 0)) throw new UserError(`--balance: weight "${weight}" of "${field}" is not a number >= 0.`);
      return { field: field!, weight: w };
    });
  if (fields.length === 0) throw new UserError('--balance needs at least one field name, e.g. --balance potential,accounts.');
  return fields;
}
