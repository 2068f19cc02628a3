/**
 * Fonts of the PDF export. Text that WinAnsi can encode is set in the standard Helvetica (not
 * embedded, widths = Arial's, which the SVG and PPTX use, so the three outputs line up). Other
 * text ("Łódź", "Москва", "Αθήνα") is set in DejaVu Sans, embedded as a subset of the glyphs used;
 * a character DejaVu lacks too (CJK) becomes "?". The font files come from the `dejavu-fonts-ttf`
 * package, not the system, so a PDF is the same on every machine.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The characters pdfkit's standard fonts encode (WinAnsi, as far as names need). */
const WIN_ANSI = /^[\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]*$/;

/**
 * Path of the DejaVu Sans file, resolved on first use, not at import: what imports the export
 * (the project service) must load where the font package is absent, e.g. a bundled test driver.
 */
function unicodeFont(bold: boolean): string {
  return require.resolve(bold ? 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf' : 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
}

/**
 * Selects the font for `text` on `doc` and returns the text to draw: control characters dropped,
 * and characters the chosen font cannot draw replaced by "?".
 */
export function setFontFor(doc: PDFKit.PDFDocument, text: string, bold: boolean): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '');
  if (WIN_ANSI.test(clean)) {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    return clean;
  }
  doc.font(unicodeFont(bold));
  const font = (doc as unknown as { _font: { font: { hasGlyphForCodePoint(c: number): boolean } } })._font.font;
  return Array.from(clean, (c) => (font.hasGlyphForCodePoint(c.codePointAt(0)!) ? c : '?')).join('');
}
