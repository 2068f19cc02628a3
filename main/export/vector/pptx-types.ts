/**
 * pptxgenjs types, reached through its class: the package declares CommonJS-style types
 * (`export default` plus a global namespace) that NodeNext resolution cannot name directly.
 */
import pptxgenModule from 'pptxgenjs';

type PptxClass = (typeof import('pptxgenjs'))['default'];
export type Pptx = InstanceType<PptxClass>;
export type PptxSlide = ReturnType<Pptx['addSlide']>;
export type PptxShapeProps = NonNullable<Parameters<PptxSlide['addShape']>[1]>;
/** Shape names; `custGeom` (custom geometry) works but is missing from the declared union. */
export type PptxShapeName = Parameters<PptxSlide['addShape']>[0];
export type PptxTableRow = Parameters<PptxSlide['addTable']>[0][number];
export type PptxTableCell = PptxTableRow[number];

// The ES build (what tsx loads) default-exports the class; CommonJS interop puts it on `.default`.
export const PptxGenJS = ((pptxgenModule as unknown as { default?: unknown }).default ?? pptxgenModule) as PptxClass;
