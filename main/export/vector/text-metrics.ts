/**
 * Text widths for the layout, from the Helvetica metrics (AFM) pdfkit ships. SVG names Helvetica
 * with Arial as fallback and the PPTX uses Arial, whose widths are Helvetica's, so one measure
 * places text right in all three outputs.
 */
import PDFDocument from 'pdfkit';
import type { MeasureText } from '../../../shared/print/types.ts';

let doc: PDFKit.PDFDocument | null = null;

export const measureText: MeasureText = (text, size, bold) => {
  doc ??= new PDFDocument({ size: [100, 100], autoFirstPage: true });
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
  return doc.widthOfString(text);
};
