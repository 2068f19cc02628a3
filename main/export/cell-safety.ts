/**
 * Spreadsheet formula injection (CSV/XLSX "CSV injection"): a text cell that starts with `=`, `+`,
 * `-`, `@`, a tab or a carriage return can be taken as a formula by Excel, LibreOffice or Google
 * Sheets. Such text cells get a leading single quote, the OWASP recommendation. Numbers stay
 * numbers, and so does text that is just a plain number ("-12.5"), which no spreadsheet can run.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
