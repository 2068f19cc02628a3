/**
 * XLSX export with exceljs: one worksheet per table, a bold frozen header with filters, IDs and
 * all other text as string cells (so ZIP "02903" keeps its leading zero in Excel), numbers as
 * numbers with a display format. Formula-like text is neutralised (cell-safety.ts); nothing is
 * ever written as a formula.
 */
import ExcelJS from 'exceljs';
import type { Column, ExportLayer, ProgressFn } from './layers.ts';
import { neutraliseFormula } from './cell-safety.ts';

const SHEET_NAMES: Record<string, string> = { units: 'Units', accounts: 'Accounts', territories: 'Territories', metrics: 'Metrics' };

export async function writeXlsx(file: string, layers: readonly ExportLayer[], progress?: ProgressFn): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tessera';
  workbook.created = new Date();
  for (const layer of layers) {
    const sheet = workbook.addWorksheet(SHEET_NAMES[layer.name] ?? layer.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = layer.columns.map((c) => ({
      header: c.name,
      key: c.name,
      width: Math.max(10, Math.min(40, c.name.length + 2)),
      style: { numFmt: numberFormat(c) },
    }));
    sheet.getRow(1).font = { bold: true };
    layer.rows.forEach((row, i) => {
      if (progress && i % 5000 === 0) progress({ stage: `xlsx ${layer.name}`, done: i, total: layer.rows.length });
      sheet.addRow(row.values.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)));
    });
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: layer.columns.length } };
  }
  await workbook.xlsx.writeFile(file);
}

/** Text columns are Text (`@`); counts and money get separators; figures of unknown precision stay General. */
function numberFormat(c: Column): string {
  if (c.type === 'text') return '@';
  if (c.type === 'integer') return '#,##0';
  if (c.decimals !== undefined && c.decimals <= 2) return c.decimals ? `#,##0.${'0'.repeat(c.decimals)}` : '#,##0';
  return 'General';
}
