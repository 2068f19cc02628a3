/**
 * Text widths for the layout, from the Helvetica metrics (AFM) pdfkit ships. SVG names Helvetica
 * with Arial as fallback and the PPTX uses Arial, whose widths are Helvetica's, so one measure
 * places text right in all three outputs. Text in other scripts is measured in the PDF's DejaVu
 * Sans (pdf-fonts.ts), a little wider than Arial: the SVG and PPTX then have room to spare.
 */
import PDFDocument from 'pdfkit';
import type { MeasureText } from '../../../shared/print/types.ts';
import { setFontFor } from './pdf-fonts.ts';

let doc: PDFKit.PDFDocument | null = null;

export const measureText: MeasureText = (text, size, bold) => {
  doc ??= new PDFDocument({ size: [100, 100], autoFirstPage: true });
  const shown = setFontFor(doc, text, bold === true);
  return doc.fontSize(size).widthOfString(shown);
};
