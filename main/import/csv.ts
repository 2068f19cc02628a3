/**
 * CSV/TSV reading (RFC 4180 quoting) with delimiter detection. Structural damage (an unclosed
 * quote, rows with the wrong number of cells) is an error naming the rows; bad values are left to
 * the caller to skip and report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors.ts';

export interface CsvTable {
  header: string[];
  /** Data rows with their 1-based line number in the file. */
  rows: { line: number; cells: string[] }[];
  delimiter: string;
}

export function readCsv(file: string): CsvTable {
  const label = path.basename(file);
  const buf = fs.readFileSync(file);
  if (buf.length === 0) throw new UserError(`"${label}" is empty (0 bytes).`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    text = new TextDecoder('windows-1252').decode(buf);
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const delimiter = /\.tsv$/i.test(file) ? '\t' : [',', '\t', ';', '|'].reduce((best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best), ',');
  const records = parse(text, delimiter, label);
  const nonEmpty = records.filter((r) => !(r.cells.length === 1 && r.cells[0]!.trim() === ''));
  if (nonEmpty.length === 0) throw new UserError(`"${label}" has no rows.`);
  const [head, ...rows] = nonEmpty;
  const header = head!.cells.map((h) => h.trim());
  if (rows.length === 0) throw new UserError(`"${label}" has a header row but no data rows.`);
  const broken = rows.filter((r) => r.cells.length !== header.length);
  if (broken.length > 0) {
    const list = broken
      .slice(0, 5)
      .map((r) => `line ${r.line} has ${r.cells.length} cells`)
      .join(', ');
    throw new UserError(
      `"${label}" has ${broken.length} broken row${broken.length > 1 ? 's' : ''} (the header has ${header.length} columns; ${list}${broken.length > 5 ? ', …' : ''}). Fix them and import again; nothing was imported.`,
    );
  }
  return { header, rows, delimiter };
}

const count = (s: string, d: string) => s.split(d).length - 1;

function parse(text: string, d: string, label: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      quoteStart = line;
      cell = '';
    } else if (c === d) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      out.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      line++;
      recordLine = line;
    } else cell += c;
  }
  if (quoted) throw new UserError(`"${label}" is broken: a quote opened on line ${quoteStart} is never closed. Nothing was imported.`);
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    out.push({ line: recordLine, cells });
  }
  return out;
}
